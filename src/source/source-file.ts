// Offsets ↔ 1-based line/column for one text. Line starts are found once; lookups binary-search them.
import type { Position, Range, Span } from '../core/types';

export class SourceFile {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1, offset: o };
  }

  /** A span as a range, without the line breaks and spaces a block collection's node ends with. */
  rangeOf(span: Span): Range {
    let end = Math.max(span[0], span[1]);
    while (end > span[0] && /\s/.test(this.text[end - 1])) end--;
    return { start: this.positionAt(span[0]), end: this.positionAt(end) };
  }

  /** The offset of a 1-based line and column, clamped to the text. */
  offsetAt(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
    return Math.min(start + Math.max(0, column - 1), this.text.length);
  }
}
