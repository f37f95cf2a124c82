// The pre-commit hook for real: Debian's pre-commit installs this repo as a hook environment (npm
// install, npm pack, npm install -g) and runs it on the staged files of a temporary git repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWith, tool } from './support/tools';

const ROOT = join(__dirname, '..');
const EXAMPLES = join(ROOT, 'fixtures', 'examples');
// CI installs pre-commit (.ci/run) and fails without it; elsewhere the tests are skipped when it is missing.
const preCommit = tool('pre-commit', ['--version'], 'pre-commit');

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
let home: string;

function newRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'knl-precommit-repo-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  for (const [name, from] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    if (from.startsWith('/')) copyFileSync(from, join(dir, name));
    else writeFileSync(join(dir, name), from);
  }
  execFileSync('git', ['add', '.'], { cwd: dir });
  return dir;
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: home, NO_COLOR: '1' } });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describeWith(preCommit, 'pre-commit hook', { timeout: 300_000 }, () => {
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'knl-precommit-home-'));
  });

  it('rejects a staged broken plan with the diagnostics shown', () => {
    const repo = newRepo({ 'plans/prod.yaml': join(EXAMPLES, 'broken-plan.yaml'), 'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n' });
    const r = run('pre-commit', ['try-repo', ROOT, 'kube-netlint'], repo);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/kube-netlint\.+Failed/);
    expect(r.output).toContain('plans/prod.yaml');
    expect(r.output).toMatch(/35:16 +error +MAC "52:54:00:AA:CC:01" .* duplicate-mac/);
    // The hooks run with --no-warn-ignored: no notice about the staged files that are not plans.
    expect(r.output).not.toContain('k8s/cm.yaml');
  });

  // The two cases below share one hook environment: this repo at its committed HEAD.
  const config = () => {
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return `repos:\n  - repo: ${ROOT}\n    rev: ${rev}\n    hooks:\n      - id: kube-netlint\n`;
  };

  it('passes a clean plan, and ignores YAML and JSON files that are not plans', () => {
    const repo = newRepo({
      '.pre-commit-config.yaml': config(),
      'plans/ha.yaml': join(EXAMPLES, 'ha-cluster.yaml'),
      'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
      'package.json': '{"name": "x"}\n',
    });
    const r = run('pre-commit', ['run'], repo);
    expect(r.output).toMatch(/kube-netlint\.+Passed/);
    expect(r.code).toBe(0);
  });

  it('blocks `git commit` once installed as a hook', () => {
    const repo = newRepo({ '.pre-commit-config.yaml': config(), 'plan.yaml': join(EXAMPLES, 'broken-plan.yaml') });
    expect(run('pre-commit', ['install'], repo).code).toBe(0);
    const blocked = run('git', ['commit', '-q', '-m', 'broken plan'], repo);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toMatch(/cidr-overlap/);
    copyFileSync(join(EXAMPLES, 'ha-cluster.yaml'), join(repo, 'plan.yaml'));
    execFileSync('git', ['add', 'plan.yaml'], { cwd: repo });
    expect(run('git', ['commit', '-q', '-m', 'clean plan'], repo).code).toBe(0);
  });
});
