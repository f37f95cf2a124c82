// Reading an HCL block's arguments as literals. A value Terraform computes (a variable, a local, a function
// call, a reference to another resource) is not guessed: it is recorded as unresolved at its place, for
// import-unresolved to count, and the reader gets UNRESOLVED. `null` is an argument left unset, as in Terraform.
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import type { HclAttribute, HclBlock, HclValue } from './hcl';

export const UNRESOLVED = Symbol('unresolved');

/** An argument as read: its value, unset (undefined), or UNRESOLVED. */
export type Read<T> = T | undefined | typeof UNRESOLVED;

/** A list item: a literal string, or a value Terraform computes (for the caller to follow, a group's reference, or record). */
export type Item = { literal: Located<string> } | { computed: Extract<HclValue, { kind: 'reference' | 'expression' }> };

export class Arguments {
  constructor(
    readonly block: HclBlock,
    /** Where unresolved values go: the security group the block belongs to, or the file. */
    readonly unresolved: Located<string>[],
    readonly problems: { span: Span; message: string }[],
  ) {}

  attribute(name: string): HclAttribute | undefined {
    const a = this.block.attributes.get(name);
    return a && a.value.kind !== 'null' ? a : undefined;
  }

  /** A string (a number is read as Terraform converts it: `protocol = 6` is "6"). */
  string(name: string): Read<Located<string>> {
    const a = this.attribute(name);
    if (!a) return undefined;
    const v = a.value;
    if (v.kind === 'string') return { value: v.value, span: v.span };
    if (v.kind === 'number') return { value: String(v.value), span: v.span };
    if (v.kind === 'bool') return { value: String(v.value), span: v.span };
    return this.computed(v);
  }

  /** A whole number (a numeric string is converted, as Terraform does). */
  number(name: string): Read<Located<number>> {
    const a = this.attribute(name);
    if (!a) return undefined;
    const v = a.value;
    const n = v.kind === 'number' ? v.value : v.kind === 'string' && /^-?\d+$/.test(v.value.trim()) ? Number(v.value) : undefined;
    if (n !== undefined && Number.isInteger(n)) return { value: n, span: v.span };
    if (v.kind === 'string' || v.kind === 'number' || v.kind === 'bool' || v.kind === 'tuple') {
      this.problems.push({ span: v.span, message: `${name} is a whole number: Terraform refuses ${v.kind === 'string' ? `"${v.value}"` : 'this value'}` });
      return UNRESOLVED;
    }
    return this.computed(v);
  }

  bool(name: string): Read<Located<boolean>> {
    const a = this.attribute(name);
    if (!a) return undefined;
    const v = a.value;
    if (v.kind === 'bool') return { value: v.value, span: v.span };
    if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return { value: v.value === 'true', span: v.span };
    return this.computed(v);
  }

  /** A single value as an item, unrecorded: a literal, or a reference for the caller to follow or record. */
  item(name: string): Item | undefined {
    const a = this.attribute(name);
    return a && itemOf(a.value);
  }

  /**
   * A list's items. A list Terraform computes as a whole is recorded and UNRESOLVED; a computed item is returned
   * unrecorded, for the caller to follow (a security group's reference) or record.
   */
  list(name: string): Read<Item[]> {
    const a = this.attribute(name);
    if (!a) return undefined;
    const v = a.value;
    if (v.kind === 'string') return [itemOf(v)];
    if (v.kind !== 'tuple') return this.computed(v);
    return v.items.flatMap((item) => (item.kind === 'null' ? [] : [itemOf(item)]));
  }

  /** Records a value Terraform computes. */
  computed(v: HclValue): typeof UNRESOLVED {
    this.unresolved.push({ value: 'text' in v ? v.text : v.kind, span: v.span });
    return UNRESOLVED;
  }
}

/** A single value as a list item: strings, numbers and booleans as their text, anything else computed. */
export function itemOf(v: HclValue): Item {
  if (v.kind === 'string' || v.kind === 'number' || v.kind === 'bool') return { literal: { value: String(v.value), span: v.span } };
  if (v.kind === 'reference' || v.kind === 'expression') return { computed: v };
  return { computed: { kind: 'expression', text: v.kind === 'tuple' ? '[…]' : v.kind, span: v.span } };
}

/**
 * The resource (or data source) a reference names, without the attribute it reads: `aws_security_group.workers.id`
 * and `aws_security_group.workers[0].id` are `aws_security_group.workers`. Undefined for a variable, a local,
 * a module output and the like, whose value Terraform computes.
 */
export function resourceOf(value: HclValue): string | undefined {
  if (value.kind !== 'reference') return undefined;
  const [head, ...rest] = value.parts;
  if (head === 'data') return rest.length >= 2 && rest[0].includes('_') ? `data.${rest[0]}.${rest[1]}` : undefined;
  return rest.length >= 1 && head.includes('_') && !NOT_RESOURCES.has(head) ? `${head}.${rest[0]}` : undefined;
}

/** Names a traversal starts with that are not resources. */
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'each', 'count', 'self', 'path', 'terraform']);
