// The language server under a real editor's LSP client: Neovim, headless, attaches it to a plan with the
// Lua script beside the test support, and the diagnostics it receives are the CLI's, rule for rule and
// position for position. CI installs Debian's neovim (.ci/run); elsewhere the test is skipped without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/lsp-client';

const hasNvim = spawnSync('nvim', ['--version']).status === 0;
const required = process.env.CI === 'true';
const PLAN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');

interface NvimDiagnostic {
  code: string;
  source: string;
  message: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
}

describe.skipIf(!hasNvim && !required)('Neovim', { timeout: 60_000 }, () => {
  it("receives the CLI's diagnostics for a plan", () => {
    expect(hasNvim, 'neovim must be installed in CI').toBe(true);
    // Neovim's state and LSP log go to a temporary folder, not the user's.
    const state = mkdtempSync(join(tmpdir(), 'knl-nvim-'));
    const nvim = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'support', 'nvim-lsp.lua')}`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 45_000,
      env: {
        ...process.env,
        KNL_NODE: process.execPath,
        KNL_SERVER: join(ROOT, 'bin', 'kube-netlint-language-server.js'),
        KNL_PLAN: PLAN,
        XDG_STATE_HOME: state,
        XDG_CACHE_HOME: state,
        XDG_DATA_HOME: state,
      },
    });
    expect(nvim.status, nvim.stderr).toBe(0);
    const result = JSON.parse(nvim.stdout) as { arrived: boolean; filetype: string; diagnostics: NvimDiagnostic[] };
    expect(result.arrived).toBe(true);
    expect(result.filetype).toBe('yaml');

    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), '--format', 'json', PLAN], { cwd: ROOT, encoding: 'utf8' });
    const [file] = JSON.parse(cli.stdout) as {
      messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
    }[];
    // The plan is ASCII: Neovim's byte columns are the CLI's character columns.
    const fromCli = file.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`).sort();
    const inNvim = result.diagnostics.map((d) => `${d.lnum + 1}:${d.col + 1}-${d.end_lnum + 1}:${d.end_col + 1} ${d.code} ${d.message}`).sort();
    expect(inNvim).toEqual(fromCli);
    expect(new Set(result.diagnostics.map((d) => d.source))).toEqual(new Set(['kube-netlint']));
    expect(fromCli.length).toBeGreaterThan(5);
  });
});
