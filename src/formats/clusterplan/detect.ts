// Which documents and texts are ClusterPlans: `kind: ClusterPlan` at a document's top; for a document
// that does not parse, or a text too large to parse, the same line in its text.
import { isMap, isScalar, type Document } from 'yaml';
import type { ParsedDocument } from '../../source/parse';

const PLAN_KIND = /^kind\s*:\s*["']?ClusterPlan["']?\s*(#.*)?$/m;

/** Whether a text has a `kind: ClusterPlan` line. */
export const looksLikePlan = (text: string): boolean => PLAN_KIND.test(text);

export function isPlanDocument({ doc, source, errors }: ParsedDocument): boolean {
  return planKind(doc) ?? (errors.length > 0 && looksLikePlan(source));
}

/** Whether the document's top-level `kind` is ClusterPlan; undefined when it has no scalar `kind`. */
export function planKind(doc: Document): boolean | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const kind = root.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
  return kind && isScalar(kind.value) ? kind.value.value === 'ClusterPlan' : undefined;
}
