'use strict';
// Builds the GitHub Action (npm run build:action, after tsc): esbuild bundles the action's entry with the CLI
// and its dependencies into action/dist/index.js, which action.yml runs on the runner's own Node, so a
// workflow installs nothing. The bundle is committed; test/action.bundle.test.ts builds it afresh and compares
// the bytes. Not minified: the committed file is reviewed in diffs. No source map, no absolute path, no time.
const { copyFileSync, existsSync, mkdirSync, rmSync } = require('node:fs');
const { basename, join } = require('node:path');
const esbuild = require('esbuild');

const ROOT = join(__dirname, '..');
const DIST = join(__dirname, 'dist');
// tsc's output, as for the CLI's bundle (npm run bundle): its require() calls make esbuild take each
// dependency's CommonJS build, the same code the CLI runs (an ESM build would need import.meta in a CJS file).
const ENTRY = 'dist/src/action/index.js';

/**
 * Files the bundled code reads at run time from its own folder (relative to the repository root): each is
 * copied beside index.js. A reader that loads, say, a WebAssembly grammar adds its file here.
 */
const RUNTIME_ASSETS = [
  // The Terraform format's HCL parser (src/formats/terraform/grammar.ts), loaded by its path on first use.
  'node_modules/web-tree-sitter/tree-sitter.cjs',
  'node_modules/web-tree-sitter/tree-sitter.wasm',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
];

/** Builds into `outdir` (action/dist by default), which is emptied first. */
function buildAction(outdir = DIST) {
  if (!existsSync(join(ROOT, ENTRY))) throw new Error(`${ENTRY} is missing: run tsc first (npm run build:action)`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    // action.yml runs it on node24; node20 is the oldest Node the package supports, and the tests' Node.
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  for (const asset of RUNTIME_ASSETS) copyFileSync(join(ROOT, asset), join(outdir, basename(asset)));
}

module.exports = { buildAction, DIST };

if (require.main === module) buildAction();
