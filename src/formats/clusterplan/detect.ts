// Which documents and texts are ClusterPlans: `kind: ClusterPlan` at a document's top; for a document
// that does not parse, or a text too large to parse, the same line in its text.
import { isMap, isScalar } from 'yaml';
import type { ParsedDocument } from '../../source/parse';

const PLAN_KIND = /^kind\s*:\s*["']?ClusterPlan["']?\s*(#.*)?$/m;

/** Whether a text has a `kind: ClusterPlan` line. */
export const looksLikePlan = (text: string): boolean => PLAN_KIND.test(text);

export function isPlanDocument({ doc, source, errors }: ParsedDocument): boolean {
  const root = doc.contents;
  if (isMap(root)) {
    const kind = root.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
    if (kind && isScalar(kind.value)) return kind.value.value === 'ClusterPlan';
  }
  return errors.length > 0 && looksLikePlan(source);
}
