// A ClusterPlan text read into the model, for tests of the analysis below the rules.
import { clusterPlanOf } from '../../src/formats/clusterplan';
import type { Plan } from '../../src/model/types';
import { parseDocuments } from '../../src/source/parse';
import { toPlainValue } from '../../src/source/plain-value';
import { SourceFile } from '../../src/source/source-file';

export function planOf(text: string): Plan {
  const parsed = parseDocuments(text);
  if (!parsed.ok) throw new Error('bad test plan');
  const doc = parsed.documents[0];
  const plain = toPlainValue(doc.doc);
  if (!plain.ok) throw new Error('bad test plan');
  return clusterPlanOf([{ document: doc.doc, value: plain.value }], new SourceFile(text));
}
