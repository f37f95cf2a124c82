// spec.imports of a ClusterPlan document: the files whose contents belong to its plan.
import { isScalar, type Document } from 'yaml';
import { YamlReader } from '../../source/yaml-nodes';
import type { ImportEntry } from '../input-format';
import { readSelector } from './firewalls';

/** The well-formed entries, in order (the schema reports the others). */
export function readImports(document: Document.Parsed): ImportEntry[] {
  const reader = new YamlReader(document);
  const [spec, r] = reader.child(reader.map(document.contents), 'spec');
  const [list, rl] = r.child(r.map(spec), 'imports');
  return rl.items(list).flatMap((item) => {
    const [n, ri] = rl.enter(item);
    const span = ri.spanOf(n);
    const m = ri.map(n);
    if (!m) return isScalar(n) && typeof n.value === 'string' && n.value !== '' ? [{ span, path: { value: n.value, span } }] : [];
    const path = ri.scalar<string>(m, 'path', 'string');
    if (!path || path.value === '') return [];
    const select = ri.scalar<string>(m, 'select', 'string');
    return [{ span, path, format: ri.scalar<string>(m, 'format', 'string'), appliesTo: readSelector(ri, m, 'appliesTo'), ...(select ? { select } : {}) }];
  });
}
