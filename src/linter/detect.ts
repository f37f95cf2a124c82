// Whether a text is a plan's input, by the built-in formats: a cheap look for files too large to read
// whole (the CLI scans them) and for neighbours a changed file's plan may be in; a parse without the
// model or the rules for the language server, which tells only plans about a broken configuration.
import { DEFAULT_LIMITS, exceedsSizeLimit } from '../engine/lint';
import { BUILTIN_FORMATS } from '../formats';
import { parseDocuments } from '../source/parse';

export const looksLikeInput = (text: string): boolean => BUILTIN_FORMATS.some((f) => f.looksLike(text));

/** Bounded as a lint is: a text over the size limit is only looked at, and the parse stops at the time budget. */
export function isInput(text: string): boolean {
  if (exceedsSizeLimit(text, DEFAULT_LIMITS.maxFileSizeMB)) return looksLikeInput(text);
  const parsed = parseDocuments(text, { deadline: performance.now() + DEFAULT_LIMITS.timeBudgetMs });
  if (!parsed.ok) return looksLikeInput(text);
  return parsed.documents.some((d) => BUILTIN_FORMATS.some((f) => f.claims(d)));
}
