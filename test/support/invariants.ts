// What lint() must give for any text: no throw, every range inside the text, a message, no rule
// crash, the same answer twice; fixes that apply cleanly to a text that still lints; and on a large
// text, an answer within the time budget.
import { expect } from 'vitest';
import { applyFixes } from '../../src/linter';
import { DEFAULT_LIMITS, lint } from '../../src/linter';
import { resourceLimit } from '../../src/linter';
import type { Diagnostic } from '../../src/core/types';

export function checkInvariants(text: string, filePath?: string): Diagnostic[] {
  const first = lint(text, { filePath });
  checkDiagnostics(text, first.diagnostics);
  expect(lint(text, { filePath })).toEqual(first);
  return first.diagnostics;
}

/** Every range and fix edit inside the text, a message, no rule crash. Plain loops, one assertion: a large text has tens of thousands of findings. */
function checkDiagnostics(text: string, diagnostics: Diagnostic[]): void {
  const wrong: string[] = [];
  diagnostics.forEach((d, i) => {
    const say = (what: string) => wrong.push(`finding ${i} (${d.ruleId} at ${d.range.start.line}:${d.range.start.column}): ${what}`);
    for (const r of [d.range, ...d.related.map((x) => x.range)]) {
      if (!(r.start.offset >= 0 && r.start.offset <= r.end.offset && r.end.offset <= text.length))
        say(`range ${r.start.offset}-${r.end.offset} is not inside the text of ${text.length}`);
      if (!(r.start.line >= 1 && r.start.column >= 1)) say(`position ${r.start.line}:${r.start.column} is not 1-based`);
    }
    for (const e of d.fix?.edits ?? []) {
      if (!(e.start >= 0 && e.start <= e.end && e.end <= text.length)) say(`fix edit ${e.start}-${e.end} is not inside the text`);
    }
    if (d.message.length === 0) say('no message');
    if (d.ruleId === 'rule-crash') say(d.message);
  });
  expect(wrong.slice(0, 10)).toEqual([]);
}

/** Slack past the time budget, for the stages it cannot interrupt (composing one YAML document, a rule between two polls). */
export const BUDGET_MARGIN_MS = 5000;

export interface LargeOutcome {
  ms: number;
  diagnostics: Diagnostic[];
}

/**
 * lint() on a large text, with the default limits: it returns within the time budget plus the margin, keeps
 * the invariants above, and its answer is clear: at least one of `expects` (what the text must give, see
 * test/support/large-inputs.ts), or the resource-limit finding that says the budget stopped it. Run once:
 * two runs that reach the budget may stop at different places.
 */
export function checkLarge(text: string, expects?: readonly string[]): LargeOutcome {
  const started = performance.now();
  const { isPlan, diagnostics } = lint(text);
  const ms = performance.now() - started;
  expect(ms, 'lint() ran past the time budget and its margin').toBeLessThan(DEFAULT_LIMITS.timeBudgetMs + BUDGET_MARGIN_MS);
  checkDiagnostics(text, diagnostics);
  if (expects) {
    const ids = new Set(diagnostics.map((d) => d.ruleId));
    expect(isPlan, 'a plan was not recognised').toBe(true);
    expect(
      [...expects, resourceLimit.id].some((id) => ids.has(id)),
      `none of ${expects.join(', ')} or resource-limit among ${[...ids].join(', ')}`,
    ).toBe(true);
  }
  return { ms, diagnostics };
}

/** Every fix applied (as `--fix --unsafe-fixes` does) gives a text the engine still lints without a crash. */
export function checkFixes(text: string, diagnostics: Diagnostic[]): void {
  if (!diagnostics.some((d) => d.fix)) return;
  const fixed = applyFixes(text, diagnostics, { unsafe: true }).text;
  for (const d of lint(fixed).diagnostics) expect(d.ruleId).not.toBe('rule-crash');
}
