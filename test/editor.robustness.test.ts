// Completion and hover run on whatever is in the editor: at any position of a damaged plan they must
// answer without throwing, and every completion edit must replace a range around the cursor.
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { completionsAt } from '../server/completion';
import { hoverAt } from '../server/hover';
import { lint } from '../src/linter';
import { damagedPlans } from './support/damage';

function check(text: string, at: number): void {
  const doc = TextDocument.create('file:///plan.yaml', 'yaml', 1, text);
  // A position cannot address the middle of a CRLF: the editor's cursor is where the position maps back.
  const position = doc.positionAt(at % (text.length + 1));
  const cursor = doc.offsetAt(position);
  for (const item of completionsAt(doc, position)) {
    const range = (item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } }).range;
    expect(doc.offsetAt(range.start)).toBeLessThanOrEqual(cursor);
    expect(doc.offsetAt(range.end)).toBeGreaterThanOrEqual(cursor);
    expect(item.label.length).toBeGreaterThan(0);
  }
  hoverAt(doc, lint(text).diagnostics, position);
}

describe('completion and hover on broken input', () => {
  it('never throw at any position of a damaged plan', () => {
    fc.assert(
      fc.property(damagedPlans, fc.nat(), (text, at) => check(text, at)),
      { numRuns: 200 },
    );
  });

  it('never throw on arbitrary text after a plan header', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `apiVersion: kube-netlint/v1\nkind: ClusterPlan\n${s}`);
    fc.assert(
      fc.property(text, fc.nat(), (t, at) => check(t, at)),
      { numRuns: 200 },
    );
  });
});
