// Applies the fixes of a lint to its text: safe ones always, unsafe ones only when asked (Ruff's
// fix safety). Edits only replace the spans they name, so comments and formatting elsewhere stay.
import type { Diagnostic, TextEdit } from '../core/types';

export interface FixResult {
  text: string;
  /** How many diagnostics' fixes were applied. */
  applied: number;
}

/**
 * Applies non-overlapping fixes in order of position; a fix that overlaps one already taken waits for
 * the next pass (the caller lints again), as ESLint does.
 */
export function applyFixes(text: string, diagnostics: Diagnostic[], options: { unsafe?: boolean } = {}): FixResult {
  const fixes = diagnostics
    .flatMap((d) => (d.fix && (d.fix.safety === 'safe' || options.unsafe) ? [d.fix] : []))
    .map((f) => [...f.edits].sort((a, b) => a.start - b.start))
    .filter((edits) => edits.length > 0)
    .sort((a, b) => a[0].start - b[0].start);
  const taken: TextEdit[] = [];
  let applied = 0;
  let end = 0;
  for (const edits of fixes) {
    if (edits[0].start < end) continue;
    taken.push(...edits);
    end = Math.max(...edits.map((e) => e.end));
    applied++;
  }
  let out = '';
  let at = 0;
  for (const e of taken) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return { text: out + text.slice(at), applied };
}
