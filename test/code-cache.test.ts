// The CLI starts from V8's code cache written at build time, and starts as well without it: a cache
// from another Node version, or a damaged one, is only ignored.
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { copyFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonReport } from './support/json-report';

const LOADER = join(__dirname, '..', 'bin', 'load-bundle.js');
const BUNDLE_PATH = join(__dirname, '..', 'dist', 'kube-netlint.js');
const PLAN = join(__dirname, '..', 'fixtures', 'examples', 'broken-plan.yaml');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadBundle } = require(LOADER) as {
  loadBundle: () => { exports: { main: unknown }; script: { cachedDataRejected?: boolean } };
};

describe('code cache', () => {
  it('the build writes a cache that V8 accepts', () => {
    const { exports, script } = loadBundle();
    expect(script.cachedDataRejected).toBe(false);
    expect(typeof exports.main).toBe('function');
  });

  it('a cache older than its bundle is not read (V8 would accept any cache of the same length)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-stale-'));
    const bundle = join(dir, 'kube-netlint.js');
    const cache = `${bundle}.cache`;
    copyFileSync(`${BUNDLE_PATH}.cache`, cache);
    copyFileSync(BUNDLE_PATH, bundle);
    utimesSync(cache, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const probe = `const { exports, script } = require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(bundle)});
      console.log(typeof exports.main, script.cachedDataRejected);`;
    expect(spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout).toBe('function undefined\n');
  });

  it('a missing or damaged cache is ignored, in a fresh process (V8 reuses a compiled script within one)', () => {
    const damaged = join(mkdtempSync(join(tmpdir(), 'knl-cache-')), 'bundle.cache');
    writeFileSync(damaged, Buffer.from('not a code cache'));
    for (const cache of [damaged, join(tmpdir(), 'no-such-kube-netlint.cache')]) {
      const probe = `const { BUNDLE, loadBundle } = require(${JSON.stringify(LOADER)});
        const { exports, script } = loadBundle(BUNDLE, ${JSON.stringify(cache)});
        exports.main([${JSON.stringify(PLAN)}, '--format', 'json']).then((code) => console.error('rejected', script.cachedDataRejected, 'exit', code));`;
      const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
      expect(run.stderr).toBe(`rejected ${cache === damaged ? 'true' : 'undefined'} exit 1\n`);
      expect(parseJsonReport(run.stdout)[0].messages.length).toBeGreaterThan(0);
    }
  });

  it('the bundle is ASCII, so the loader reads it as Latin-1; a bundle that is not is decoded as UTF-8', () => {
    expect(isAscii(readFileSync(BUNDLE_PATH))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'knl-utf8-'));
    const bundle = join(dir, 'kube-netlint.js');
    writeFileSync(bundle, `${readFileSync(BUNDLE_PATH, 'utf8')}\nmodule.exports.dash = '–';\n`);
    const probe = `const { exports } = require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(bundle)});
      console.log(typeof exports.main, exports.dash.length);`;
    expect(spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout).toBe('function 1\n');
  });
});
