// Whether a text is a plan's input, by the built-in formats: a cheap look for files too large to read
// whole (the CLI scans them) and for neighbours a changed file's plan may be in; a parse without the
// model or the rules for the language server, which tells only plans about a broken configuration.
import { DEFAULT_LIMITS, exceedsSizeLimit } from '../engine/lint';
import { BUILTIN_FORMATS } from '../formats';
import { parseInput } from '../engine/input-set';
import { clock } from '../core/clock';

export const looksLikeInput = (text: string): boolean => BUILTIN_FORMATS.some((f) => f.looksLike(text));

/** Whether a text may import other files: a ClusterPlan's `imports`, or a format whose files always do (an inventory's group_vars). */
export const mayImport = (text: string): boolean => text.includes('imports') || BUILTIN_FORMATS.some((f) => f.impliedImports && f.looksLike(text));

/** Bounded as a lint is: a text over the size limit is only looked at, and the parse stops at the time budget. */
export function isInput(text: string, filePath?: string): boolean {
  if (exceedsSizeLimit(text, DEFAULT_LIMITS.maxFileSizeMB)) return looksLikeInput(text);
  const parsed = parseInput(text, BUILTIN_FORMATS, { deadline: clock.now() + DEFAULT_LIMITS.timeBudgetMs, filePath });
  if (!parsed.ok) return looksLikeInput(text);
  return parsed.documents.some((d) => BUILTIN_FORMATS.some((f) => !f.importedOnly && f.claims(d, parsed.documents, filePath)));
}
