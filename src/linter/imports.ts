// Which files a plan imports, for the surfaces that must find the plan a changed file belongs to.
import { dirname, resolve } from 'node:path';
import type { InputHost } from '../engine/input-host';
import { readImports } from '../model/imports';
import { parseDocuments } from '../source/parse';

/** The files a text's ClusterPlan documents import directly, as the host finds them. */
export function importsOf(text: string, filePath: string, host: InputHost): string[] {
  const parsed = parseDocuments(text);
  if (!parsed.ok) return [];
  return parsed.documents
    .filter((d) => d.isPlan)
    .flatMap((d) => readImports(d.doc).flatMap((entry) => host.expand(entry.path.value, dirname(resolve(filePath)))));
}
