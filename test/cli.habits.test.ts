// More of ESLint's habits, on the built CLI in a child process: colour as supports-color and no-color.org
// decide it, a directory or glob with no plan is an error (unless --no-error-on-unmatched-pattern), the
// pre-commit hooks say nothing about the files they pass by (--verbose does), and --fix deletes the
// unused rules of a directive that still silences others, as the JSON report's fix says.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BROKEN, CLEAN, ROOT, run } from './support/cli-process';
import { parseJsonReport } from './support/json-report';
// The built CLI in process (a terminal is faked there): it loads its formatters with require(), which the
// test runner does not resolve to .ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../dist/src/cli/main.js') as typeof import('../src/cli/main');

// eslint-disable-next-line no-control-regex -- it looks for the colour codes of a terminal
const ANSI = /\x1b\[\d+m/;
const NOT_A_PLAN = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'knl-habits-'));
});

/** A folder under the temp folder with these files. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('colour', () => {
  /** The stylish report of the broken example, with this environment (NO_COLOR and FORCE_COLOR unset unless given). */
  const report = (env: NodeJS.ProcessEnv, flags: string[] = []) =>
    run([...flags, BROKEN], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: undefined, ...env } }).stdout;

  it('is off in a pipe, and forced on by FORCE_COLOR, which beats NO_COLOR and TERM=dumb', () => {
    expect(report({})).not.toMatch(ANSI);
    for (const on of ['1', '2', '3', 'true', '']) expect(report({ FORCE_COLOR: on, NO_COLOR: '1', TERM: 'dumb' }), on).toMatch(ANSI);
    for (const off of ['0', 'false']) expect(report({ FORCE_COLOR: off }), off).not.toMatch(ANSI);
    // A value that is no level says nothing: the pipe decides.
    expect(report({ FORCE_COLOR: 'always' })).not.toMatch(ANSI);
  });

  it('follows --color and --no-color over the environment', () => {
    expect(report({ FORCE_COLOR: '0', NO_COLOR: '1' }, ['--color'])).toMatch(ANSI);
    expect(report({ FORCE_COLOR: '1' }, ['--no-color'])).not.toMatch(ANSI);
  });

  it('is on for a terminal, unless NO_COLOR is set (not empty) or TERM is dumb; a report written to a file is a file', async () => {
    const stylish = async (env: NodeJS.ProcessEnv, args: string[] = []) => {
      let out = '';
      const stdout = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((out += String(chunk)), done()) }), { isTTY: true });
      const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
      expect(await main([...args, BROKEN], { cwd: ROOT, stdout, stderr, readStdin: () => ({ bytes: Buffer.alloc(0) }), env })).toBe(1);
      return out;
    };
    expect(await stylish({})).toMatch(ANSI);
    expect(await stylish({ NO_COLOR: '' })).toMatch(ANSI);
    expect(await stylish({ NO_COLOR: '1' })).not.toMatch(ANSI);
    expect(await stylish({ TERM: 'dumb' })).not.toMatch(ANSI);
    expect(await stylish({ TERM: 'dumb', FORCE_COLOR: '1' })).toMatch(ANSI);
    const file = join(tmp, 'report.txt');
    await stylish({}, ['-o', file]);
    expect(readFileSync(file, 'utf8')).not.toMatch(ANSI);
    await stylish({ FORCE_COLOR: '1' }, ['-o', file]);
    expect(readFileSync(file, 'utf8')).toMatch(ANSI);
  });
});

describe('a directory or glob that lints nothing', () => {
  it('is an error with exit 2, saying why: nothing matched, nothing is a plan, or everything is ignored', () => {
    const cwd = folder('unmatched', {});
    folder('unmatched/empty', {});
    folder('unmatched/k8s', { 'web.yaml': NOT_A_PLAN, 'db.yaml': NOT_A_PLAN, 'notes.txt': readFileSync(BROKEN, 'utf8') });
    folder('unmatched/one', { 'web.yaml': NOT_A_PLAN });
    folder('unmatched/ignored', { '.kube-netlint.yaml': 'ignores: ["plan*.yaml"]\n', 'plan.yaml': readFileSync(BROKEN, 'utf8') });
    folder('unmatched/mixed', { '.kube-netlint.yaml': 'ignores: ["plan*.yaml"]\n', 'plan.yaml': readFileSync(BROKEN, 'utf8'), 'web.yaml': NOT_A_PLAN });
    const errors = {
      empty: 'kube-netlint: no files matching the pattern "empty" were found\n',
      'nothing/*.yaml': 'kube-netlint: no files matching the pattern "nothing/*.yaml" were found\n',
      k8s: 'kube-netlint: none of the 2 files matched by "k8s" is a ClusterPlan or an inventory kube-netlint reads (--verbose says why each was passed by; see --input-format)\n',
      'one/*.yaml':
        'kube-netlint: the file matched by "one/*.yaml" is not a ClusterPlan or an inventory kube-netlint reads (--verbose says why each was passed by; see --input-format)\n',
      ignored: 'kube-netlint: all files matched by "ignored" are ignored by the configuration\n',
      mixed:
        'kube-netlint: the file matched by "mixed" is not a ClusterPlan or an inventory kube-netlint reads (1 more ignored by the configuration; --verbose says why each was passed by; see --input-format)\n',
    };
    for (const [pattern, stderr] of Object.entries(errors)) {
      expect(run([pattern], { cwd }), pattern).toEqual({ code: 2, stdout: '', stderr });
      expect(run(['--no-error-on-unmatched-pattern', pattern], { cwd }), pattern).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    // The plans that were found are still reported.
    const both = run(['--format', 'json', BROKEN, 'k8s'], { cwd });
    expect(both).toMatchObject({ code: 2, stderr: errors.k8s });
    expect(parseJsonReport(both.stdout).map((r) => r.filePath)).toEqual([BROKEN]);
  });

  it('is not an error when a plan it found was linted; a file named is no search, and a missing path is an error of its own', () => {
    const cwd = folder('matched', { 'plan.yaml': readFileSync(CLEAN, 'utf8'), 'web.yaml': NOT_A_PLAN });
    folder('matched/binary', { 'junk.yaml': '\u0000\u0001\u0002 binary' });
    expect(run(['.', '*.yaml'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
    // A named file that is not a plan stays a skip, with its notice.
    expect(run(['web.yaml'], { cwd })).toMatchObject({
      code: 0,
      stderr: 'kube-netlint: skipping web.yaml: not a cluster plan (no ClusterPlan or inventory kube-netlint reads; see --input-format)\n',
    });
    // A path that does not exist is an error unless the flag says to pass it by.
    expect(run(['missing.yaml'], { cwd })).toEqual({ code: 2, stdout: '', stderr: 'kube-netlint: no such file or directory: missing.yaml\n' });
    expect(run(['--no-error-on-unmatched-pattern', 'missing.yaml', 'plan.yaml'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('globs files of any name when --input-format names their format', () => {
    const cwd = folder('scripts', { 'etcd.sh': 'firewall-cmd --permanent --add-port=2379-2380/tcp\n' });
    expect(run(['*.sh'], { cwd })).toMatchObject({ code: 2, stderr: 'kube-netlint: no files matching the pattern "*.sh" were found\n' });
    expect(run(['--input-format', 'firewalld', '*.sh'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('notices about skipped files', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string }[];

  it('are not printed by the pre-commit hooks, whose output is the findings alone; --verbose prints them', () => {
    const cwd = folder('staged', { 'plan.yaml': readFileSync(BROKEN, 'utf8'), 'cm.yaml': NOT_A_PLAN, 'page.yaml.j2': 'x: {{ y }}\n' });
    expect(hooks.map((h) => h.id)).toEqual(['kube-netlint', 'kube-netlint-system']);
    for (const hook of hooks) {
      const [bin, ...args] = hook.entry.split(' ');
      expect(bin).toBe('kube-netlint');
      // pre-commit runs `entry`, then the hook's `args`, then the staged files.
      const quiet = run([...args, 'plan.yaml', 'cm.yaml', 'page.yaml.j2'], { cwd });
      expect(quiet).toMatchObject({ code: 1, stderr: '' });
      expect(quiet.stdout).toContain('duplicate-mac');
      expect(run([...args, '--verbose', 'cm.yaml', 'page.yaml.j2'], { cwd })).toEqual({
        code: 0,
        stdout: '',
        stderr:
          'kube-netlint: skipping cm.yaml: not a cluster plan (no ClusterPlan or inventory kube-netlint reads; see --input-format)\n' +
          'kube-netlint: skipping page.yaml.j2: a template; lint the file it renders\n',
      });
    }
  });

  it('are printed for named files at a terminal, and with --verbose for files found in directories too', () => {
    const cwd = folder('verbose', { 'plan.yaml': readFileSync(CLEAN, 'utf8'), 'cm.yaml': NOT_A_PLAN, 'junk.yaml': '\u0000\u0001 binary' });
    expect(run(['.'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
    const verbose = run(['--verbose', '.'], { cwd });
    expect(verbose.code).toBe(0);
    expect(verbose.stderr.split('\n')).toEqual([
      'kube-netlint: skipping cm.yaml: not a cluster plan (no ClusterPlan or inventory kube-netlint reads; see --input-format)',
      expect.stringMatching(/^kube-netlint: skipping junk\.yaml: .*binary/) as unknown as string,
      '',
    ]);
  });
});

describe('--fix on a directive that still silences some of its rules', () => {
  it('deletes the unused rule from the list, as the JSON report fix says, keeping the rest of the comment', () => {
    const text = readFileSync(BROKEN, 'utf8').replace(
      /^( +)(mac: "52:54:00:AA:CC:01"\n)/m,
      '$1# kube-netlint-disable-next-line duplicate-mac, invalid-hostname -- cloned from worker-1 on purpose\n$1$2',
    );
    const plan = join(folder('partial', {}), 'plan.yaml');
    writeFileSync(plan, text);
    const [result] = parseJsonReport(run(['--format', 'json', plan]).stdout);
    const unused = result.messages.filter((m) => m.ruleId === 'unused-directive');
    expect(unused.map((m) => m.message)).toEqual([
      'unused kube-netlint-disable-next-line directive: no "invalid-hostname" problem is reported on the line it covers',
    ]);
    const { range, text: replacement } = unused[0].fix!;
    expect([text.slice(range[0], range[1]), replacement]).toEqual([', invalid-hostname', '']);

    expect(run(['--fix', plan]).code).toBe(1);
    const fixed = readFileSync(plan, 'utf8');
    expect(fixed).toBe(text.replace(', invalid-hostname', ''));
    expect(fixed).toContain('# kube-netlint-disable-next-line duplicate-mac -- cloned from worker-1 on purpose\n');
    expect(parseJsonReport(run(['--format', 'json', plan]).stdout)[0].messages.map((m) => m.ruleId)).not.toContain('unused-directive');
  });
});
