// Where each character of an inventory variable's string is written in the file, so that a flag inside
// `extra_server_args` or a CIDR inside `server_config_yaml` is located exactly. A plain or quoted scalar
// written as it reads (no escapes, one line) maps by one offset; a block scalar (`|`, `>`) whose lines keep
// one indentation maps line by line (each line's offset plus the indentation). Anything else (escapes,
// folded quoted lines, an alias, a text the format was not shown) is located at the whole scalar.
import type { Span } from '../../core/types';
import type { Located } from '../../source/yaml-nodes';

/** A document's text, starting at offset `start` (the document's first): `claims` sees it, `read` does not. */
export interface OuterText {
  text: string;
  start: number;
}

/** The outer text of a span, when the format was shown it. */
export function sliceOf(outer: OuterText | undefined, span: Span): string | undefined {
  if (!outer) return undefined;
  const from = span[0] - outer.start;
  const to = span[1] - outer.start;
  return from >= 0 && from <= to && to <= outer.text.length ? outer.text.slice(from, to) : undefined;
}

/** The value's characters [from, to) are written at offsets [at, at + to - from). */
interface Segment {
  from: number;
  to: number;
  at: number;
}

/** A literal block's content as written: its lines with their indentation, from the first content line's start. */
export interface BlockContent {
  literal: boolean;
  /** The offset of the first content line's first character (its indentation included). */
  start: number;
  text: string;
}

export interface ScalarText extends Located<string> {
  /** Where `value.slice(from, to)` is written, when it is written as it reads on one stretch of one line. */
  offsetOf: (from: number, to: number) => number | undefined;
  /** Set for a block scalar whose value is its lines less one indentation. */
  block?: BlockContent;
}

/** A variable's string with the map from its characters to the file's offsets (see the file comment). */
export function scalarText(lit: Located<string>, outer: OuterText | undefined): ScalarText {
  const raw = sliceOf(outer, lit.span);
  const { value, span } = lit;
  let segments: Segment[] = [];
  let block: BlockContent | undefined;
  if (raw === value) segments = [{ from: 0, to: value.length, at: span[0] }];
  else if (raw !== undefined && /^["']/.test(raw) && raw.length === value.length + 2 && raw.slice(1, -1) === value) {
    segments = [{ from: 0, to: value.length, at: span[0] + 1 }];
  } else if (raw !== undefined && /^[|>]/.test(raw)) {
    const found = blockLines(raw, span[0], value);
    if (found) ({ segments, block } = found);
  }
  const offsetOf = (from: number, to: number): number | undefined => {
    const s = segments.find((g) => g.from <= from && to <= g.to);
    return s && s.at + (from - s.from);
  };
  // Written as it reads on one stretch: its parts are located by spanWithin too.
  const at = offsetOf(0, value.length);
  return { ...lit, offsetOf, ...(at === undefined ? {} : { at }), ...(block ? { block } : {}) };
}

/** The header of a block scalar: `|`, `|-`, `>+2`, with a comment or not. */
const HEADER = /^([|>])[-+0-9]*[ \t]*(?:#[^\n]*)?(?:\n|$)/;

/**
 * A block scalar's lines, when its value is exactly its lines less one indentation: joined by line breaks
 * (literal), or by spaces when every line is a plain line of that indentation (folded). Trailing line
 * breaks (the chomping) are not compared.
 */
function blockLines(raw: string, start: number, value: string): { segments: Segment[]; block: BlockContent } | undefined {
  const header = HEADER.exec(raw.replace(/\r(?=\n)/, ''));
  if (!header) return undefined;
  const literal = header[1] === '|';
  const contentFrom = raw.indexOf('\n') + 1;
  if (contentFrom === 0) return undefined;
  const content = raw.slice(contentFrom);
  const lines: { at: number; text: string }[] = [];
  for (let pos = 0; pos < content.length;) {
    const nl = content.indexOf('\n', pos);
    const end = nl < 0 ? content.length : nl;
    lines.push({ at: pos, text: content.slice(pos, end).replace(/\r$/, '') });
    pos = end + 1;
  }
  const first = lines.find((l) => l.text.trim() !== '');
  if (!first) return undefined;
  const indent = /^ */.exec(first.text)![0].length;
  const parts: { text: string; at: number }[] = [];
  for (const l of lines) {
    if (/^ *$/.test(l.text) && l.text.length <= indent) parts.push({ text: '', at: l.at });
    else if (l.text.startsWith(' '.repeat(indent))) parts.push({ text: l.text.slice(indent), at: l.at + indent });
    else return undefined;
  }
  while (parts.length > 0 && parts[parts.length - 1].text === '') parts.pop();
  if (!literal && parts.some((p) => p.text === '' || /^[ \t]/.test(p.text))) return undefined;
  const rebuilt = parts.map((p) => p.text).join(literal ? '\n' : ' ');
  if (rebuilt !== value.replace(/\n+$/, '')) return undefined;
  const segments: Segment[] = [];
  let from = 0;
  for (const p of parts) {
    segments.push({ from, to: from + p.text.length, at: start + contentFrom + p.at });
    from += p.text.length + 1;
  }
  return { segments, block: { literal, start: start + contentFrom, text: content } };
}
