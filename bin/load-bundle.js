'use strict';
// Loads the CLI bundle with V8's code cache, written beside it at build time (bin/write-code-cache.js):
// compiling the ~1 MB bundle is most of kube-netlint's start-up, and pre-commit starts it on every commit.
// A cache older than the bundle is not read, and one that V8 rejects (another Node version, other V8
// flags) is ignored: the bundle is then compiled as usual. Nothing is written here.
const { isAscii } = require('node:buffer');
const { readFileSync, statSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'kube-netlint.js');

/** The bundle's exports, and the compiled script (whose cache the build writes). */
function loadBundle(file = BUNDLE, cacheFile = `${file}.cache`) {
  let cachedData;
  try {
    // V8 checks a cache against the source's length only: a cache older than the bundle is not its own.
    if (statSync(cacheFile).mtimeMs >= statSync(file).mtimeMs) cachedData = readFileSync(cacheFile);
  } catch {
    // No cache: compile from source.
  }
  // The build writes the bundle in ASCII (bin/bundle.js): read as Latin-1, it is copied, not decoded (1 ms less).
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString();
  const script = new Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

module.exports = { BUNDLE, loadBundle };
