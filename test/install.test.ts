// The README's install instructions for the time before the package is published, run for real: npm
// installs kube-netlint from a git URL (it clones the repository and builds it with its `prepare`
// script) and from a tarball made by `npm pack`, and the installed commands lint a plan. The git URL is
// this repository's own (file://, at its HEAD commit): the same path as a GitHub URL, without the network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const PLAN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, output: `${r.stdout}${r.stderr}` };
}

/** A project that installs kube-netlint as a dev dependency, as the README says. */
function projectWith(spec: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'knl-install-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-infra', version: '1.0.0', private: true }));
  const installed = run('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', spec], dir);
  expect(installed.code, installed.output).toBe(0);
  return dir;
}

/** The installed commands: the CLI lints the broken example as in the repository, the language server is there. */
function expectWorking(dir: string): void {
  const lint = run(join(dir, 'node_modules', '.bin', 'kube-netlint'), ['--format', 'json', PLAN], dir);
  expect(lint.code, lint.output).toBe(1);
  const [file] = JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[];
  expect(file.messages.map((m) => m.ruleId)).toContain('duplicate-mac');
  expect(run(join(dir, 'node_modules', '.bin', 'kube-netlint'), ['--version'], dir).stdout.trim()).toBe(version);
  expect(existsSync(join(dir, 'node_modules', '.bin', 'kube-netlint-language-server'))).toBe(true);
}

describe('installing before the package is published', { timeout: 300_000 }, () => {
  it('from a tarball made by npm pack', () => {
    const out = mkdtempSync(join(tmpdir(), 'knl-pack-'));
    // The suite has just built dist/ (npm test); a clone's `npm ci` builds it through `prepare`.
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', out], ROOT);
    expect(packed.code, packed.output).toBe(0);
    expect(packed.stdout.trim().split('\n').at(-1)).toBe(`kube-netlint-${version}.tgz`);
    expectWorking(projectWith(join(out, `kube-netlint-${version}.tgz`)));
  });

  it('from a git URL, which npm clones and builds', () => {
    expectWorking(projectWith(`git+file://${ROOT}`));
  });
});
