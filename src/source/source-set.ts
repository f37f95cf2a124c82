// The files of one plan's input set in one offset space: the linted file first at offset 0, then each
// imported file after the previous one and a line break. Spans stay two numbers, and every stage that
// reads spans (rules, fixes, directives) works unchanged across files; only reporting asks which file.
import type { Range, Span } from '../core/types';
import { SourceFile } from './source-file';

export interface SetMember {
  /** The path (or, in the editor, the URI) the file is reported under; undefined for unnamed text. */
  filePath: string | undefined;
  base: number;
  file: SourceFile;
}

export class SourceSet {
  readonly members: SetMember[] = [];
  private combined?: SourceFile;

  constructor(filePath: string | undefined, text: string) {
    this.members.push({ filePath, base: 0, file: new SourceFile(text) });
  }

  /** Adds a file; returns the offset its spans start at. */
  add(filePath: string, text: string): number {
    const last = this.members[this.members.length - 1];
    const base = last.base + last.file.text.length + 1;
    this.members.push({ filePath, base, file: new SourceFile(text) });
    this.combined = undefined;
    return base;
  }

  /** The text every span indexes: the files one after the other, each on lines of its own. */
  text(): SourceFile {
    if (this.members.length === 1) return this.members[0].file;
    return (this.combined ??= new SourceFile(this.members.map((m) => m.file.text).join('\n')));
  }

  /** The member a span starts in. */
  memberAt(offset: number): SetMember {
    let lo = 0;
    let hi = this.members.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.members[mid].base <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.members[lo];
  }

  /** A span as its file and the range in that file (offsets, lines and columns of the file itself). */
  locate(span: Span): { member: SetMember; range: Range } {
    const member = this.memberAt(span[0]);
    const end = Math.min(span[1], member.base + member.file.text.length);
    return { member, range: member.file.rangeOf([span[0] - member.base, Math.max(span[0], end) - member.base]) };
  }
}
