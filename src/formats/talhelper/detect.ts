// Which documents are talhelper's talconfig.yaml: a top-level `clusterName` beside a `nodes` list whose
// items have a `hostname` (topf and other Talos tools also have `clusterName` and `nodes`).
import { isMap, isScalar, isSeq } from 'yaml';
import type { ParsedDocument } from '../../source/parse';

const CLUSTER_NAME = /^clusterName\s*:/m;
const NODES = /^nodes\s*:/m;
const HOSTNAME = /^[ -]*hostname\s*:/m;

/** Whether a text may be a talconfig.yaml: the keys at the start of a line. */
export const looksLikeTalconfig = (text: string): boolean => CLUSTER_NAME.test(text) && NODES.test(text) && HOSTNAME.test(text);

export function isTalconfig({ doc, source, errors }: ParsedDocument): boolean {
  const root = doc.contents;
  if (isMap(root)) {
    const value = (key: string) => root.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    const nodes = value('nodes');
    return value('clusterName') !== undefined && isSeq(nodes) && nodes.items.some((n) => isMap(n) && n.has('hostname'));
  }
  return errors.length > 0 && looksLikeTalconfig(source);
}
