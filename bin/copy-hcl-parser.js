'use strict';
// Build step (npm run bundle; the VS Code extension's and the action's builds too, with their folder): the Terraform
// format's HCL parser, copied beside a bundle, where src/formats/terraform/grammar.ts looks for it first: the
// tree-sitter runtime (its JavaScript, which bundles leave out because its Emscripten glue can compile code, and its
// WebAssembly) and the Terraform grammar. Runs without a Terraform file never load them.
//   node bin/copy-hcl-parser.js [folder]     (default: dist/)
const { copyFileSync } = require('node:fs');
const { basename, join, resolve } = require('node:path');

const target = resolve(process.argv[2] ?? join(__dirname, '..', 'dist'));
// `web-tree-sitter` itself resolves to its CommonJS build, tree-sitter.cjs.
for (const module of ['web-tree-sitter', 'web-tree-sitter/tree-sitter.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm']) {
  const file = require.resolve(module);
  copyFileSync(file, join(target, basename(file)));
}
