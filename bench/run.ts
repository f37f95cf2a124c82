// `npm run bench`: times yaml parsing alone against the whole lint() on generated plans (in process,
// medians of several runs), then whole processes on the same files: kube-netlint, `node -e 0`, and
// yamllint when installed (the YAML linter pre-commit users already run); the peak memory of linting
// the largest plan; the share of lint() each stage and rule family takes; and the language server's
// latency from an edit to its diagnostics. Prints tables and writes them as JSON to bench/out/results.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lint } from '../src/linter';
import { familyShares, STAGES, type FamilyShares } from './families';
import { generatePlan } from './generate';
import { measureLsp, type LspLatency } from './lsp-latency';
import { judgeTargets, printTargets } from './targets';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = join(__dirname, '..', '..');
const OUT = process.env.BENCH_OUT ?? join(ROOT, 'bench', 'out');
/** The size the issue asks the language server to be timed on. */
const LSP_NODES = 1000;
const LSP_EDITS = 20;

interface Plan {
  nodes: number;
  text: string;
  file: string;
}

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
const count = (n: number) => n.toLocaleString('en-US');

/** Wall time of a whole process, median of runs; undefined when the command is missing. */
function processMs(cmd: string, args: string[], runs = Math.min(RUNS, 5)): number | undefined {
  if (spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error) return undefined;
  return +median(() => void spawnSync(cmd, args, { stdio: 'ignore' }), runs).toFixed(1);
}

/** A 3-node plan from the fixtures: start-up is what it measures, so the plan is small. */
const SMALL_PLAN = join(ROOT, 'fixtures', 'duplicate-hostname', 'valid', 'distinct-names.yaml');
/** Start-up differs by a few ms from run to run: more runs than for the large plans. */
const START_RUNS = 21;

function writePlan(nodes: number): Plan {
  const text = generatePlan({ nodes });
  const file = join(OUT, `plan-${nodes}.yaml`);
  writeFileSync(file, text);
  return { nodes, text, file };
}

/** A process that only reads and parses the plan with `yaml`: the floor for the whole-process lint. */
const PARSE_ONLY = `const { parseAllDocuments } = require(${JSON.stringify(require.resolve('yaml'))}); parseAllDocuments(require('fs').readFileSync(process.argv[1], 'utf8'), { uniqueKeys: true })`;
/** Where node templates are checked against the same plan written out. */
const TEMPLATE_NODES = 1000;

function measureSize({ nodes, text, file }: Plan) {
  const diagnostics = lint(text).diagnostics.length;
  const parseMs = median(() => parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: true }));
  const lintMs = median(() => lint(text));
  const template = nodes === TEMPLATE_NODES ? generatePlan({ nodes, template: true }) : undefined;
  return {
    nodes,
    lines: text.split('\n').length,
    parseMs: +parseMs.toFixed(1),
    lintMs: +lintMs.toFixed(1),
    ratio: +(lintMs / parseMs).toFixed(2),
    diagnostics,
    templateLintMs: template ? +median(() => lint(template)).toFixed(1) : undefined,
    cliMs: processMs(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), file]),
    parseProcessMs: processMs(process.execPath, ['-e', PARSE_ONLY, file]),
    yamllintMs: processMs('yamllint', ['-d', 'relaxed', file]),
  };
}
type Row = ReturnType<typeof measureSize>;

function printRows(rows: Row[], nodeMs: number | undefined): void {
  console.log('in process (ms)                                      whole process (ms)');
  console.log(' nodes    lines    parse     lint  lint/parse  diags   kube-netlint  parse only  yamllint');
  for (const r of rows) {
    console.log(
      `${pad(r.nodes, 6)} ${pad(r.lines, 8)} ${pad(ms(r.parseMs), 8)} ${pad(ms(r.lintMs), 8)} ${pad(r.ratio.toFixed(2), 11)} ${pad(r.diagnostics, 6)} ${pad(ms(r.cliMs), 14)} ${pad(ms(r.parseProcessMs), 11)} ${pad(ms(r.yamllintMs), 9)}`,
    );
  }
  const templated = rows.find((r) => r.templateLintMs !== undefined);
  if (templated)
    console.log(
      `${count(templated.nodes)} nodes from a template (<<: *worker): lint ${ms(templated.templateLintMs)} ms, written out ${ms(templated.lintMs)} ms`,
    );
  console.log(`node -e 0: ${ms(nodeMs)} ms${rows.some((r) => r.yamllintMs === undefined) ? '; yamllint not installed (apt-get install yamllint)' : ''}`);
  const byNodes = new Map(rows.map((r) => [r.nodes, r]));
  if (byNodes.has(1000) && byNodes.has(10000))
    console.log(`10,000 nodes cost ${(byNodes.get(10000)!.lintMs / byNodes.get(1000)!.lintMs).toFixed(1)} × 1,000 nodes`);
}

/** Peak memory of the CLI linting the plan: the CLI runs inside a probe that prints its maxRSS at exit. */
function peakMemoryMb(file: string): number {
  const cli = JSON.stringify(join(ROOT, 'bin', 'kube-netlint.js'));
  const probe = `process.argv.splice(1, Infinity, ${cli}, ${JSON.stringify(file)}); process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS)); require(${cli})`;
  const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  return +(Number(/maxrss (\d+)/.exec(run.stderr)?.[1]) / 1024).toFixed(1);
}

/** One column per size: milliseconds and percentage of the whole lint() per stage and rule family. */
function printFamilies(shares: FamilyShares[]): void {
  const cell = (v: number, pct: number) => ` ${pad(v.toFixed(1), 9)} ${pad(`${pct.toFixed(1)}%`, 6)}`;
  console.log(`\nshare of lint by stage and rule family (ms, % of lint; the median run of ${RUNS})`);
  console.log(`${''.padEnd(10)}${shares.map((s) => pad(`${count(s.nodes)} nodes`, 17)).join('')}`);
  for (const stage of STAGES) console.log(`${stage.padEnd(10)}${shares.map((s) => cell(s.stages[stage].ms, s.stages[stage].pct)).join('')}`);
  console.log(`${'lint'.padEnd(10)}${shares.map((s) => cell(s.lintMs, 100)).join('')}`);
  console.log('Shared analysis (address sets, reachability) is cached per plan: its cost lands on the family of the');
  console.log('first rule that needs it, in RULES order. other = the rest of lint(): suppression comments, sorting.');
  const largest = shares.reduce((a, b) => (b.nodes > a.nodes ? b : a));
  const heaviest = Object.entries(largest.rules)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  console.log(`heaviest rules at ${count(largest.nodes)} nodes: ${heaviest.map(([id, t]) => `${id} ${t.toFixed(1)} ms`).join(', ')}`);
}

/** The 1,000-node plan, or the largest one below it when BENCH_SIZES has no 1,000. */
function lspPlan(plans: Plan[]): Plan | undefined {
  return (
    plans.find((p) => p.nodes === LSP_NODES) ??
    plans
      .filter((p) => p.nodes < LSP_NODES)
      .sort((a, b) => a.nodes - b.nodes)
      .at(-1)
  );
}

function printLsp(lsp: LspLatency | null): void {
  if (!lsp) return console.log(`\nlanguage server: skipped, BENCH_SIZES has no plan of at most ${count(LSP_NODES)} nodes`);
  const label = lsp.nodes === LSP_NODES ? '' : ` (no ${count(LSP_NODES)} in BENCH_SIZES: the largest size below it)`;
  const spread = (l: LspLatency['edits']) => `median ${ms(l.medianMs)} ms (min ${ms(l.minMs)}, max ${ms(l.maxMs)}) over ${l.count}`;
  console.log(`\nlanguage server over stdio, ${count(lsp.nodes)}-node plan${label}`);
  console.log(`  change → diagnostics  ${spread(lsp.edits)} one-character edits`);
  console.log(`  open → diagnostics    ${ms(lsp.openMs)} ms`);
  console.log(`  completion            ${spread(lsp.completions)} completions, one on each edit's text`);
  console.log(`  hover                 ${spread(lsp.hovers)} hovers`);
  // Without this the numbers read as lint time: each one waits out the debounce before linting.
  console.log("Diagnostics times include the server's debounce after each change (DEBOUNCE_MS in server/server.ts);");
  console.log("the first hover after a change builds the plan model from the lint's parse; the next ones reuse it.");
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  lint(generatePlan({ nodes: 10 })); // warm up
  const plans = SIZES.map(writePlan);
  const rows = plans.map(measureSize);
  const nodeMs = processMs(process.execPath, ['-e', '0'], START_RUNS);
  printRows(rows, nodeMs);
  const coldStartMs = processMs(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), SMALL_PLAN], START_RUNS);
  console.log(`cold start on a 3-node plan: ${ms(coldStartMs)} ms, ${((coldStartMs ?? 0) / (nodeMs ?? 1)).toFixed(2)} × node -e 0`);

  const largest = plans.reduce((a, b) => (b.nodes > a.nodes ? b : a));
  const peakMb = peakMemoryMb(largest.file);
  console.log(`peak memory of the CLI linting ${count(largest.nodes)} nodes: ${peakMb} MB`);

  const families = plans.map((p) => familyShares(p.nodes, p.text, RUNS));
  printFamilies(families);

  const lspTarget = lspPlan(plans);
  const lsp = lspTarget ? await measureLsp(lspTarget.file, lspTarget.text, lspTarget.nodes, LSP_EDITS) : null;
  printLsp(lsp);

  const targets = judgeTargets({ rows, nodeMs, coldStartMs, peakMb, peakNodes: largest.nodes, lsp });
  printTargets(targets);

  const results = { date: new Date().toISOString(), node: process.version, runs: RUNS, nodeMs, coldStartMs, peakMb, rows, families, lsp, targets };
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
