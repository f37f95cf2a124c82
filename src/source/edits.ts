// Text edits for fixes. They touch only the scalar they replace, so comments and formatting around it stay.
import type { Fix, Span } from '../core/types';

/** Replaces a scalar's text, keeping its quotes; none when the source is not the plain value (escapes, aliases). */
export function replaceScalar(text: string, span: Span, value: string, replacement: string, safety: Fix['safety']): Fix | undefined {
  let [start, end] = span;
  const quote = text[start];
  if ((quote === '"' || quote === "'") && text[end - 1] === quote && end - start >= 2) {
    start++;
    end--;
  }
  if (text.slice(start, end) !== value) return undefined;
  return { safety, title: `Replace with ${replacement}`, edits: [{ start, end, text: replacement }] };
}

/**
 * A new item for a block sequence, next to an existing item: before it, or after it (after its line,
 * so a trailing comment stays with its item). None for a flow sequence (`[a, b]`) or an item that
 * does not start its own line, where a line-based insert would break the YAML.
 */
export function insertSequenceItem(
  text: string,
  item: Span,
  where: 'before' | 'after',
  itemText: string,
  safety: Fix['safety'],
  title: string,
): Fix | undefined {
  const lineStart = text.lastIndexOf('\n', item[0] - 1) + 1;
  const prefix = text.slice(lineStart, item[0]);
  if (!/^[ ]*- *$/.test(prefix)) return undefined;
  const line = `${prefix}${itemText}`;
  const eol = text.indexOf('\n', item[1]);
  // Keep the file's line endings; `end` is where the item's line ends, before its line break.
  const crlf = eol > 0 && text[eol - 1] === '\r';
  const newline = crlf ? '\r\n' : '\n';
  if (where === 'before') return { safety, title, edits: [{ start: lineStart, end: lineStart, text: `${line}${newline}` }] };
  const end = eol < 0 ? text.length : crlf ? eol - 1 : eol;
  return { safety, title, edits: [{ start: end, end, text: `${newline}${line}` }] };
}
