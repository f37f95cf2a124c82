// Keys of the ClusterPlan format that have a new name. The old name is still read, so a plan written
// before the rename keeps its meaning; deprecated-key reports each use, with a safe fix that renames it.
import type { Document, YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import type { YamlReader } from '../../source/yaml-nodes';
import { planKind } from './detect';

export interface RenamedKey {
  /** The path of the mapping that holds the key, from the document's root; `#` is every item of a list. */
  under: readonly string[];
  from: string;
  to: string;
  /** Why the old name had to go, as the message says it. */
  why: string;
}

/** The nodes a service runs on. */
export const SERVICE_NODES: RenamedKey = {
  under: ['spec', 'services', '#'],
  from: 'on',
  to: 'runsOn',
  why: 'YAML 1.1 readers (PyYAML, Ansible, yamllint\'s "truthy" rule) read an unquoted `on` as the boolean true',
};

export const RENAMED_KEYS: readonly RenamedKey[] = [SERVICE_NODES];

export interface RenamedKeyUse {
  renamed: RenamedKey;
  /** The old key. */
  keySpan: Span;
  /** The new key, when the same mapping sets both (the new one is read). */
  newKeySpan?: Span;
}

/** The old keys a ClusterPlan document uses, in document order; none in documents of other formats. */
export function renamedKeysIn(document: Document.Parsed, reader: YamlReader): RenamedKeyUse[] {
  if (!planKind(document)) return [];
  const root = reader.map(document.contents);
  return RENAMED_KEYS.flatMap((renamed) =>
    mapsAt(root, reader, renamed.under).flatMap(([map, r]) => {
      const keySpan = r.keySpan(map, renamed.from);
      return keySpan ? [{ renamed, keySpan, newKeySpan: r.keySpan(map, renamed.to) }] : [];
    }),
  ).sort((a, b) => a.keySpan[0] - b.keySpan[0]);
}

/** The mappings at `path` below `map`, each with the reader that locates its keys. */
function mapsAt(map: YAMLMap | undefined, r: YamlReader, path: readonly string[]): [YAMLMap, YamlReader][] {
  if (!map) return [];
  if (path.length === 0) return [[map, r]];
  const [key, ...rest] = path;
  const [child, rc] = r.child(map, key);
  if (rest[0] !== '#') return mapsAt(rc.map(child), rc, rest);
  return rc.items(child).flatMap((item) => {
    const [n, ri] = rc.enter(item);
    return mapsAt(ri.map(n), ri, rest.slice(1));
  });
}
