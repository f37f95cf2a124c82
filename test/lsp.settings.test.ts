// The editor's settings: kubeNetlint.enable switches every feature off and on, kubeNetlint.configFile
// applies one configuration to every document as the CLI's --config does (same diagnostics), and both
// re-lint the open plans when they change, whether the client is asked (workspace/configuration) or pushes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient, ROOT } from './support/lsp-client';

const BROKEN = readFileSync(join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml'), 'utf8');
const rules = (ds: Diagnostic[]) => [...new Set(ds.map((d) => d.code))];

let tmp: string;
let plan: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'knl-settings-'));
  mkdirSync(join(tmp, 'plans'));
  plan = join(tmp, 'plans', 'plan.yaml');
  writeFileSync(plan, BROKEN);
});

async function stopped(client: LspClient) {
  expect(client.logs.filter((l) => l.includes('failed'))).toEqual([]);
  expect(await client.stop()).toBe(0);
}

describe('kubeNetlint.enable', () => {
  it('off: no diagnostics, hover, completion or code actions; on again: the plan is linted', async () => {
    const client = await LspClient.start({ settings: { kubeNetlint: { enable: false } }, root: tmp });
    const uri = fileUri(plan);
    await client.open(uri, BROKEN);
    expect(await client.diagnostics(uri, 1)).toEqual([]);
    const position = { line: 34, character: 20 };
    expect(await client.hover(uri, position)).toBeNull();
    expect(await client.codeActions(uri, { start: position, end: position })).toEqual([]);
    expect(await client.completion(uri, { line: 6, character: 2 })).toEqual([]);

    const relinted = client.nextPublish(uri);
    await client.settingsChanged({ kubeNetlint: { enable: true } });
    expect(rules(await relinted)).toContain('duplicate-mac');
    expect(await client.hover(uri, position)).not.toBeNull();
    await stopped(client);
  });

  it('is read from the notification when the client is not asked', async () => {
    const client = await LspClient.start({ root: tmp });
    const uri = fileUri(plan);
    await client.open(uri, BROKEN);
    expect((await client.diagnostics(uri, 1)).length).toBeGreaterThan(0);
    const cleared = client.nextPublish(uri);
    await client.settingsChanged({ kubeNetlint: { enable: false } });
    expect(await cleared).toEqual([]);
    await stopped(client);
  });
});

describe('kubeNetlint.configFile', () => {
  /** The CLI's findings for the plan with --config, as `rule line:col-line:col message`. */
  function cli(config: string): string[] {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), '--format', 'json', '--config', config, plan], { cwd: tmp, encoding: 'utf8' });
    const [file] = JSON.parse(r.stdout) as {
      messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
    }[];
    return file.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`);
  }
  const server = (ds: Diagnostic[]) =>
    ds.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`);

  it('applies to every document, relative to the workspace, with the same diagnostics as --config; edits to it re-lint', async () => {
    const config = join(tmp, 'team-rules.yaml');
    writeFileSync(config, 'rules:\n  duplicate-mac: off\n  cidr-host-bits: info\n');
    // A nearer .kube-netlint.yaml is overridden, as with --config.
    writeFileSync(join(tmp, 'plans', '.kube-netlint.yaml'), 'rules:\n  cidr-overlap: off\n');
    const client = await LspClient.start({ settings: { kubeNetlint: { configFile: 'team-rules.yaml' } }, root: tmp, relatedInformation: true });
    const uri = fileUri(plan);
    await client.open(uri, BROKEN);
    const diagnostics = await client.diagnostics(uri, 1);
    expect(rules(diagnostics)).not.toContain('duplicate-mac');
    expect(rules(diagnostics)).toContain('cidr-overlap');
    expect(server(diagnostics)).toEqual(cli('team-rules.yaml'));
    expect(client.registrations.map((r): unknown => r.registerOptions)).toContainEqual({ watchers: [{ globPattern: '**/team-rules.yaml' }] });

    writeFileSync(config, 'rules:\n  cidr-overlap: off\n');
    const relinted = client.nextPublish(uri);
    await client.configChanged(fileUri(config));
    const after = await relinted;
    expect(rules(after)).toContain('duplicate-mac');
    expect(server(after)).toEqual(cli('team-rules.yaml'));
    await stopped(client);
  });

  it('reports a configuration file that cannot be read on plans only', async () => {
    const client = await LspClient.start({ settings: { kubeNetlint: { configFile: join(tmp, 'missing.yaml') } }, root: tmp });
    const uri = fileUri(plan);
    await client.open(uri, BROKEN);
    expect((await client.diagnostics(uri, 1)).map((d) => d.message)).toEqual([
      `the kube-netlint configuration is invalid:\ncannot read the configuration ${join(tmp, 'missing.yaml')}: no such file or directory (ENOENT)`,
    ]);
    const other = fileUri(join(tmp, 'other.yaml'));
    await client.open(other, 'kind: ConfigMap\n');
    expect(await client.diagnostics(other, 1)).toEqual([]);
    await stopped(client);
  });
});
