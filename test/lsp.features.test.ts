// The language server as an editor meets it, over stdio: hover, code actions, a document broken and
// repaired while typing, files that are not plans, garbage, a bad configuration, and a large plan edited
// one keystroke at a time. How fast it answers is the bench's to judge (npm run bench); how changes
// are batched, on a fake clock, is in validation-queue.test.ts.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../bench/generate';
import { ALL_RULE_METAS } from '../src/linter';
import { ruleDocsUrl } from '../src/package-info';
import { fileUri, LspClient, ROOT } from './support/lsp-client';
import { stringContaining, stringMatching } from './support/matchers';

const fixture = (path: string) => readFileSync(join(ROOT, 'fixtures', path), 'utf8');
const BROKEN = fixture('examples/broken-plan.yaml');
const CLEAN = fixture('examples/ha-cluster.yaml');
const HOST_BITS = fixture('cidr-host-bits/invalid/host-bits.yaml');
const STALE_DIRECTIVES = fixture('unused-directive/invalid/stale.yaml');

const rules = (ds: Diagnostic[]) => ds.map((d) => d.code);
const editsOf = (action: CodeAction): TextEdit[] => Object.values(action.edit?.changes ?? {}).flat();

let tmp: string;
let client: LspClient;
let opened = 0;
/** Opens `text` as a new file in the temp folder and waits for its first diagnostics. */
async function open(text: string, dir = tmp): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = fileUri(join(dir, `doc-${++opened}.yaml`));
  await client.open(uri, text);
  return { uri, diagnostics: await client.diagnostics(uri, 1) };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'knl-lsp-'));
  client = await LspClient.start({ relatedInformation: true });
});
afterAll(async () => {
  expect(client.stderr).toBe('');
  expect(client.logs.filter((l) => l.includes('failed') || l.includes('uncaught') || l.includes('unhandled'))).toEqual([]);
  expect(await client.stop()).toBe(0);
});

describe('language server features', () => {
  it('explains the rule on hover over a finding, with its docs link', async () => {
    const { uri, diagnostics } = await open(BROKEN);
    const mac = diagnostics.find((d) => d.code === 'duplicate-mac')!;
    expect(mac.relatedInformation).toEqual([
      { location: { uri, range: { start: { line: 28, character: 15 }, end: { line: 28, character: 34 } } }, message: 'first used here' },
    ]);
    const hover = await client.hover(uri, { line: mac.range.start.line, character: mac.range.start.character + 3 });
    const meta = ALL_RULE_METAS.find((m) => m.id === 'duplicate-mac')!;
    expect(hover?.range).toEqual(mac.range);
    expect(hover?.contents).toEqual({ kind: 'markdown', value: stringContaining(meta.rationale) });
    expect((hover?.contents as { value: string }).value).toContain(`${meta.description}`);
    expect((hover?.contents as { value: string }).value).toContain(`(${ruleDocsUrl('duplicate-mac')})`);
    expect(await client.hover(uri, { line: 0, character: 0 })).toBeNull();
  });

  it('offers the rule fix and a disable comment that silences exactly that finding', async () => {
    const { uri, diagnostics } = await open(HOST_BITS);
    const node = diagnostics.find((d) => d.code === 'cidr-host-bits' && d.range.start.line === 8)!;
    const actions = await client.codeActions(uri, { start: node.range.start, end: node.range.start });
    const fix = actions.find((a) => a.title !== 'Disable cidr-host-bits for this line')!;
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: false, diagnostics: [node] });
    expect(editsOf(fix)).toEqual([{ range: node.range, newText: '192.168.10.0/24' }]);

    const disable = actions.find((a) => a.title === 'Disable cidr-host-bits for this line')!;
    expect(editsOf(disable)).toEqual([
      { range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, newText: '    # kube-netlint-disable-next-line cidr-host-bits --\n' },
    ]);
    await client.change(uri, 2, [{ range: editsOf(disable)[0].range, text: editsOf(disable)[0].newText }]);
    const after = await client.diagnostics(uri, 2);
    expect(after.length).toBe(diagnostics.length - 1);
    expect(after.map((d) => d.range.start.line)).not.toContain(9);
  });

  it('offers one disable comment per rule and line, for every finding of the rule there, and none in JSON', async () => {
    const { uri, diagnostics } = await open(BROKEN);
    // Line 53 denies everything from anywhere: the API server is unreachable from two sources.
    const unreachable = diagnostics.filter((d) => d.code === 'apiserver-unreachable' && d.range.start.line === 52);
    expect(unreachable.length).toBe(2);
    const line = { start: { line: 52, character: 0 }, end: { line: 52, character: 200 } };
    const disables = (await client.codeActions(uri, line)).filter((a) => a.title.startsWith('Disable '));
    const titles = disables.map((a) => a.title);
    expect(titles).toEqual([...new Set(titles)]);
    const one = disables.filter((a) => a.title === 'Disable apiserver-unreachable for this line');
    expect(one.length).toBe(1);
    expect(one[0].diagnostics).toEqual(unreachable);
    for (const action of disables) expect(editsOf(action)[0].newText).toMatch(/^ {8}# kube-netlint-disable-next-line [a-z-]+ --\n$/);

    const json = fileUri(join(tmp, 'plan.json'));
    await client.open(json, JSON.stringify({ apiVersion: 'kube-netlint/v1', kind: 'ClusterPlan', spec: { networks: { trusted: ['10.20.1.0/16'] } } }, null, 2));
    const [hostBits] = (await client.diagnostics(json, 1)).filter((d) => d.code === 'cidr-host-bits');
    const inJson = (await client.codeActions(json, hostBits.range)).map((a) => a.title);
    expect(inJson.length).toBeGreaterThan(0);
    expect(inJson.filter((t) => t.startsWith('Disable '))).toEqual([]);
  });

  it('prefers a safe fix, tags unused directives and offers no directive to silence a directive', async () => {
    const { uri, diagnostics } = await open(STALE_DIRECTIVES);
    const unused = diagnostics.find((d) => d.code === 'unused-directive')!;
    expect(unused.tags).toEqual([1]);
    const actions = await client.codeActions(uri, unused.range);
    const own = actions.filter((a) => a.diagnostics?.[0].code === 'unused-directive' && a.diagnostics[0].range.start.line === unused.range.start.line);
    expect(own.map((a) => [a.title, a.isPreferred])).toEqual([['Remove the unused directive', true]]);
  });

  it('reports yaml-syntax while the plan is broken and clears it when repaired, linting only the last of a burst', async () => {
    const { uri, diagnostics } = await open(CLEAN);
    expect(diagnostics).toEqual([]);
    const at = { line: 5, character: 0 };
    const breaking = { range: { start: at, end: at }, text: 'spec: [\n' };
    const repairing = { range: { start: at, end: { line: 6, character: 0 } }, text: '' };
    await client.change(uri, 2, [breaking]);
    const broken = (await client.diagnostics(uri, 2)).find((d) => d.code === 'yaml-syntax')!;
    expect(await client.codeActions(uri, broken.range)).toEqual([]);
    await client.change(uri, 3, [repairing]);
    expect(await client.diagnostics(uri, 3)).toEqual([]);
    // A change within the debounce supersedes the pending run: version 4 is never linted.
    await client.change(uri, 4, [breaking]);
    await client.change(uri, 5, [repairing]);
    expect(await client.diagnostics(uri, 5)).toEqual([]);
    expect(client.published.filter((p) => p.uri === uri).map((p) => p.version)).toEqual([1, 2, 3, 5]);
  });

  it('stays silent on YAML that is not a plan, and clears a plan on close', async () => {
    expect((await open('apiVersion: apps/v1\nkind: Deployment\nspec: [\n')).diagnostics).toEqual([]);
    const { uri, diagnostics } = await open(BROKEN);
    expect(diagnostics.length).toBeGreaterThan(0);
    const cleared = client.nextPublish(uri);
    await client.close(uri);
    expect(await cleared).toEqual([]);
  });

  it('survives garbage and keeps answering', async () => {
    const garbage = [
      randomBytes(65536).toString('latin1'),
      `kind: ClusterPlan\n${randomBytes(4096).toString('latin1')}`,
      `kind: ClusterPlan\nx: ${'a'.repeat(2_000_000)}`,
      'kind: ClusterPlan\n'.repeat(5000) + '*a',
    ];
    for (const text of garbage) await open(text);
    const { uri } = await open(CLEAN);
    await client.change(uri, 2, [{ range: { start: { line: 1e6, character: 1e6 }, end: { line: -1, character: 0 } }, text: '\u0000\ud800' }]);
    await client.diagnostics(uri, 2);
    await client.change(fileUri(join(tmp, 'never-opened.yaml')), 2, [{ text: 'x' }]);
    expect(await client.hover(fileUri(join(tmp, 'never-opened.yaml')), { line: 0, character: 0 })).toBeNull();
    expect(client.alive).toBe(true);
    expect((await open(BROKEN)).diagnostics.length).toBeGreaterThan(0);
  });

  it('keeps hover and completion within the configured limits: a plan over the size limit is not parsed for them', async () => {
    const dir = join(tmp, 'limited');
    mkdirSync(dir);
    writeFileSync(join(dir, '.kube-netlint.yaml'), 'limits: {maxFileSizeMB: 0.001}\n');
    const { uri, diagnostics } = await open(CLEAN, dir);
    expect(rules(diagnostics)).toEqual(['resource-limit']);
    // Over `from: [nodes]` hover would resolve the reference, and completion offer sources: not here.
    const line = CLEAN.split('\n').findIndex((l) => l.includes('from: [nodes]'));
    const at = { line, character: CLEAN.split('\n')[line].indexOf('nodes') + 2 };
    expect(await client.hover(uri, at)).toBeNull();
    expect(await client.completion(uri, at)).toEqual([]);
    // The same text under the default limits gets both.
    const { uri: free } = await open(CLEAN);
    expect(((await client.hover(free, at))?.contents as { value: string }).value).toMatch(/node/);
    expect((await client.completion(free, at)).length).toBeGreaterThan(0);
  });

  it('reports a bad .kube-netlint.yaml on plans, and re-lints when it is fixed', async () => {
    expect(client.registrations.map((r): unknown => r.registerOptions)).toContainEqual({
      watchers: [{ globPattern: '**/.kube-netlint.yaml' }, { globPattern: '**/.kube-netlint.yml' }],
    });
    const dir = join(tmp, 'configured');
    mkdirSync(dir);
    const config = join(dir, '.kube-netlint.yaml');
    writeFileSync(config, 'rules: [cidr-overlap\n');
    const { uri, diagnostics } = await open(BROKEN, dir);
    expect(diagnostics).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        source: 'kube-netlint',
        message: stringMatching(/^the kube-netlint configuration is invalid:\n.*\.kube-netlint\.yaml:\d+:\d+: /),
      },
    ]);
    expect((await open('kind: Deployment\n', dir)).diagnostics).toEqual([]);

    writeFileSync(config, 'rules:\n  cidr-host-bits: off\n');
    const relinted = client.nextPublish(uri);
    await client.configChanged(fileUri(config));
    const fixed = rules(await relinted);
    expect(fixed).toContain('duplicate-mac');
    expect(fixed).not.toContain('cidr-host-bits');

    writeFileSync(config, 'rules:\n  duplicate-mac: off\n');
    const again = client.nextPublish(uri);
    await client.settingsChanged();
    expect(rules(await again)).toEqual(expect.arrayContaining(['cidr-host-bits']));
  });
});

describe('pull diagnostics', () => {
  it('answers the latest pull and cancels the one it superseded, without pushing', async () => {
    const puller = await LspClient.start({ pull: true });
    const uri = fileUri(join(tmp, 'pulled.yaml'));
    await puller.open(uri, BROKEN);
    const first = puller.pull(uri);
    const second = puller.pull(uri);
    await expect(first).rejects.toMatchObject({ code: -32802, data: { retriggerRequest: false } });
    expect((await second).map((d) => d.code)).toContain('duplicate-mac');
    expect(puller.published).toEqual([]);
    expect(await puller.stop()).toBe(0);
  });
});

describe('a large plan while typing', () => {
  it('publishes the diagnostics of each edit of a 1,000-node plan, for that version', async () => {
    const { uri, diagnostics } = await open(generatePlan({ nodes: 1000 }));
    expect(diagnostics).toEqual([]);
    for (let version = 2; version <= 21; version++) {
      // Rename the plan one character at a time: line 3 is `  name: bench-1000`.
      await client.change(uri, version, [{ range: { start: { line: 3, character: 18 }, end: { line: 3, character: 19 } }, text: String(version % 10) }]);
      expect(await client.diagnostics(uri, version)).toEqual([]);
    }
    expect(client.published.filter((p) => p.uri === uri).map((p) => p.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });
});
