// kubeadm's extra command-line flags of a component (`apiServer.extraArgs`, `controllerManager.extraArgs`,
// `nodeRegistration.kubeletExtraArgs`), in both of their shapes: a map of flag to value up to v1beta3, a
// list of `{name, value}` in v1beta4 (where a flag may be repeated: the last one holds, as on a command line).
import { isScalar, type YAMLMap } from 'yaml';
import type { Located, YamlReader } from '../../source/yaml-nodes';

/** A flag's value as written, located; a number or boolean scalar is read as its text. */
export type ExtraArg = (flag: string) => Located<string> | undefined;

/** The extra flags under `key` of the map `m`; none when the key is missing or of another shape. */
export function extraArgs(r: YamlReader, m: YAMLMap | undefined, key: string): ExtraArg {
  const [node, ra] = r.child(m, key);
  const map = ra.map(node);
  if (map) return (flag) => valueOf(ra, map, flag);
  const items = ra.items(node);
  return (flag) => {
    let found: Located<string> | undefined;
    for (const item of items) {
      const [n, ri] = ra.enter(item);
      const im = ri.map(n);
      const name = ri.get(im, 'name');
      if (isScalar(name) && name.value === flag) found = valueOf(ri, im, 'value') ?? found;
    }
    return found;
  };
}

function valueOf(r: YamlReader, m: YAMLMap | undefined, key: string): Located<string> | undefined {
  const text = r.text(m, key);
  if (text) return text;
  const [n, rv] = r.child(m, key);
  if (!isScalar(n) || (typeof n.value !== 'number' && typeof n.value !== 'boolean')) return undefined;
  return { value: String(n.value), span: rv.spanOf(n), keySpan: r.keySpan(m, key) };
}
