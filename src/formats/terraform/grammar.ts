// The HCL parser: web-tree-sitter with the published Terraform grammar (@tree-sitter-grammars/tree-sitter-hcl),
// both WebAssembly. Loading them is asynchronous and costs some tens of milliseconds, so it happens only when a run meets a
// Terraform file (InputFormat.prepare). The runtime's JavaScript is required then, by its path, never bundled:
// its Emscripten glue can compile code, which the CLI bundle itself never does. The build copies it and both
// .wasm files beside the CLI bundle (bin/copy-hcl-parser.js); from the compiled sources they are found in
// node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';

type Runtime = typeof import('web-tree-sitter');

/** Each file by its name beside the bundle, and the module that has it in node_modules. */
const RUNTIME = { file: 'tree-sitter.cjs', module: 'web-tree-sitter' };
const RUNTIME_WASM = { file: 'tree-sitter.wasm', module: 'web-tree-sitter/tree-sitter.wasm' };
const GRAMMAR = { file: 'tree-sitter-terraform.wasm', module: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm' };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** The parser, once prepareGrammar has resolved. */
export const hclParser = (): Parser | undefined => parser;

/** Loads the runtime and the grammar once; a failed load is tried again by the next call. */
export function prepareGrammar(): Promise<void> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw new Error(`cannot load the Terraform (HCL) parser: ${(e as Error).message}`);
  });
  return loading;
}

async function load(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- by its path, at run time (see above)
  const { Parser, Language } = require(located(RUNTIME)) as Runtime;
  await Parser.init({ locateFile: () => located(RUNTIME_WASM) });
  const language = await Language.load(readFileSync(located(GRAMMAR)));
  const loaded = new Parser();
  loaded.setLanguage(language);
  parser = loaded;
}

/** Beside the running script (the CLI bundle in dist/), else where the package installed it. */
function located({ file, module }: { file: string; module: string }): string {
  const beside = join(__dirname, file);
  return existsSync(beside) ? beside : require.resolve(module);
}
