// Typed, position-keeping access to a `yaml` AST. Readers return undefined for a node of the wrong
// shape instead of throwing, so a plan that fails the schema in one place is still modelled elsewhere.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../engine/types';

export interface Located<T> {
  value: T;
  span: Span;
  /** The key this value sits under, when it is a mapping value. */
  keySpan?: Span;
}

export class YamlReader {
  constructor(private readonly doc: Document.Parsed) {}

  /** Follows an alias to its anchored node (positions then point at the anchor). */
  deref(node: unknown): Node | undefined {
    if (isAlias(node)) return this.deref(node.resolve(this.doc));
    return node as Node | undefined;
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  items(node: unknown): Node[] {
    const n = this.deref(node);
    return isSeq(n) ? (n.items as Node[]) : [];
  }

  pair(map: YAMLMap | undefined, key: string): Pair<Node, Node | null> | undefined {
    if (!map) return undefined;
    for (const p of map.items) {
      if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p as Pair<Node, Node | null>;
    }
    return undefined;
  }

  get(map: YAMLMap | undefined, key: string): Node | undefined {
    return this.deref(this.pair(map, key)?.value ?? undefined);
  }

  keySpan(map: YAMLMap | undefined, key: string): Span | undefined {
    const p = this.pair(map, key);
    return p ? spanOf(p.key) : undefined;
  }

  /** A scalar of the wanted JS type under `key`, with its value and key positions. */
  scalar<T extends string | number | boolean>(map: YAMLMap | undefined, key: string, type: 'string' | 'number' | 'boolean'): Located<T> | undefined {
    const p = this.pair(map, key);
    const n = this.deref(p?.value);
    if (!isScalar(n) || typeof n.value !== type) return undefined;
    return { value: n.value as T, span: spanOf(n), keySpan: spanOf(p?.key) };
  }

  /** A scalar node rendered as text (numbers too: `ports: 6443`), or undefined for non-scalars. */
  text(node: unknown): Located<string> | undefined {
    const n = this.deref(node);
    if (!isScalar(n) || n.value === null || typeof n.value === 'object') return undefined;
    return { value: String(n.value), span: spanOf(n) };
  }

  /**
   * The string scalars of a list under `key`; undefined only when the key is absent. A single string
   * (`pods: 10.244.0.0/16`) counts as a one-item list and anything else as an empty one, so that a key
   * of the wrong shape is still "set" (the schema reports the shape).
   */
  strings(map: YAMLMap | undefined, key: string): Located<string>[] | undefined {
    if (!this.pair(map, key)) return undefined;
    const n = this.get(map, key);
    const items = isSeq(n) ? n.items : [n];
    const out: Located<string>[] = [];
    for (const item of items) {
      const s = this.deref(item);
      if (isScalar(s) && typeof s.value === 'string') out.push({ value: s.value, span: spanOf(s) });
    }
    return out;
  }
}

/** A node's span up to its value end (trailing comments excluded); a pair spans key to value. */
export function spanOf(node: unknown): Span {
  if (isPair(node)) {
    const k = spanOf(node.key);
    const v = node.value ? spanOf(node.value) : k;
    return [k[0], Math.max(k[1], v[1])];
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? [range[0], range[1]] : [0, 0];
}
