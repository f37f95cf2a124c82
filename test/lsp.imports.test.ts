// In the editor, a plan split over files is one plan: an open imported file shows the plan's findings
// that are in it (with its unsaved text), related locations in other files carry their URIs, and a
// change to one open file of the plan re-lints the others.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient } from './support/lsp-client';

const HEADER = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\n';
const PLAN = `${HEADER}spec:\n  imports: [pods.yaml]\n  networks:\n    pods: [10.42.0.0/16]\n`;
const PODS = `${HEADER}spec: {}\n`;
const PODS_CONFLICTING = `${HEADER}spec:\n  networks:\n    pods: [10.244.0.0/16]\n`;

let client: LspClient;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knl-lsp-imports-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
  writeFileSync(join(dir, 'pods.yaml'), PODS);
  client = await LspClient.start({ relatedInformation: true });
});
afterAll(async () => {
  expect(client.logs.filter((l) => l.includes('failed') || l.includes('uncaught') || l.includes('unhandled'))).toEqual([]);
  expect(await client.stop()).toBe(0);
});

describe('a plan in several files, in the editor', () => {
  it('shows a conflict typed into an imported file in that file, and a change to it re-lints the plan that imports it', async () => {
    const plan = fileUri(join(dir, 'plan.yaml'));
    const pods = fileUri(join(dir, 'pods.yaml'));
    await client.open(plan, PLAN);
    expect(await client.diagnostics(plan, 1)).toEqual([]);
    await client.open(pods, PODS);
    expect(await client.diagnostics(pods, 1)).toEqual([]);

    // Unsaved: the disk still has the empty spec.
    const replanned = client.nextPublish(plan);
    await client.change(pods, 2, [{ text: PODS_CONFLICTING }]);
    const conflict = await client.diagnostics(pods, 2);
    expect(conflict.map((d) => d.code)).toEqual(['import-conflict']);
    expect(conflict[0].relatedInformation?.[0].location.uri).toBe(plan);
    expect(conflict[0].relatedInformation?.[0].location.range.start.line).toBe(5); // `    pods:` of the plan
    // The plan was linted again (its findings are in pods.yaml, so it shows none itself).
    expect(await replanned).toEqual([]);

    // And a change to the plan re-lints the imported file: the conflict goes when the plan drops its pods.
    const relinted = client.nextPublish(pods, (p) => p.diagnostics.length === 0);
    await client.change(plan, 2, [{ text: `${HEADER}spec:\n  imports: [pods.yaml]\n` }]);
    expect(await client.diagnostics(plan, 2)).toEqual([]);
    expect(await relinted).toEqual([]);
  });

  it('fixes all of the plan: its imported files too, from their unsaved texts', async () => {
    const plan = fileUri(join(dir, 'fix-plan.yaml'));
    const firewalls = fileUri(join(dir, 'fix-firewalls.yaml'));
    writeFileSync(join(dir, 'fix-plan.yaml'), `${HEADER}spec:\n  imports: [fix-firewalls.yaml]\n  nodes: []\n`);
    writeFileSync(join(dir, 'fix-firewalls.yaml'), `${HEADER}spec: {}\n`);
    // Unsaved in the editor: a directive that silences nothing, which fix-all deletes.
    const unsaved = `${HEADER}spec:\n  # kube-netlint-disable-next-line duplicate-mac\n  firewalls: []\n`;
    await client.open(firewalls, unsaved);
    await client.open(plan, readFileSync(join(dir, 'fix-plan.yaml'), 'utf8'));
    await client.diagnostics(plan, 1);
    const actions = (await client.request('textDocument/codeAction', {
      textDocument: { uri: plan },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as { kind: string; edit: { changes: Record<string, { newText: string; range: { end: { line: number } } }[]> } }[];
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.kube-netlint']);
    const changes = actions[0].edit.changes;
    expect(Object.keys(changes)).toEqual([firewalls]);
    expect(changes[firewalls][0].newText).toBe(`${HEADER}spec:\n  firewalls: []\n`);
    expect(changes[firewalls][0].range.end.line).toBe(unsaved.split('\n').length - 1);
  });
});
