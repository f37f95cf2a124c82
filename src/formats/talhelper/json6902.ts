// RFC 6902 patches in talhelper's `patches` (a list of operations; talhelper still takes them, deprecated). An
// `add` or `replace` of a value at a path of mapping keys reads as the strategic-merge patch that nests the value
// under those keys, so that the machine-config reader reads it; so does appending one interface
// (`/machine/network/interfaces/-`). Any other operation on the settings read here (`remove`, `move`, `copy`, a list
// index, the whole `/machine` or `/cluster`) depends on what it is applied to: it is unresolved, not guessed.
// Operations elsewhere (`/machine/install`) do not bear on the network and are passed by.
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Span } from '../../core/types';
import type { Located, YamlReader } from '../../source/yaml-nodes';

/** The machine-config settings kube-netlint reads (src/formats/talos/machine.ts), as key paths. */
export const READ_SETTINGS: readonly (readonly string[])[] = [
  ['machine', 'network'],
  ['machine', 'sysctls'],
  ['machine', 'kubelet', 'extraConfig'],
  ['machine', 'kubelet', 'clusterDNS'],
  ['cluster', 'network'],
  ['cluster', 'controlPlane'],
  ['cluster', 'controllerManager', 'extraArgs'],
  ['cluster', 'apiServer', 'extraArgs'],
];
const INTERFACES = ['machine', 'network', 'interfaces'];

export interface Operation {
  /** The strategic-merge patch it stands for. */
  fragment?: YAMLMap;
  /** It sets the whole interface list (or the network holding it): the interfaces before it are gone. */
  replacesInterfaces?: boolean;
  /** What it does, when that cannot be read (for import-unresolved). */
  unresolved?: Located<string>;
}

/** `a` starts with `b`. */
const startsWith = (a: readonly string[], b: readonly string[]) => b.length <= a.length && b.every((s, i) => a[i] === s);

/** An operation (a list item of a JSON patch), or undefined when it does not touch what is read here. */
export function operationOf(list: YamlReader, item: unknown): Operation | undefined {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const op = r.scalar<string>(m, 'op', 'string');
  const path = r.scalar<string>(m, 'path', 'string');
  if (!op || !path || op.value === 'test') return undefined;
  // RFC 6901: `~1` is `/`, `~0` is `~`.
  const segments = path.value
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (!READ_SETTINGS.some((p) => startsWith(segments, p) || startsWith(p, segments))) return undefined;
  const unresolved = { unresolved: { value: `${op.value} ${path.value}`, span: r.spanOf(n) } };
  const [value] = r.child(m, 'value');
  if ((op.value !== 'add' && op.value !== 'replace') || value === undefined || segments.length < 2) return unresolved;
  const appendsInterface = op.value === 'add' && segments.length === INTERFACES.length + 1 && startsWith(segments, INTERFACES) && segments.at(-1) === '-';
  if (!appendsInterface && segments.some((s) => /^(\d+|-)$/.test(s))) return unresolved;
  const keys = appendsInterface ? INTERFACES : segments;
  const leaf: Node = appendsInterface ? seqOf(value) : value;
  return { fragment: nested(keys, leaf, path.span) as YAMLMap, replacesInterfaces: !appendsInterface && startsWith(INTERFACES, segments) };
}

function seqOf(item: Node): YAMLSeq {
  const seq = new YAMLSeq();
  seq.items.push(item);
  return seq;
}

/** The value under the keys, each key located at the operation's `path` (where the patch names it). */
function nested(keys: readonly string[], leaf: Node, at: Span): Node {
  let node = leaf;
  for (const key of [...keys].reverse()) {
    const map = new YAMLMap();
    const scalar = new Scalar(key);
    scalar.range = [at[0], at[1], at[1]];
    map.items.push(new Pair(scalar, node));
    node = map;
  }
  return node;
}
