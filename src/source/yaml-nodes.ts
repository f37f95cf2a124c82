// Typed, position-keeping access to a `yaml` AST. Readers return undefined for a node of the wrong
// shape instead of throwing, so a plan that fails the schema in one place is still modelled elsewhere.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../core/types';
import { indexOf, isMergeKey } from './document-index';
import { spanOf } from './span-of';

export { spanOf } from './span-of';

export interface Located<T> {
  value: T;
  span: Span;
  /** The key this value sits under, when it is a mapping value. */
  keySpan?: Span;
  /** Where the value's first character is, when the scalar's text is the value itself (no escapes, no folding). */
  at?: number;
}

/**
 * The span of `value.slice(from, to)`: a part of a comma list, the host of a URL. A scalar whose text is
 * not its value character for character (escapes, folded lines, reached through an alias) gives its whole span.
 */
export const spanWithin = (lit: Located<string>, from: number, to: number): Span => (lit.at === undefined ? lit.span : [lit.at + from, lit.at + to]);

/**
 * The items of a comma list (`"10.42.0.0/16, fd42::/56"`), each located inside the string (spanWithin).
 * `trim`: spaces around an item are not part of it. Empty items are skipped.
 */
export function commaParts(lit: Located<string>, { trim = true } = {}): Located<string>[] {
  const out: Located<string>[] = [];
  let from = 0;
  for (const part of lit.value.split(',')) {
    const start = from + (trim ? part.length - part.trimStart().length : 0);
    const text = trim ? part.trim() : part;
    from += part.length + 1;
    if (text !== '') out.push({ value: text, span: spanWithin(lit, start, start + text.length), keySpan: lit.keySpan });
  }
  return out;
}

/** The offset of a scalar's first value character when its text is its value verbatim. */
function verbatimAt(n: Scalar, span: Span): number | undefined {
  if (typeof n.value !== 'string' || !n.range || span[0] !== n.range[0]) return undefined;
  const written = n.range[1] - n.range[0];
  if (n.type === Scalar.PLAIN && written === n.value.length) return n.range[0];
  // Every escape and every folded line break makes the value shorter than its quoted text.
  if ((n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE) && written === n.value.length + 2) return n.range[0] + 1;
  return undefined;
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

  /** Follows an alias to its anchored node, through the document's index (one walk per document). */
  deref(node: unknown): Node | undefined {
    // An anchor's node is never itself an alias, so one step suffices.
    return isAlias(node) ? indexOf(this.doc).target(node) : (node as Node | undefined);
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
    return this.childOf(this.lookup(map, key));
  }

  /** The value of a pair lookup found, entered (through the merge alias that brought it). */
  private childOf(found: ReturnType<YamlReader['lookup']>): [Node | undefined, YamlReader] {
    return (found ? this.through(found.via) : this).enter(found?.pair.value ?? undefined);
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
  pair(map: YAMLMap | undefined, key: string): Pair<Node, Node | null> | undefined {
    return this.lookup(map, key)?.pair;
  }

  /**
   * The pair for `key` and, when a merge alias (`<<: *worker`) brought it, that alias: a value a node
   * takes from its template is located where the node merges the template, not at the template.
   */
  private lookup(map: YAMLMap | undefined, key: string, seen?: Set<YAMLMap>): { pair: Pair<Node, Node | null>; via?: Span } | undefined {
    if (!map || seen?.has(map)) return undefined;
    for (const p of map.items) {
      if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return { pair: p as Pair<Node, Node | null> };
    }
    for (const p of map.items) {
      if (!isMergeKey(p.key)) continue;
      // Merge keys can form cycles through aliases; the maps visited are only tracked once there is one.
      seen ??= new Set();
      seen.add(map);
      const sources = this.deref(p.value);
      for (const source of isSeq(sources) ? sources.items : [p.value]) {
        const found = this.lookup(this.map(source), key, seen);
        // The merge written in this map is where the node uses what it takes, however deep the templates nest.
        if (found) return { pair: found.pair, via: [p.value, source].filter(isAlias).map(spanOf)[0] ?? found.via };
      }
    }
    return undefined;
  }

  /** The reader for content reached through a merge alias at `via` (none: this one). */
  private through(via: Span | undefined): YamlReader {
    return via && !this.usedAt ? new YamlReader(this.doc, via) : this;
  }

  get(map: YAMLMap | undefined, key: string): Node | undefined {
    return this.deref(this.pair(map, key)?.value ?? undefined);
  }

  keySpan(map: YAMLMap | undefined, key: string): Span | undefined {
    const found = this.lookup(map, key);
    return found ? this.through(found.via).spanOf(found.pair.key) : undefined;
  }

  /** A scalar of the wanted JS type under `key`, with its value and key positions. */
  scalar<T extends string | number | boolean>(map: YAMLMap | undefined, key: string, type: 'string' | 'number' | 'boolean'): Located<T> | undefined {
    // One lookup for the value and its key: every field of every node comes through here.
    const found = this.lookup(map, key);
    if (!found) return undefined;
    const [n, r] = this.childOf(found);
    if (!isScalar(n) || typeof n.value !== type) return undefined;
    return { value: n.value as T, span: r.spanOf(n), keySpan: this.through(found.via).spanOf(found.pair.key) };
  }

  /** A string scalar under `key` whose parts can be located (spanWithin): a URL, a comma list. */
  text(map: YAMLMap | undefined, key: string): Located<string> | undefined {
    const found = this.lookup(map, key);
    const reader = found && this.through(found.via);
    const lit = reader?.textOf(found!.pair.value);
    if (lit) lit.keySpan = reader!.spanOf(found!.pair.key);
    return lit;
  }

  /** A string scalar (a list item, or a value as written: an alias is entered) whose parts can be located. */
  textOf(node: unknown): Located<string> | undefined {
    const [n, r] = this.enter(node);
    if (!isScalar(n) || typeof n.value !== 'string') return undefined;
    const span = r.spanOf(n);
    const at = verbatimAt(n, span);
    const lit: Located<string> = { value: n.value, span };
    if (at !== undefined) lit.at = at;
    return lit;
  }

  /**
   * The string scalars of a list under `key`; undefined only when the key is absent. A single string
   * (`pods: 10.244.0.0/16`) counts as a one-item list and anything else as an empty one, so that a key
   * of the wrong shape is still "set" (the schema reports the shape).
   */
  strings(map: YAMLMap | undefined, key: string): Located<string>[] | undefined {
    const found = this.lookup(map, key);
    if (!found) return undefined;
    const [n, r] = this.childOf(found);
    const out: Located<string>[] = [];
    for (const item of isSeq(n) ? n.items : [n]) {
      const [s, ri] = r.enter(item);
      if (isScalar(s) && typeof s.value === 'string') out.push({ value: s.value, span: ri.spanOf(s) });
    }
    return out;
  }
}
