// The language server under a real editor's LSP client, set up as the README says: each Neovim snippet of
// the README is run in headless Neovim as a user's init.lua, a plan is opened, and the diagnostics the
// buffer gets are the CLI's, rule for rule and position for position. The snippet for Neovim 0.11 and
// later (vim.lsp.config, vim.lsp.enable) and the one for 0.7 to 0.10 (vim.lsp.start_client) each run where
// the installed Neovim has their API; both are checked for Lua syntax on any. CI installs Debian's neovim
// (.ci/run) and fails without it; elsewhere the tests are skipped without it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ROOT } from './support/lsp-client';
import { describeWith, tool } from './support/tools';

const nvim = tool('nvim', ['--version'], 'neovim');
const PLAN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
const HARNESS = join(ROOT, 'test', 'support', 'nvim-lsp.lua');

/** The README's Lua blocks, by the Neovim versions their first comment names. */
function readmeSnippets(): { current: string; legacy: string } {
  const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]);
  const named = (comment: string) => {
    const found = blocks.filter((b) => b.startsWith(`-- ${comment}`));
    expect(found, `one README Lua block starting "-- ${comment}"`).toHaveLength(1);
    return found[0];
  };
  return { current: named('Neovim 0.11 and later'), legacy: named('Neovim 0.7 to 0.10') };
}

interface NvimDiagnostic {
  code: string;
  source: string;
  message: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
}
interface NvimResult {
  arrived: boolean;
  filetype: string;
  clients: string[];
  diagnostics: NvimDiagnostic[];
}

describeWith(nvim, 'Neovim, set up as the README says', { timeout: 60_000 }, () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let has: { legacy: boolean; current: boolean };

  /** Runs the harness with a set-up file; its JSON, or the failure. */
  const run = (extra: NodeJS.ProcessEnv) => {
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${HARNESS}`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 45_000,
      env: { ...env, ...extra },
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as NvimResult & { legacy: boolean; current: boolean };
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'knl-nvim-'));
    // The snippets start `kube-netlint-language-server` from PATH, as an npm install puts it there.
    const bin = join(work, 'bin');
    mkdirSync(bin);
    symlinkSync(join(ROOT, 'bin', 'kube-netlint-language-server.js'), join(bin, 'kube-netlint-language-server'));
    env = {
      ...process.env,
      PATH: [bin, dirname(process.execPath), process.env.PATH].join(delimiter),
      KNL_PLAN: PLAN,
      // Neovim's state and LSP log go to the temporary folder, not the user's.
      XDG_STATE_HOME: work,
      XDG_CACHE_HOME: work,
      XDG_DATA_HOME: work,
    };
    has = run({ KNL_PROBE: '1' });
  });

  const cliDiagnostics = () => {
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), '--format', 'json', PLAN], { cwd: ROOT, encoding: 'utf8' });
    const [file] = JSON.parse(cli.stdout) as {
      messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
    }[];
    // The plan is ASCII: Neovim's byte columns are the CLI's character columns.
    return file.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`).sort();
  };

  /** The snippet as the README has it, run as init.lua: the plan's buffer gets the CLI's diagnostics from its client. */
  const receivesCliDiagnostics = (snippet: string, client: string) => {
    const setup = join(work, `${client}.lua`);
    writeFileSync(setup, snippet);
    const result = run({ KNL_SETUP: setup });
    expect(result.arrived).toBe(true);
    expect(result.filetype).toBe('yaml');
    expect(result.clients).toEqual([client]);
    const fromCli = cliDiagnostics();
    const inNvim = result.diagnostics.map((d) => `${d.lnum + 1}:${d.col + 1}-${d.end_lnum + 1}:${d.end_col + 1} ${d.code} ${d.message}`).sort();
    expect(inNvim).toEqual(fromCli);
    expect(new Set(result.diagnostics.map((d) => d.source))).toEqual(new Set(['kube-netlint']));
    expect(fromCli.length).toBeGreaterThan(5);
  };

  it('both README snippets are valid Lua', () => {
    const snippets = readmeSnippets();
    for (const [name, snippet] of Object.entries(snippets)) {
      const file = join(work, `syntax-${name}.lua`);
      writeFileSync(file, snippet);
      // loadfile compiles without running: a syntax error comes back as its second result.
      const r = spawnSync(
        'nvim',
        ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `lua local _, e = loadfile('${file}'); io.stdout:write(e or 'ok')`, '-c', 'qa!'],
        {
          encoding: 'utf8',
          env,
          timeout: 20_000,
        },
      );
      expect(r.stdout, name).toBe('ok');
    }
  });

  it('Neovim 0.7 to 0.10: the vim.lsp.start_client snippet', (context) => {
    if (!has.legacy) context.skip('this Neovim has no vim.lsp.start_client');
    receivesCliDiagnostics(readmeSnippets().legacy, 'kube-netlint');
  });

  it('Neovim 0.11 and later: the vim.lsp.config / vim.lsp.enable snippet', (context) => {
    if (!has.current) context.skip('this Neovim is older than 0.11 (no vim.lsp.config / vim.lsp.enable)');
    receivesCliDiagnostics(readmeSnippets().current, 'kube_netlint');
  });
});
