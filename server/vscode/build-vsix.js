#!/usr/bin/env node
'use strict';
// npm run package:vscode: bundles the client and the language server with esbuild into dist/ (no
// node_modules in the extension), then packs them with vsce into kube-netlint-<version>.vsix here.
// The extension's tools are its own devDependencies (this folder's lock file), installed on first use:
// the root package, which pre-commit installs with its devDependencies, stays without them.
const { spawnSync } = require('node:child_process');
const { copyFileSync, existsSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const HERE = __dirname;
const { name, version } = require('./package.json');

/** Runs a command from this folder; stops on failure. */
function run(command, args) {
  const r = spawnSync(command, args, { cwd: HERE, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (exit ${r.status})`);
}
/** A package's CLI, run with this Node. */
const runBin = (bin, args) => run(process.execPath, [require.resolve(bin), ...args]);

/** npm ci when node_modules is missing or older than the lock file. */
function installTools() {
  const installed = join(HERE, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(HERE, 'package-lock.json')).mtimeMs) return;
  // Progress and notices go to stderr: stdout ends with the .vsix path, for scripts.
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}

async function main() {
  installTools();
  // esbuild strips types without checking them.
  runBin('typescript/bin/tsc', ['-p', 'tsconfig.json']);
  await require('esbuild').build({
    entryPoints: { extension: join(HERE, 'extension.ts'), server: join(HERE, 'server-entry.ts') },
    outdir: join(HERE, 'dist'),
    bundle: true,
    platform: 'node',
    // VS Code 1.82 (engines.vscode) runs extensions on Node 18.
    target: 'node18',
    format: 'cjs',
    external: ['vscode'],
    // ESM dependencies (fdir, under tinyglobby) read import.meta.url, which a CommonJS bundle lacks.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
    minify: true,
    logLevel: 'warning',
  });
  // The Terraform format's HCL parser, loaded by its path on first use: beside the server's bundle.
  run(process.execPath, [join(HERE, '..', '..', 'bin', 'copy-hcl-parser.js'), join(HERE, 'dist')]);
  const vsix = join(HERE, `${name}-${version}.vsix`);
  // vsce takes the license from the extension's own folder: the repository's, copied for the packing only.
  const license = join(HERE, 'LICENSE');
  copyFileSync(join(HERE, '..', '..', 'LICENSE'), license);
  try {
    // --no-dependencies: everything is in the bundles.
    runBin('@vscode/vsce/vsce', ['package', '--no-dependencies', '--out', vsix]);
  } finally {
    rmSync(license, { force: true });
  }
  console.log(vsix);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
