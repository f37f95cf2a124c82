// Text edits for fixes. They touch only the scalar they replace, so comments and formatting around it stay.
import type { Fix, Span } from '../engine/types';

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
