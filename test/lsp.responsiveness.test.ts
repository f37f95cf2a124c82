// One slow document never holds up the others, over stdio: while a 3,000-node plan is being linted (about
// a second, in the lint worker), hover and completion on another document answer at once. The test
// compares the order of arrival, not times.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../bench/generate';
import { fileUri, LspClient, ROOT } from './support/lsp-client';

const BROKEN = readFileSync(join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml'), 'utf8');

let client: LspClient;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knl-responsive-'));
  client = await LspClient.start();
});
afterAll(async () => {
  expect(client.stderr).toBe('');
  expect(await client.stop()).toBe(0);
});

describe('a slow document', () => {
  it('does not delay hover and completion on another document', async () => {
    const small = fileUri(join(dir, 'small.yaml'));
    await client.open(small, BROKEN);
    const mac = (await client.diagnostics(small, 1)).find((d) => d.code === 'duplicate-mac')!;
    const slow = fileUri(join(dir, 'slow.yaml'));
    const opened = performance.now();
    const slowLinted = client.diagnostics(slow, 1).then((d) => ({ d, ms: performance.now() - opened }));
    await client.open(slow, generatePlan({ nodes: 3000 }));
    // Past the 10 ms debounce: the slow plan's lint has begun.
    await new Promise((r) => setTimeout(r, 100));
    const asked = performance.now();
    const hover = await client.hover(small, mac.range.start);
    const hoverMs = performance.now() - asked;
    const line = BROKEN.split('\n').findIndex((l) => l.includes('from: [nodes]'));
    const completion = await client.completion(small, { line, character: BROKEN.split('\n')[line].indexOf('nodes') + 2 });
    const answeredBeforeSlowDiagnostics = !client.published.some((p) => p.uri === slow);
    expect(JSON.stringify(hover?.contents)).toContain('duplicate-mac');
    expect(completion.map((c) => c.label)).toContain('nodes');
    expect(answeredBeforeSlowDiagnostics).toBe(true);
    // The slow plan is linted all the same, and clean.
    const { d, ms } = await slowLinted;
    expect(d).toEqual([]);
    console.log(`hover on the small document: ${hoverMs.toFixed(0)} ms; the 3,000-node plan's diagnostics: ${ms.toFixed(0)} ms after it was opened`);
  });
});
