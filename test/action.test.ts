// The GitHub Action as the runner runs it: the committed bundle (action/dist/index.js), copied without
// node_modules into a fresh checkout of the action, started by `node` in a workspace of plans, with the inputs
// as INPUT_* variables (action.yml's defaults for those a workflow leaves out) and temporary files for
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. UPDATE_FIXTURES=1 rewrites the job summary's golden for review.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readInputs } from '../src/action/inputs';
import { annotationsIn, errorCommand, setOutput } from '../src/action/runner';
import { parseSarif } from './support/sarif';

const ROOT = join(__dirname, '..');
const BROKEN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
const CLEAN = join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml');
const SUMMARY_GOLDEN = join(ROOT, 'fixtures', 'formats', 'broken-plan.job-summary.md');

interface ActionYml {
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

/** How the runner names an input's variable: upper case, spaces as `_`, dashes kept. */
const inputVariable = (id: string) => `INPUT_${id.replace(/ /g, '_').toUpperCase()}`;
const inputEnv = (inputs: Record<string, string>) =>
  Object.fromEntries(
    Object.entries({ ...Object.fromEntries(Object.entries(action.inputs).map(([id, i]) => [id, i.default])), ...inputs }).map(([id, v]) => [
      inputVariable(id),
      v,
    ]),
  );

/** A checkout of the action as the runner downloads it, with nothing installed: action.yml, package.json and the bundle. */
const checkout = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'knl-action-checkout-'));
  for (const file of ['action.yml', 'package.json']) copyFileSync(join(ROOT, file), join(dir, file));
  cpSync(join(ROOT, 'action', 'dist'), join(dir, 'action', 'dist'), { recursive: true });
  return dir;
})();

const GITHUB = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/clusters',
  GITHUB_SHA: '5f1c0e4b9a7d3c2e1f0a9b8c7d6e5f4a3b2c1d0e',
};

/** A workspace holding `plans/<name>` for each file given. */
function workspace(files: Record<string, string> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'knl-action-ws-'));
  mkdirSync(join(ws, 'plans'));
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(ws, 'plans', name));
  return ws;
}

/** Runs the action in `ws` (no variable of this process's environment leaks in, GITHUB_* least of all). */
function runAction(ws: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  const output = join(ws, '.github-output');
  const summary = join(ws, '.step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const r = spawnSync(process.execPath, [join(checkout, action.runs.main)], {
    cwd: ws,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...GITHUB, GITHUB_WORKSPACE: ws, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...inputEnv(inputs), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
}

describe('action.yml', () => {
  it('is a JavaScript action on node24 whose main is the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/dist/index.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
  });

  it('documents every input the action reads, and the action reads every input it documents', () => {
    const read = new Set<string>();
    const env = new Proxy(inputEnv({}), { get: (target, key: string) => (read.add(key), target[key]) });
    expect(readInputs(env)).toEqual({
      paths: ['.'],
      format: 'github',
      config: '',
      sarif: false,
      sarifFile: 'kube-netlint.sarif',
      summary: true,
      failOnError: true,
    });
    expect([...read].sort()).toEqual(Object.keys(action.inputs).map(inputVariable).sort());
    expect(Object.keys(action.outputs)).toEqual(['sarif-file']);
    // A YAML block scalar gives one path per line.
    expect(readInputs(inputEnv({ paths: 'plans/a.yaml  plans/b.yaml\ninventories/**/hosts.ini\n' })).paths).toEqual([
      'plans/a.yaml',
      'plans/b.yaml',
      'inventories/**/hosts.ini',
    ]);
  });
});

describe('the action on a plan with findings', () => {
  const ws = workspace({ 'broken-plan.yaml': BROKEN });
  const r = runAction(ws, { paths: 'plans', sarif: 'true', 'sarif-file': 'reports/kube-netlint.sarif' });

  it('annotates each finding, fails the step with exit 1 and sets sarif-file to the report it wrote', () => {
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=plans\/broken-plan\.yaml,line=35,col=16,endLine=35,endColumn=35,title=kube-netlint \(duplicate-mac\)::/m);
    expect(annotationsIn(r.stdout)).toEqual({ error: 17, warning: 3, info: 0 });
    expect(r.stderr).toBe('');
    expect(r.outputs).toBe('sarif-file=reports/kube-netlint.sarif\n');
    expect(parseSarif(readFileSync(join(ws, 'reports', 'kube-netlint.sarif'), 'utf8')).runs[0].results).toHaveLength(20);
  });

  it('writes the job summary: counts per file, the findings linked to their lines, and the note on capped annotations', () => {
    if (process.env.UPDATE_FIXTURES && (!existsSync(SUMMARY_GOLDEN) || readFileSync(SUMMARY_GOLDEN, 'utf8') !== r.summary))
      writeFileSync(SUMMARY_GOLDEN, r.summary);
    expect(r.summary).toBe(readFileSync(SUMMARY_GOLDEN, 'utf8'));
  });

  it('passes the step with fail-on-error: false, and writes neither SARIF nor summary when they are off', () => {
    const ws = workspace({ 'broken-plan.yaml': BROKEN });
    const quiet = runAction(ws, { paths: 'plans', 'fail-on-error': 'false', summary: 'false' });
    expect(quiet).toMatchObject({ code: 0, stdout: r.stdout, outputs: '', summary: '' });
    expect(existsSync(join(ws, 'kube-netlint.sarif'))).toBe(false);
  });

  it('prints the format asked for, and makes no annotation note when it printed no annotations', () => {
    const stylish = runAction(workspace({ 'broken-plan.yaml': BROKEN }), { paths: 'plans', format: 'stylish' });
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('✖ 20 problems (17 errors, 3 warnings)');
    expect(stylish.summary).toBe(r.summary.slice(0, r.summary.indexOf('\n> [!NOTE]')));
  });
});

describe('the action on a clean plan', () => {
  it('passes, prints nothing, and says so in the summary', () => {
    const ws = workspace({ 'ha.yaml': CLEAN });
    const r = runAction(ws, { paths: 'plans/*.yaml', sarif: 'true' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '', outputs: 'sarif-file=kube-netlint.sarif\n' });
    expect(r.summary).toBe('### kube-netlint\n\nNo problems in 1 file.\n');
    expect(parseSarif(readFileSync(join(ws, 'kube-netlint.sarif'), 'utf8')).runs[0].results).toEqual([]);
  });

  it('runs outside Actions too: no output or summary file named, nothing written', () => {
    const ws = workspace({ 'ha.yaml': CLEAN });
    const r = runAction(ws, { paths: 'plans', sarif: 'true' }, { GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '' });
    expect(r).toMatchObject({ code: 0, stdout: '', outputs: '', summary: '' });
  });
});

describe('a failure to run (exit 2)', () => {
  const failed = (r: ReturnType<typeof runAction>, message: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(message);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);
    expect({ outputs: r.outputs, summary: r.summary }).toEqual({ outputs: '', summary: '' });
  };

  it('fails the step with the message as an error annotation and sets no output, for a broken configuration', () => {
    const ws = workspace({ 'broken-plan.yaml': BROKEN });
    writeFileSync(join(ws, 'bad.yaml'), 'rules: {nope: off}\n');
    const r = runAction(ws, { paths: 'plans', config: 'bad.yaml', sarif: 'true' });
    failed(r, /^::error::kube-netlint: .*unknown rule "nope"/m);
    expect(existsSync(join(ws, 'kube-netlint.sarif'))).toBe(false);
  });

  it('does the same for a configuration that cannot be read, a bad input, and no paths', () => {
    const ws = workspace({ 'broken-plan.yaml': BROKEN });
    failed(runAction(ws, { paths: 'plans', config: 'missing.yaml' }), /^::error::kube-netlint: .*missing\.yaml/m);
    failed(runAction(ws, { paths: 'plans', sarif: 'yes' }), /^::error::kube-netlint: input sarif must be true or false, got "yes"$/m);
    failed(runAction(ws, { paths: ' ' }), /^::error::kube-netlint: no files given/m);
    failed(runAction(ws, { paths: 'plans', format: 'html' }), /^::error::kube-netlint: unknown format "html"/m);
  });

  it('fails when the SARIF report cannot be written, setting no output', () => {
    const ws = workspace({ 'broken-plan.yaml': BROKEN });
    writeFileSync(join(ws, 'reports'), 'a file where the folder would be\n');
    failed(
      runAction(ws, { paths: 'plans', sarif: 'true', 'sarif-file': 'reports/kube-netlint.sarif' }),
      /^::error::kube-netlint: cannot write reports\/kube-netlint\.sarif/m,
    );
  });
});

describe('the runner protocol', () => {
  it('writes an output as name=value, or in the heredoc form when the value has a line break', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'knl-output-')), 'out');
    setOutput({ GITHUB_OUTPUT: file }, 'sarif-file', 'a.sarif');
    setOutput({ GITHUB_OUTPUT: file }, 'sarif-file', 'odd\nname.sarif');
    expect(readFileSync(file, 'utf8')).toMatch(/^sarif-file=a\.sarif\nsarif-file<<(kube-netlint-[0-9a-f-]{36})\nodd\nname\.sarif\n\1\n$/);
  });

  it('escapes an error annotation as actions/toolkit does, and counts the annotation commands of a log', () => {
    expect(errorCommand('kube-netlint: 100% broken\r\nkube-netlint: twice\n')).toBe('::error::kube-netlint: 100%25 broken%0D%0Akube-netlint: twice\n');
    expect(annotationsIn('::error file=a::x\n::notice::y\n  ::error::not a command\n::warning title=t::z\n::error::w\n')).toEqual({
      error: 2,
      warning: 1,
      info: 1,
    });
  });
});
