// A text read by an input format as the engine reads a file of its own syntax: parsed, claimed, then read.
import type { InputFormat } from '../../src/formats/input-format';
import type { PlanPart } from '../../src/model/types';

/** The part the format reads from the text's first document, or undefined when the format does not take the text. */
export function partOf(format: InputFormat, text: string, filePath: string, base = 0): PlanPart | undefined {
  const parsed = format.parse!(text, { base, filePath });
  if (typeof parsed !== 'object' || !parsed.ok) return undefined;
  const doc = parsed.documents[0];
  if (!format.claims(doc, parsed.documents, filePath)) return undefined;
  return format.read(doc.doc, () => {});
}
