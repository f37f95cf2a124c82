// The bench's generator makes plans that are clean, so the bench times the full rule set on a real
// plan, and one injected mistake is found among thousands of nodes; the bench itself runs on a small plan.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FamilyShares, Stage } from '../bench/families';
import { generatePlan } from '../bench/generate';
import type { LspLatency } from '../bench/lsp-latency';
import { judgeTargets, type Target } from '../bench/targets';
import { RULES } from '../rules';
import { lint } from '../src/linter';
import { anyOf } from './support/matchers';

/** bench/out/results.json as bench/run.ts writes it: the parts this test reads. */
interface BenchResults {
  rows: { nodes: number; diagnostics: number; cliMs: number }[];
  families: FamilyShares[];
  /** Measured here: the 100-node plan is within the language server's size. */
  lsp: LspLatency;
  targets: Target[];
}

describe('bench plans', () => {
  it('generates a clean 2,500-node plan over several subnets', () => {
    const text = generatePlan({ nodes: 2500 });
    const result = lint(text);
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('finds one cloned MAC among 2,500 nodes, at the right line', () => {
    const text = generatePlan({ nodes: 2500 }).replace('mac: "52:54:00:00:09:c3"', 'mac: "52:54:00:00:00:07"');
    const found = lint(text).diagnostics;
    expect(found.map((d) => d.ruleId)).toEqual(['duplicate-mac']);
    const line = text.split('\n').findIndex((l, i) => i > 100 && l.includes('"52:54:00:00:00:07"')) + 1;
    expect(found[0].range.start.line).toBe(line);
  });
});

describe('npm run bench', () => {
  it('runs on the 100-node plan and writes its tables as JSON', () => {
    const out = mkdtempSync(join(tmpdir(), 'knl-bench-'));
    const r = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'bench', 'run.js')], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_SIZES: '100', BENCH_RUNS: '1', BENCH_OUT: out },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ +100 +1\d{3} /m);
    expect(r.stdout).toMatch(/^node -e 0: [\d.]+ ms/m);
    expect(r.stdout).toMatch(/^cold start on a 3-node plan: [\d.]+ ms, [\d.]+ × node -e 0$/m);
    expect(r.stdout).toMatch(/^peak memory of the CLI linting 100 nodes: [\d.]+ MB$/m);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(results.rows).toEqual([expect.objectContaining({ nodes: 100, diagnostics: 0 })]);
    expect(results.rows[0].cliMs).toBeGreaterThan(0);

    // The share of each stage and rule family, in the table and the JSON; together they are the whole lint.
    expect(r.stdout).toMatch(/^share of lint by stage and rule family/m);
    const [shares] = results.families;
    expect(shares).toMatchObject({ nodes: 100, lintMs: anyOf(Number) });
    const stages: Stage[] = ['parse', 'model', 'syntax', 'identity', 'addressing', 'topology', 'firewall', 'exposure', 'other'];
    expect(Object.keys(shares.stages)).toEqual(stages);
    for (const stage of stages.slice(0, -1)) expect(shares.stages[stage].ms, stage).toBeGreaterThan(0);
    const sum = stages.reduce((total, s) => total + shares.stages[s].ms, 0);
    expect(sum).toBeCloseTo(shares.lintMs, 0);
    expect(Object.keys(shares.rules).sort()).toEqual(RULES.map((rule) => rule.meta.id).sort());

    // The language server, timed over stdio on the largest plan up to 1,000 nodes: here the 100-node one.
    expect(r.stdout).toMatch(/^ +change → diagnostics +median [\d.]+ ms .* over 20 one-character edits$/m);
    expect(results.lsp).toMatchObject({ nodes: 100, edits: { count: 20 }, hovers: { count: 6 }, hoversAnswered: 6 });
    expect(results.lsp.openMs).toBeGreaterThan(0);
    for (const latency of [results.lsp.edits, results.lsp.hovers]) {
      expect(latency.minMs).toBeGreaterThan(0);
      expect(latency.minMs).toBeLessThanOrEqual(latency.medianMs);
      expect(latency.medianMs).toBeLessThanOrEqual(latency.maxMs);
    }

    // The targets: only the cold start is measured on a 100-node run; the others need their sizes.
    expect(r.stdout).toMatch(/^ +cold start on a 3-node plan ≤ 1.5 × node -e 0 +[\d.]+× +(met|MISSED)$/m);
    expect(results.targets.filter((t) => t.met === undefined)).toHaveLength(7);
  });
});

describe('bench targets', () => {
  const row = (nodes: number, lintMs: number, ratio: number) => ({
    nodes,
    lintMs,
    ratio,
    cliMs: 2000,
    parseProcessMs: 1600,
    yamllintMs: 9000,
    templateLintMs: lintMs * 1.1,
  });
  const lsp = {
    nodes: 1000,
    openMs: 500,
    edits: { count: 20, medianMs: 231, minMs: 200, maxMs: 300 },
    completions: { count: 20, medianMs: 40, minMs: 30, maxMs: 60 },
    completionsAnswered: 20,
    hovers: { count: 6, medianMs: 9, minMs: 7, maxMs: 50 },
    hoversAnswered: 6,
  };

  it('judges each target by its ratio or bound, and never calls an unmeasured one met', () => {
    const judged = judgeTargets({ rows: [row(1000, 200, 1.2), row(10_000, 2400, 1.6)], nodeMs: 60, coldStartMs: 110, peakMb: 357, peakNodes: 10_000, lsp });
    expect(judged.map((t) => [t.measured, t.met])).toEqual([
      ['1.6×', false],
      ['1.25×', true],
      ["0.22× yamllint's time", true],
      ['12×', false],
      ['1.1×', true],
      ['1.83×', false],
      ['231 ms', false],
      ['357 MB', false],
    ]);
    const partial = judgeTargets({ rows: [row(100, 50, 1.3)], peakMb: 90, peakNodes: 100, lsp: null });
    expect(partial.every((t) => t.met === undefined && t.measured === undefined)).toBe(true);
  });
});
