// The committed action bundle (action/dist, which action.yml runs) is the build of the current sources: the
// build is run afresh into a temporary folder and every file compared, byte for byte. It bundles tsc's output,
// which `npm test` builds first (npm run build).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// action/build.js is the build's own script (CommonJS, run by `npm run build:action`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildAction, DIST } = require('../action/build.js') as { buildAction: (outdir?: string) => void; DIST: string };

const REFRESH = 'action/dist is not the build of the current sources: run `npm run build:action` and commit action/dist';

const filesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

describe('action/dist', () => {
  it('equals a fresh build, file for file and byte for byte', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'knl-action-build-'));
    buildAction(fresh);
    expect(filesIn(DIST), REFRESH).toEqual(filesIn(fresh));
    for (const file of filesIn(fresh))
      expect(readFileSync(join(DIST, file)).equals(readFileSync(join(fresh, file))), `${REFRESH} (${file} differs)`).toBe(true);
  });

  it("needs nothing installed: it requires Node's own modules only, none that reach the network or start a process", () => {
    const bundle = readFileSync(join(DIST, 'index.js'), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    // ajv's runtime `equal` appears only as the text of its own code snippet, not as a call.
    required.delete('ajv/dist/runtime/equal');
    expect([...required].filter((m) => !isBuiltin(m))).toEqual([]);
    expect(
      [...required].map((m) => m.replace(/^node:/, '')).filter((m) => /^(http|https|http2|net|tls|dgram|dns|child_process|worker_threads|cluster)$/.test(m)),
    ).toEqual([]);
  });

  it('is deterministic and names no path of the machine that built it', () => {
    const [a, b] = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'knl-action-build-')));
    buildAction(a);
    buildAction(b);
    const bundle = readFileSync(join(a, 'index.js'), 'utf8');
    expect(bundle).toBe(readFileSync(join(b, 'index.js'), 'utf8'));
    expect(bundle).not.toContain(join(__dirname, '..'));
    expect(bundle).not.toContain(a);
  });
});
