// --fix: fix all (src/linter), then write the file once if anything changed, as it was saved: with its
// BOM (line ends are in the text already).
import { writeFileSync } from 'node:fs';
import { fixAll, type LinterOptions, type LintResult } from '../linter';

export interface Fixed {
  /** What is left to report: of the fixed text, or of the file as it is when it could not be written. */
  result: LintResult;
  writeError?: unknown;
}

/** Fixes the linted file; fixes of findings in the files it imports are reported, not applied (yet). */
export function fixFile(path: string, text: string, bom: boolean, result: LintResult, options: LinterOptions, unsafe: boolean): Fixed {
  const fixed = fixAll(text, options, { unsafe, first: result });
  if (fixed.text === text) return { result: fixed.result };
  try {
    writeFileSync(path, bom ? `\ufeff${fixed.text}` : fixed.text);
  } catch (e) {
    return { result, writeError: e };
  }
  return { result: fixed.result };
}
