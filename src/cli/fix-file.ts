// --fix: apply fixes and lint again, a few passes at most (a fix may unlock another), then write the
// file once if anything changed, as it was saved: with its BOM (line ends are in the text already).
import { writeFileSync } from 'node:fs';
import { applyFixes, lint, type LinterOptions, type LintResult } from '../linter';

export interface Fixed {
  /** What is left to report: of the fixed text, or of the file as it is when it could not be written. */
  result: LintResult;
  writeError?: unknown;
}

/** Fixes the linted file; fixes of findings in the files it imports are reported, not applied (yet). */
export function fixFile(path: string, text: string, bom: boolean, result: LintResult, options: LinterOptions, unsafe: boolean): Fixed {
  const original = result;
  let fixed = text;
  for (let pass = 0; pass < 10; pass++) {
    const { text: next, applied } = applyFixes(fixed, result.diagnostics.filter((d) => d.filePath === undefined), { unsafe });
    if (applied === 0) break;
    fixed = next;
    result = lint(fixed, options);
  }
  if (fixed === text) return { result };
  try {
    writeFileSync(path, bom ? `\ufeff${fixed}` : fixed);
  } catch (e) {
    return { result: original, writeError: e };
  }
  return { result };
}
