// Which files a plan imports, for the surfaces that must find the plan a changed file belongs to.
import { dirname, resolve } from 'node:path';
import type { InputHost } from '../engine/input-host';
import { BUILTIN_FORMATS } from '../formats';
import { parseInput } from '../engine/input-set';

/** The files a text's documents import directly (as their formats read them), as the host finds them. */
export function importsOf(text: string, filePath: string, host: InputHost): string[] {
  const parsed = parseInput(text, BUILTIN_FORMATS, { filePath });
  if (!parsed.ok) return [];
  return parsed.documents.flatMap((d) => {
    const format = BUILTIN_FORMATS.find((f) => !f.importedOnly && f.claims(d, parsed.documents, filePath));
    return format ? format.imports(d.doc).flatMap((entry) => host.expand(entry.path.value, dirname(resolve(filePath)))) : [];
  });
}
