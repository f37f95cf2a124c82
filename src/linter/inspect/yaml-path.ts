// Where an offset sits in a YAML document, as a path from the root (`spec`, `firewalls`, 0, `rules`, …):
// what completion and hover dispatch on. Works on documents the parser had to repair (half-typed).
import { isMap, isPair, isScalar, isSeq, visit, type Document, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export type Segment = string | number;

export interface Step {
  segment: Segment;
  /** The mapping (for a key) or sequence (for an index) the step goes into. */
  parent: YAMLMap | YAMLSeq;
}

/** A scalar and its place: a mapping key, a mapping value, or a sequence item. */
export interface Slot {
  scalar: Scalar;
  kind: 'key' | 'value' | 'item';
  /** The mapping (key, value) or sequence (item) that holds the scalar. */
  container: YAMLMap | YAMLSeq;
  /** Steps from the root down to the scalar; a key's slot ends at its mapping (the key is not a step). */
  steps: Step[];
}

export const segmentsOf = (slot: Slot): Segment[] => slot.steps.map((s) => s.segment);

/** A path against a pattern in which `#` stands for any list index. */
export const matches = (path: Segment[], pattern: Segment[]): boolean =>
  path.length === pattern.length && pattern.every((p, i) => (p === '#' ? typeof path[i] === 'number' : p === path[i]));

/** The innermost scalar whose source range holds the offset (its end included: the cursor after a word). */
export function slotAt(doc: Document, offset: number): Slot | undefined {
  let found: Slot | undefined;
  visit(doc, {
    Scalar(key, node, path) {
      const range = node.range;
      if (!range || offset < range[0] || offset > range[1]) return;
      const kind = key === 'key' ? 'key' : key === 'value' ? 'value' : typeof key === 'number' ? 'item' : undefined;
      // A pair sits in its mapping; an item directly in its sequence.
      const container = path.at(kind === 'item' ? -1 : -2);
      if (kind && (isMap(container) || isSeq(container))) found = { scalar: node, kind, container, steps: stepsOf(path, key, node) };
    },
  });
  return found;
}

/** visit()'s ancestor list (document, collections and pairs) as path steps. */
function stepsOf(path: readonly unknown[], key: unknown, node: unknown): Step[] {
  const steps: Step[] = [];
  const chain = [...path.slice(1), node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isMap(parent) && isPair(child) && isScalar(child.key)) steps.push({ segment: String(child.key.value), parent });
    else if (isSeq(parent)) steps.push({ segment: parent.items.indexOf(child), parent });
  }
  // A key names its pair's step, which is not yet taken: the key is the slot, its mapping the place.
  if (key === 'key') steps.pop();
  return steps;
}

/** A mapping's keys with plain scalar values: what schema conditions (`if: {properties: …}`) test. */
export function scalarEntries(map: YAMLMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of map.items) if (isScalar(p.key) && isScalar(p.value)) out[String(p.key.value)] = p.value.value;
  return out;
}

/** The keys a mapping already has. */
export const keysOf = (map: YAMLMap): string[] => map.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
