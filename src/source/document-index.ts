// One walk over a parsed document, done once: how many nodes it has and how deep it nests, which anchor
// each alias stands for, and how large the document becomes once every alias and merge key is expanded.
// Everything that follows aliases (the model's reader, the plain-value conversion) asks this index
// instead of yaml's Alias.resolve, which walks the whole document on every call.
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Scalar } from 'yaml';
import type { Span } from '../core/types';
import { spanOf } from './span-of';

export interface DocumentIndex {
  /** AST nodes as written (an alias counts once). */
  nodes: number;
  /** The first node nested deeper than the limit, when one is. */
  tooDeep?: Span;
  /** Nodes once every alias and merge key is expanded: what a consumer of the plain value walks. */
  expanded: number;
  /**
   * Keys repeated in one mapping (each repetition after the first), found in the same walk: yaml's own
   * check compares every key with every earlier one, which a mapping of 50,000 keys makes take seconds.
   */
  duplicateKeys: Span[];
  /** The alias that expands to the most nodes: where an alias bomb is reported. */
  heaviestAlias?: { span: Span; expanded: number };
  /** The anchored node an alias stands for: the last one of its name before it, as YAML defines. */
  target(alias: Alias): Node | undefined;
}

/** A collection being walked: its items, and a cursor over their keys and values (two slots per item). */
interface Frame {
  node: unknown;
  depth: number;
  items: readonly unknown[];
  next: number;
  weight: number;
}

const indexes = new WeakMap<Document, DocumentIndex>();

/** The document's index, built on first use. */
export function indexOf(doc: Document, nestingLimit = Infinity): DocumentIndex {
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = buildIndex(doc.contents, nestingLimit)));
  return index;
}

/**
 * A post-order walk in source order with an explicit stack (hostile input nests deeply). An alias is
 * weighed by its target's expanded size, known by then since anchors precede their aliases; an alias to
 * an enclosing node (a cycle) weighs one, as consumers bounded by the schema's depth read it once.
 */
function buildIndex(root: unknown, nestingLimit: number): DocumentIndex {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const weights = new Map<Node, number>();
  const index: DocumentIndex = { nodes: 0, expanded: 0, duplicateKeys: [], target: (alias) => targets.get(alias) };
  const stack: Frame[] = [];
  const enter = (node: unknown, depth: number): number | undefined => {
    if (node === null || node === undefined) return 0;
    index.nodes++;
    if (depth > nestingLimit && !index.tooDeep) index.tooDeep = spanOf(node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      const weight = (target && weights.get(target)) ?? 1;
      if (weight > (index.heaviestAlias?.expanded ?? 0)) index.heaviestAlias = { span: spanOf(node), expanded: weight };
      return weight;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isMap(node)) findDuplicateKeys(node.items, index.duplicateKeys);
    const items = isMap(node) || isSeq(node) ? (node.items as readonly unknown[]) : NO_ITEMS;
    if (items.length === 0 || index.tooDeep) return finish(node, 1);
    stack.push({ node, depth, items, next: 0, weight: 1 });
    return undefined;
  };
  const finish = (node: unknown, weight: number): number => {
    if ((node as { anchor?: string }).anchor) weights.set(node as Node, weight);
    return weight;
  };

  let last = enter(root, 0) ?? 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < 2 * frame.items.length) {
      const weight = enter(slot(frame.items, frame.next++), frame.depth + 1);
      if (weight !== undefined) frame.weight += weight;
      continue;
    }
    stack.pop();
    last = finish(frame.node, frame.weight);
    if (stack.length > 0) stack[stack.length - 1].weight += last;
  }
  index.expanded = last;
  return index;
}

const NO_ITEMS: readonly unknown[] = [];

/** Below this many pairs, keys are compared with each other: cheaper than a set for every small mapping. */
const SMALL_MAP = 16;

/** Scalar keys equal in value (`a.value === b.value`, as yaml's uniqueKeys compares them), by one map. */
function findDuplicateKeys(pairs: readonly { key: unknown }[], out: Span[]): void {
  if (pairs.length < 2) return;
  const report = (key: Scalar) => out.push([spanOf(key)[0], spanOf(key)[0] + 1]);
  if (pairs.length <= SMALL_MAP) {
    for (let i = 1; i < pairs.length; i++) {
      const key = pairs[i].key;
      if (!isScalar(key)) continue;
      for (let j = 0; j < i; j++) {
        const earlier = pairs[j].key;
        if (isScalar(earlier) && earlier.value === key.value) {
          report(key);
          break;
        }
      }
    }
    return;
  }
  const seen = new Set<unknown>();
  for (const { key } of pairs) {
    if (!isScalar(key)) continue;
    if (seen.has(key.value)) report(key);
    else seen.add(key.value);
  }
}

/**
 * The walk's slot `k` of a collection's items, in source order: a pair's key then its value; a sequence
 * item that is not a pair fills the first of its two slots. No array is built: this runs for every collection.
 */
function slot(items: readonly unknown[], k: number): unknown {
  const item = items[k >> 1];
  if (isPair(item)) return k & 1 ? item.value : item.key;
  return k & 1 ? undefined : item;
}

/** `<<` as a plain key: the YAML 1.1 merge key, which the parser resolves to a symbol. */
export const isMergeKey = (key: unknown): boolean => isScalar(key) && typeof key.value === 'symbol';
