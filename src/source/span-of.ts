// Where a `yaml` AST node sits in the text.
import { isPair } from 'yaml';
import type { Span } from '../core/types';

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
