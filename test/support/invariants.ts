// What lint() must give for any text: no throw, every range inside the text, a message, no rule
// crash, the same answer twice; and fixes that apply cleanly to a text that still lints.
import { expect } from 'vitest';
import { applyFixes } from '../../src/engine/fix';
import { lint } from '../../src/engine/lint';
import type { Diagnostic } from '../../src/engine/types';

export function checkInvariants(text: string): Diagnostic[] {
  const first = lint(text);
  for (const d of first.diagnostics) {
    for (const r of [d.range, ...d.related.map((x) => x.range)]) {
      expect(r.start.offset).toBeGreaterThanOrEqual(0);
      expect(r.end.offset).toBeLessThanOrEqual(text.length);
      expect(r.start.offset).toBeLessThanOrEqual(r.end.offset);
      expect(r.start.line).toBeGreaterThanOrEqual(1);
      expect(r.start.column).toBeGreaterThanOrEqual(1);
    }
    for (const e of d.fix?.edits ?? []) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(e.start).toBeLessThanOrEqual(e.end);
    }
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.ruleId).not.toBe('rule-crash');
  }
  expect(lint(text)).toEqual(first);
  return first.diagnostics;
}

/** Every fix applied (as `--fix --unsafe-fixes` does) gives a text the engine still lints without a crash. */
export function checkFixes(text: string, diagnostics: Diagnostic[]): void {
  if (!diagnostics.some((d) => d.fix)) return;
  const fixed = applyFixes(text, diagnostics, { unsafe: true }).text;
  for (const d of lint(fixed).diagnostics) expect(d.ruleId).not.toBe('rule-crash');
}
