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

/**
 * Reads the AST on behalf of the model. Content reached through an alias (`interfaces: *eth0`) is
 * located at the alias, where the plan uses it, not at the anchor it was copied from: a reader made by
 * `enter()` for aliased content reports the alias's span for everything inside.
 */
export class YamlReader {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly usedAt?: Span,
  ) {}

  /** Follows an alias to its anchored node. */
  deref(node: unknown): Node | undefined {
    if (isAlias(node)) return this.deref(node.resolve(this.doc));
    return node as Node | undefined;
  }

  /** Where a node is used: its own span, or inside aliased content the alias that brings it here. */
  spanOf(node: unknown): Span {
    return this.usedAt ?? spanOf(node);
  }

  /** The node behind `node`, and the reader to read its content with. */
  enter(node: unknown): [Node | undefined, YamlReader] {
    if (!isAlias(node) || this.usedAt) return [this.deref(node), this];
    return [this.deref(node), new YamlReader(this.doc, spanOf(node))];
  }

  /** The value under `key`, and the reader to read it with. */
  child(map: YAMLMap | undefined, key: string): [Node | undefined, YamlReader] {
    return this.enter(this.pair(map, key)?.value ?? undefined);
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  /** A sequence's items as written (each may be an alias: `enter` it). */
  items(node: unknown): unknown[] {
    const n = this.deref(node);
    return isSeq(n) ? n.items : [];
  }

  /** The pair for `key`, looking into `<<` merge keys (YAML 1.1 style, which plans use for node templates). */
  pair(map: YAMLMap | undefined, key: string, seen?: Set<YAMLMap>): Pair<Node, Node | null> | undefined {
    if (!map || seen?.has(map)) return undefined;
    for (const p of map.items) {
      if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p as Pair<Node, Node | null>;
    }
    for (const p of map.items) {
      if (!isMergeKey(p.key)) continue;
      // Merge keys can form cycles through aliases; the maps visited are only tracked once there is one.
      seen ??= new Set();
      seen.add(map);
      const sources = this.deref(p.value);
      for (const source of isSeq(sources) ? sources.items : [sources]) {
        const found = this.pair(this.map(source), key, seen);
        if (found) return found;
      }
    }
    return undefined;
  }

  get(map: YAMLMap | undefined, key: string): Node | undefined {
    return this.deref(this.pair(map, key)?.value ?? undefined);
  }

  keySpan(map: YAMLMap | undefined, key: string): Span | undefined {
    const p = this.pair(map, key);
    return p ? this.spanOf(p.key) : undefined;
  }

  /** A scalar of the wanted JS type under `key`, with its value and key positions. */
  scalar<T extends string | number | boolean>(map: YAMLMap | undefined, key: string, type: 'string' | 'number' | 'boolean'): Located<T> | undefined {
    const [n, r] = this.child(map, key);
    if (!isScalar(n) || typeof n.value !== type) return undefined;
    return { value: n.value as T, span: r.spanOf(n), keySpan: this.keySpan(map, key) };
  }

  /**
   * The string scalars of a list under `key`; undefined only when the key is absent. A single string
   * (`pods: 10.244.0.0/16`) counts as a one-item list and anything else as an empty one, so that a key
   * of the wrong shape is still "set" (the schema reports the shape).
   */
  strings(map: YAMLMap | undefined, key: string): Located<string>[] | undefined {
    if (!this.pair(map, key)) return undefined;
    const [n, r] = this.child(map, key);
    const out: Located<string>[] = [];
    for (const item of isSeq(n) ? n.items : [n]) {
      const [s, ri] = r.enter(item);
      if (isScalar(s) && typeof s.value === 'string') out.push({ value: s.value, span: ri.spanOf(s) });
    }
    return out;
  }
}

const isMergeKey = (key: unknown): boolean => isScalar(key) && key.source === '<<';

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
