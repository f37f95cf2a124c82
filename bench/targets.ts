// The targets, judged on one bench run: each with the measured value and whether it was met.
// Ratios, because absolute times drift from machine to machine. A target whose plan size was not in
// BENCH_SIZES (or whose tool is missing) is reported as not measured, never as met.
import type { LspLatency } from './lsp-latency';

export interface TargetInput {
  rows: { nodes: number; ratio: number; lintMs: number; cliMs?: number; parseProcessMs?: number; yamllintMs?: number; templateLintMs?: number }[];
  nodeMs?: number;
  coldStartMs?: number;
  peakMb: number;
  peakNodes: number;
  lsp: LspLatency | null;
}

export interface Target {
  target: string;
  measured?: string;
  met?: boolean;
}

export function judgeTargets({ rows, nodeMs, coldStartMs, peakMb, peakNodes, lsp }: TargetInput): Target[] {
  const at = (nodes: number) => rows.find((r) => r.nodes === nodes);
  const big = at(10_000);
  const small = at(1000);
  const judged = (target: string, value: number | undefined, limit: number, unit: string): Target =>
    value === undefined ? { target } : { target, measured: `${+value.toFixed(2)}${unit}`, met: value <= limit };
  const yamllint = big?.cliMs !== undefined && big.yamllintMs !== undefined ? big.cliMs / big.yamllintMs : undefined;
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  return [
    judged('whole lint ≤ 1.5 × parse alone, 10,000 nodes', big?.ratio, 1.5, '×'),
    judged('whole process ≤ 1.5 × a process that only parses, 10,000 nodes', ratio(big?.cliMs, big?.parseProcessMs), 1.5, '×'),
    judged('whole process faster than yamllint, 10,000 nodes', yamllint, 1, "× yamllint's time"),
    judged('10,000 nodes ≤ 11 × 1,000 nodes', ratio(big?.lintMs, small?.lintMs), 11, '×'),
    judged('1,000 nodes from a template (<<: *worker) ≤ 1.2 × written out', ratio(small?.templateLintMs, small?.lintMs), 1.2, '×'),
    judged('cold start on a 3-node plan ≤ 1.5 × node -e 0', ratio(coldStartMs, nodeMs), 1.5, '×'),
    judged('language server change → diagnostics ≤ 50 ms, 1,000 nodes', lsp?.nodes === 1000 ? lsp.edits.medianMs : undefined, 50, ' ms'),
    judged('peak memory of the CLI ≤ 300 MB, 10,000 nodes', peakNodes === 10_000 ? peakMb : undefined, 300, ' MB'),
  ];
}

export function printTargets(targets: Target[]): void {
  console.log('\ntargets');
  for (const t of targets) {
    const verdict = t.met === undefined ? 'not measured (size not in BENCH_SIZES, or tool missing)' : t.met ? 'met' : 'MISSED';
    console.log(`  ${t.target.padEnd(66)} ${(t.measured ?? '-').padStart(22)}  ${verdict}`);
  }
}
