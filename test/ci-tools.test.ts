// The tests that drive pre-commit and Neovim for real must not pass in CI by skipping: with CI set and
// the tools missing they fail, saying what to install; outside CI they are skipped. Checked by running
// those test files in a child vitest whose PATH has node and nothing else.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inCi } from './support/tools';

const ROOT = join(__dirname, '..');
const TESTS = ['test/precommit.test.ts', 'test/lsp.neovim.test.ts'];

/** vitest on the tool tests, with a PATH on which neither pre-commit nor nvim is found. */
function runWithoutTools(ci: string | undefined) {
  const bin = mkdtempSync(join(tmpdir(), 'knl-no-tools-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin, NO_COLOR: '1' };
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...TESTS], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('tests that need pre-commit or Neovim', { timeout: 90_000 }, () => {
  it('fail in CI when the tools are missing, saying what to install', () => {
    const r = runWithoutTools('true');
    expect(r.code).toBe(1);
    expect(r.output).toContain("pre-commit is required when CI is set (install Debian's pre-commit: apt-get install -y pre-commit)");
    expect(r.output).toContain("nvim is required when CI is set (install Debian's neovim: apt-get install -y neovim)");
    expect(r.output).toMatch(/Tests +2 failed \(2\)/);
  });

  it('are skipped outside CI when the tools are missing', () => {
    const r = runWithoutTools(undefined);
    expect(r.output).toMatch(/Test Files +2 skipped/);
    expect(r.code).toBe(0);
  });

  it('read CI as CI services set it', () => {
    for (const on of ['true', '1', 'TRUE', 'yes']) expect(inCi({ CI: on })).toBe(true);
    for (const off of [undefined, '', '0', 'false', 'False']) expect(inCi({ CI: off })).toBe(false);
  });
});
