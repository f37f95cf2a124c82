'use strict';
// Build step (npm run bundle, after tsc): esbuild bundles the CLI into dist/kube-netlint.js, and makes the imports
// marked `// on demand` lazy. Such an import (an input format's reader, in its index.ts) is then required at the
// first use of one of its names, not when the importing module starts: a lint that meets no file of the format
// never runs the reader's modules, and the code cache (bin/write-code-cache.js) does not carry them. Unbundled
// (tsc's output, the tests) the import stays an ordinary one.
//   import { readInventory } from './read'; // on demand
// A name of such an import used at the top level of its module loads it at once: correct, only not lazy.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { build } = require('esbuild');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist', 'kube-netlint.js');
/** What tsc writes for a named import (`const read_1 = require("./read");`), with the mark after it. */
const MARKED = /^const (\w+) = (require\("[^"]+"\)); \/\/ on demand$/gm;
/** Any other require with the mark (a default or namespace import, a re-export): refused, not ignored. */
const MISPLACED = /require\(.*\/\/ on demand$/m;
/** A stand-in for the module's exports that requires the module on the first name read from it. */
const ON_DEMAND = 'const __onDemand = (load) => new Proxy({}, { get: (_, name) => load()[name] });';

const onDemand = {
  name: 'on-demand',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/](src|rules)[\\/].*\.js$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      const contents = text.replace(MARKED, (_, name, load) => `const ${name} = __onDemand(() => ${load});`);
      if (MISPLACED.test(contents)) throw new Error(`${path}: \`// on demand\` marks a named import only (import { … } from '…')`);
      return contents === text ? undefined : { contents: `${ON_DEMAND}\n${contents}`, loader: 'js' };
    });
  },
};

/**
 * The bundle in ASCII: esbuild escapes other characters in strings, not in regular expression literals, where a
 * `\uXXXX` escape means the same. bin/load-bundle.js then reads it as Latin-1, a copy, not a UTF-8 decode.
 */
const ascii = (text) => text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

build({
  absWorkingDir: ROOT,
  entryPoints: ['dist/src/cli/main.js'],
  outfile: OUT,
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Without whitespace: less source for V8 to keep. Not minified: --debug stack traces stay readable.
  minifyWhitespace: true,
  logLevel: 'warning',
  plugins: [onDemand],
}).then(
  ({ outputFiles: [bundle] }) => writeFileSync(OUT, ascii(bundle.text)),
  () => {
    process.exitCode = 1; // esbuild has printed why
  },
);
