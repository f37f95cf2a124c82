// `npm run bench`: times yaml parsing alone against the whole lint() on generated plans, medians of
// several runs, and writes the table as JSON to bench/out/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lint } from '../src/engine/lint';
import { generatePlan } from './generate';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

lint(generatePlan({ nodes: 10 })); // warm up: compiles the schema validator once
const rows = SIZES.map((nodes) => {
  const text = generatePlan({ nodes });
  const diagnostics = lint(text).diagnostics.length;
  const parseMs = median(() => parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: true }));
  const lintMs = median(() => lint(text));
  return { nodes, lines: text.split('\n').length, parseMs: +parseMs.toFixed(1), lintMs: +lintMs.toFixed(1), ratio: +(lintMs / parseMs).toFixed(2), diagnostics };
});

console.log('nodes    lines    parse ms    lint ms    lint/parse  diagnostics');
for (const r of rows) {
  console.log(`${String(r.nodes).padStart(6)} ${String(r.lines).padStart(8)} ${r.parseMs.toFixed(1).padStart(10)} ${r.lintMs.toFixed(1).padStart(10)} ${r.ratio.toFixed(2).padStart(12)} ${String(r.diagnostics).padStart(12)}`);
}
const byNodes = new Map(rows.map((r) => [r.nodes, r]));
if (byNodes.has(1000) && byNodes.has(10000)) console.log(`10,000 nodes cost ${(byNodes.get(10000)!.lintMs / byNodes.get(1000)!.lintMs).toFixed(1)} × 1,000 nodes`);
const out = join(__dirname, '..', '..', 'bench', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: RUNS, rows }, null, 2));
