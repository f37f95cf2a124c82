// Linting with the formats an input needs prepared first. Some formats load their parser asynchronously (the
// Terraform format's WebAssembly grammar, InputFormat.prepare) while the engine is synchronous: the engine says
// which formats a text and its imports needed (LintResult.needs), and this prepares them and lints again. A run
// that meets no such file lints once and loads nothing, so the CLI's start-up stays as fast.
import type { LintResult } from '../engine/lint';
import { BUILTIN_FORMATS } from '../formats';
import type { InputFormat } from '../formats/input-format';
import { lint, type LinterOptions } from './lint';

/** lint, with the formats the input needs prepared: what the CLI and the language server call. */
export async function lintPrepared(text: string, options: LinterOptions = {}): Promise<LintResult> {
  let result = lint(text, options);
  const prepared = new Set<string>();
  while (result.needs) {
    const missing = result.needs.filter((id) => !prepared.has(id));
    if (missing.length === 0) throw new Error(`the ${result.needs.join(', ')} input format could not be prepared`);
    await prepareFormats(missing, options.formats);
    for (const id of missing) prepared.add(id);
    result = lint(text, options);
  }
  return result;
}

/** Prepares the formats named (each loads once per process); an unknown id is skipped. */
export async function prepareFormats(ids: readonly string[], formats: readonly InputFormat[] = BUILTIN_FORMATS): Promise<void> {
  await Promise.all(formats.flatMap((f) => (f.prepare && ids.includes(f.id) ? [f.prepare()] : [])));
}
