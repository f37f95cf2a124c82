// The plan document holding an offset, parsed and modelled the way the engine does it, for completion
// and hover. Tolerant: a half-typed document still yields its AST and whatever model it allows.
import { isMap, isScalar, type Document } from 'yaml';
import { DEFAULT_LIMITS, exceedsSizeLimit, type Limits } from '../../engine/lint';
import { clusterPlan, clusterPlanOf } from '../../formats/clusterplan';
import type { Plan } from '../../model/types';
import { parseDocuments, type ParseResult } from '../../source/parse';
import { SourceFile } from '../../source/source-file';
import { clock } from '../../core/clock';

export interface PlanAt {
  doc: Document.Parsed;
  plan: Plan;
}

/**
 * The last text parsed, and the plans built from it: hovering around an unchanged document (every
 * mouse move) parses it once. Completion parses a new text each time and simply replaces it. (The lint
 * parses in its worker thread, so its parse cannot be shared.)
 */
let last: { text: string; parsed: ParseResult; plans: Map<Document.Parsed, Plan> } | undefined;

/**
 * Undefined outside plans: other YAML files get no completion or hover from us, as they get no
 * diagnostics. Nor do texts beyond the limits the engine applies to them: over the size limit they are
 * not parsed, and parsing stops at the time budget.
 */
export function planAt(text: string, offset: number, configured: Limits = {}): PlanAt | undefined {
  const limits = { ...DEFAULT_LIMITS, ...configured };
  if (last?.text !== text) {
    if (exceedsSizeLimit(text, limits.maxFileSizeMB)) return undefined;
    last = { text, parsed: parseDocuments(text, { deadline: clock.now() + limits.timeBudgetMs }), plans: new Map() };
  }
  const { parsed, plans } = last;
  if (!parsed.ok) return undefined;
  const found = parsed.documents.find((d) => offset <= d.doc.range[2]) ?? parsed.documents.at(-1);
  if (!found || !(clusterPlan.claims(found) || declaresApiVersion(found.doc))) return undefined;
  let plan = plans.get(found.doc);
  if (!plan) plans.set(found.doc, (plan = clusterPlanOf([{ document: found.doc, value: undefined }], new SourceFile(text))));
  return { doc: found.doc, plan };
}

/** A plan being started has its apiVersion before its kind: completing `kind:` must already work. */
function declaresApiVersion(doc: Document.Parsed): boolean {
  const root = doc.contents;
  return isMap(root) && root.items.some((p) => isScalar(p.key) && p.key.value === 'apiVersion' && isScalar(p.value) && p.value.value === 'kube-netlint/v1');
}
