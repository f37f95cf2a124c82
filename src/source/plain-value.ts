// A parsed document as plain JS values (what the schema validates), in time linear in what it expands
// to. yaml's own toJS resolves each alias with a scan and copies a merge source on every use, which is
// quadratic for the node templates (`<<: *worker`) real inventories use.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Span } from '../core/types';
import { deadlineTicker, PAST_DEADLINE } from '../core/deadline';
import { indexOf, isMergeKey } from './document-index';
import { spanOf } from './span-of';

export interface PlainProblem {
  span: Span;
  message: string;
  code: string;
}

export type PlainValue = { ok: true; value: unknown; problems: PlainProblem[] } | { ok: false; problem: PlainProblem };

/**
 * How far aliases and merge keys may expand a document: ten times its own size, and at least a million
 * nodes, so that a plan may reuse templates on every node while an alias bomb or a merge fan-out
 * (exponential or quadratic growth) is refused before anything is built.
 */
export const expansionBudget = (nodes: number): number => Math.max(1_000_000, 10 * nodes);

export function toPlainValue(doc: Document.Parsed, deadline = Infinity): PlainValue {
  const index = indexOf(doc);
  const budget = expansionBudget(index.nodes);
  if (index.expanded > budget) {
    const at = index.heaviestAlias?.span ?? spanOf(doc.contents);
    const message = `aliases and merge keys expand this document to ${approximately(index.expanded)} nodes, more than the limit of ${budget.toLocaleString('en-US')} (an alias bomb or a merge fan-out?): the plan was not checked`;
    return { ok: false, problem: { span: at, message, code: 'RESOURCE_EXHAUSTION' } };
  }
  const problems: PlainProblem[] = [];
  /** Each anchored node's value, built once and shared by its aliases (as yaml's toJS shares them). */
  const built = new Map<Node, unknown>();
  const tick = deadlineTicker(deadline);

  const convert = (node: unknown): unknown => {
    tick();
    if (isAlias(node)) {
      const target = index.target(node);
      // A cycle reaches a collection still being built: the reference is shared, as in yaml.
      return target ? (built.has(target) ? built.get(target) : convert(target)) : null;
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      const out: unknown[] = [];
      remember(node, out);
      for (const item of node.items) out.push(isMap(item) || isSeq(item) || isScalar(item) || isAlias(item) ? convert(item) : pairAsMap(item));
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      remember(node, out);
      for (const { key, value } of node.items) {
        if (isMergeKey(key)) merge(out, value);
        else {
          const name = keyString(key);
          if (name !== undefined) define(out, name, convert(value), true);
        }
      }
      return out;
    }
    return null;
  };
  const remember = (node: Node, value: unknown) => {
    if ((node as { anchor?: string }).anchor) built.set(node, value);
  };
  /** `[a: 1]` in a flow sequence is a one-pair map. */
  const pairAsMap = (item: unknown): unknown => {
    const { key, value } = item as { key: unknown; value: unknown };
    const out: Record<string, unknown> = {};
    const name = keyString(key);
    if (name !== undefined) define(out, name, convert(value), true);
    return out;
  };
  /** A merge copies the keys the map does not have yet, from each source in order (YAML 1.1 merge). */
  const merge = (out: Record<string, unknown>, value: unknown) => {
    const sources = isAlias(value) ? index.target(value) : value;
    for (const source of isSeq(sources) ? sources.items : [value]) {
      const map = convert(source);
      if (map === null || typeof map !== 'object' || Array.isArray(map)) {
        // Sources reached through an alias are reported where the alias uses them.
        problems.push({
          span: spanOf(isAlias(value) ? value : source),
          message: 'a merge key (<<) takes a mapping, or a list of mappings: this value is not merged',
          code: 'MERGE_SOURCE',
        });
        continue;
      }
      for (const [k, v] of Object.entries(map)) define(out, k, v, false);
    }
  };
  /** A scalar key as text; a collection as a key (`? [a, b]`) has no plain form: reported, and its pair left out. */
  const keyString = (key: unknown): string | undefined => {
    const k = isAlias(key) ? index.target(key) : key;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar's value: never an object
    if (isScalar(k)) return k.value === null ? '' : String(k.value);
    if (k === null || k === undefined) return '';
    const what = isSeq(k) ? 'a sequence' : 'a mapping';
    problems.push({ span: spanOf(key), message: `${what} as a mapping key: plans use plain keys (this entry is not read)`, code: 'COMPLEX_KEY' });
    return undefined;
  };

  try {
    return { ok: true, value: convert(doc.contents), problems };
  } catch (e) {
    if (e === PAST_DEADLINE) throw e;
    return {
      ok: false,
      problem: { span: spanOf(doc.contents), message: `the document could not be read: ${(e as Error).message}`, code: 'RESOURCE_EXHAUSTION' },
    };
  }
}

/** Sets a key without invoking `__proto__` setters; a merged key never replaces one already there. */
function define(out: Record<string, unknown>, key: string, value: unknown, replace: boolean): void {
  if (!replace && Object.prototype.hasOwnProperty.call(out, key)) return;
  if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

const approximately = (n: number): string => (n >= 1e15 ? 'more than 10^15' : Math.round(n).toLocaleString('en-US'));
