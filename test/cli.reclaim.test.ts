// The CLI asks the process for one garbage collection after parsing a large plan (the parser's syntax
// tree is garbage by then), and for none on the small plans pre-commit lints on every commit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../bench/generate';
// The built CLI: it loads its formatters with require(), which the test runner does not resolve to .ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultIo, main } = require('../dist/src/cli/main.js') as typeof import('../src/cli/main');

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const errors: string[] = [];
const stderr = () => new Writable({ write: (chunk, _encoding, done) => (errors.push(String(chunk)), done()) });

describe('reclaim', () => {
  it('is called once per large plan, after its parse, and never for a small one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-reclaim-'));
    const large = join(dir, 'large.yaml');
    const small = join(dir, 'small.yaml');
    writeFileSync(large, generatePlan({ nodes: 4000 })); // about 1.1 MB
    writeFileSync(small, generatePlan({ nodes: 3 }));
    let calls = 0;
    const io = { ...defaultIo(), cwd: dir, stdout: sink(), stderr: stderr(), reclaim: () => void calls++ };
    expect(await main([small], io), errors.join('')).toBe(0);
    expect(calls).toBe(0);
    expect(await main([large, small], io)).toBe(0);
    expect(calls).toBe(1);
  });
});
