// Fix all: apply the fixes of a lint, lint the result again, and go on while fixes apply (one may unlock
// another), as ESLint's verifyAndFix does; the CLI's --fix and the editor's "fix all" both use it.
import { applyFixes } from '../engine/fix';
import { DEFAULT_LIMITS, type LintResult } from '../engine/lint';
import { lint, type LinterOptions } from './lint';

/** Passes at most: fixes that keep unlocking others are a loop, not progress. */
const MAX_PASSES = 10;

export interface FixedText {
  text: string;
  /** The lint of the fixed text (or of the text itself when nothing applied). */
  result: LintResult;
}

/**
 * Fixes in the linted text only (findings in the files a plan imports are fixed in those files). Unsafe
 * fixes only when asked. All passes together stay within one time budget.
 */
export function fixAll(text: string, options: LinterOptions, { unsafe = false, first }: { unsafe?: boolean; first?: LintResult } = {}): FixedText {
  const until = performance.now() + (options.config?.limits?.timeBudgetMs ?? DEFAULT_LIMITS.timeBudgetMs);
  let result = first ?? lint(text, options);
  let fixed = text;
  for (let pass = 0; pass < MAX_PASSES && performance.now() < until; pass++) {
    const next = applyFixes(
      fixed,
      result.diagnostics.filter((d) => d.filePath === undefined),
      { unsafe },
    );
    if (next.applied === 0) break;
    fixed = next.text;
    result = lint(fixed, options);
  }
  return { text: fixed, result };
}
