// The editor shows what CI shows: for every fixture file, the language server's diagnostics (push and
// pull) equal the CLI's JSON output for the same file and configuration, once bases are converted.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVEL, type CliLocation, type CliMessage } from './support/cli-json';
import { fileUri, LspClient, ROOT } from './support/lsp-client';

const FIXTURES = join(ROOT, 'fixtures');
const FILES = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ya?ml|json|ini|sh|nft|rules|v4|xml|conf|tf)$/.test(f))
  .sort()
  .map((f) => join(FIXTURES, f));

const lineCols = (r: Diagnostic['range']): CliLocation => ({
  line: r.start.line + 1,
  column: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

/** The CLI's findings per file; files it skips (not plans, ignored by the config) have none. */
let cli: Map<string, CliMessage[]>;
beforeAll(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), '--format', 'json', ...FILES], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  expect(r.status, r.stderr).toBe(1);
  cli = new Map((JSON.parse(r.stdout) as { filePath: string; messages: CliMessage[] }[]).map((x) => [x.filePath, x.messages]));
});

/** What the server must say for one CLI message, in CLI terms. */
function expected(m: CliMessage, relatedInformation: boolean) {
  const related = m.related ?? [];
  const suffix =
    related.length && !relatedInformation
      ? ` (related: ${related.map((r) => `${r.filePath ? `${basename(r.filePath)}:` : ''}${r.line}:${r.column} ${r.message}`).join('; ')})`
      : '';
  return {
    ruleId: m.ruleId,
    level: m.level,
    message: m.message + suffix,
    ...lineCols({ start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } }),
    related: relatedInformation ? related : [],
  };
}

function actual(d: Diagnostic, uri: string) {
  expect(d.source).toBe('kube-netlint');
  expect(d.codeDescription?.href).toMatch(new RegExp(`/docs/rules/${d.code}\\.md$`));
  return {
    ruleId: d.code,
    level: LEVEL[d.severity!],
    message: d.message,
    ...lineCols(d.range),
    // A related location in another file of the plan has that file's URI; the CLI names the file.
    related: (d.relatedInformation ?? []).map((r) => ({
      message: r.message,
      ...lineCols(r.location.range),
      ...(r.location.uri === uri ? {} : { filePath: fileURLToPath(r.location.uri) }),
    })),
  };
}

describe.each([
  { mode: 'push', pull: false, relatedInformation: true },
  { mode: 'pull', pull: true, relatedInformation: false },
])('language server diagnostics equal the CLI ($mode, relatedInformation: $relatedInformation)', ({ pull, relatedInformation }) => {
  let client: LspClient;
  let byFile: Map<string, Diagnostic[]>;
  beforeAll(async () => {
    client = await LspClient.start({ pull, relatedInformation });
    const uris = FILES.map(fileUri);
    await Promise.all(FILES.map((f, i) => client.open(uris[i], readFileSync(f, 'utf8'))));
    const lists = await Promise.all(uris.map((uri) => (pull ? client.pull(uri) : client.diagnostics(uri, 1))));
    byFile = new Map(FILES.map((f, i) => [f, lists[i]]));
  });
  afterAll(async () => expect(await client.stop()).toBe(0));

  it('declares pull diagnostics only to clients that support them', () => {
    expect(client.initializeResult.capabilities.diagnosticProvider !== undefined).toBe(pull);
    if (pull) expect(client.published).toEqual([]);
  });

  it.each(FILES.map((f) => [f.slice(ROOT.length + 1), f]))('%s', (_, file) => {
    const uri = fileUri(file);
    expect(byFile.get(file)!.map((d) => actual(d, uri))).toEqual((cli.get(file) ?? []).map((m) => expected(m, relatedInformation)));
  });

  it('logged no failures', () => expect(client.logs.filter((l) => l.includes('failed'))).toEqual([]));
});
