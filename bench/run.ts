// `npm run bench`: times yaml parsing alone against the whole lint() on generated plans (in process,
// medians of several runs), then whole processes on the same files: kube-netlint, `node -e 0`, and
// yamllint when installed (the YAML linter pre-commit users already run); and the peak memory of
// linting the largest plan. Prints tables and writes them as JSON to bench/out/results.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lint } from '../src/engine/lint';
import { generatePlan } from './generate';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = join(__dirname, '..', '..');
const OUT = process.env.BENCH_OUT ?? join(ROOT, 'bench', 'out');

function median(fn: () => void, runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));

/** Wall time of a whole process, median of runs; undefined when the command is missing. */
function processMs(cmd: string, args: string[]): number | undefined {
  if (spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error) return undefined;
  return +median(() => void spawnSync(cmd, args, { stdio: 'ignore' }), Math.min(RUNS, 5)).toFixed(1);
}

mkdirSync(OUT, { recursive: true });
lint(generatePlan({ nodes: 10 })); // warm up
const rows = SIZES.map((nodes) => {
  const text = generatePlan({ nodes });
  const file = join(OUT, `plan-${nodes}.yaml`);
  writeFileSync(file, text);
  const diagnostics = lint(text).diagnostics.length;
  const parseMs = median(() => parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: true }));
  const lintMs = median(() => lint(text));
  return {
    nodes,
    lines: text.split('\n').length,
    parseMs: +parseMs.toFixed(1),
    lintMs: +lintMs.toFixed(1),
    ratio: +(lintMs / parseMs).toFixed(2),
    diagnostics,
    cliMs: processMs(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), file]),
    yamllintMs: processMs('yamllint', ['-d', 'relaxed', file]),
  };
});
const nodeMs = processMs(process.execPath, ['-e', '0']);

console.log('in process (ms)                                      whole process (ms)');
console.log(' nodes    lines    parse     lint  lint/parse  diags   kube-netlint  yamllint');
for (const r of rows) {
  console.log(`${pad(r.nodes, 6)} ${pad(r.lines, 8)} ${pad(ms(r.parseMs), 8)} ${pad(ms(r.lintMs), 8)} ${pad(r.ratio.toFixed(2), 11)} ${pad(r.diagnostics, 6)} ${pad(ms(r.cliMs), 14)} ${pad(ms(r.yamllintMs), 9)}`);
}
console.log(`node -e 0: ${ms(nodeMs)} ms${rows.some((r) => r.yamllintMs === undefined) ? '; yamllint not installed (apt-get install yamllint)' : ''}`);
const byNodes = new Map(rows.map((r) => [r.nodes, r]));
if (byNodes.has(1000) && byNodes.has(10000)) console.log(`10,000 nodes cost ${(byNodes.get(10000)!.lintMs / byNodes.get(1000)!.lintMs).toFixed(1)} × 1,000 nodes`);

// Peak memory in a fresh process that reads and lints the largest plan, as the CLI would.
const largest = Math.max(...SIZES);
const probe = `const {lint}=require(${JSON.stringify(join(ROOT, 'dist', 'src', 'engine', 'lint.js'))});lint(require('fs').readFileSync(${JSON.stringify(join(OUT, `plan-${largest}.yaml`))},'utf8'));console.log(process.resourceUsage().maxRSS)`;
const peakMb = +(Number(spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout.trim()) / 1024).toFixed(1);
console.log(`peak memory linting ${largest.toLocaleString('en-US')} nodes: ${peakMb} MB`);

writeFileSync(join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: RUNS, nodeMs, peakMb, rows }, null, 2));
