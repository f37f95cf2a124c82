// What a Terraform file says about firewalls, before the plan says which nodes they apply to: its security
// groups (AWS, Hetzner Cloud, OpenStack), each with its rules, and its GCP firewall rules. A rule's sources
// are CIDRs as written, or the members of a selectable part (another security group, a GCP network tag),
// which only the importing plan can name (read.ts turns them into nodes).
import type { Span } from '../../core/types';
import { portItem } from '../../model/literals';
import type { Located, PortItem } from '../../model/types';
import { parseCidr } from '../../values/ip';
import type { HclBlock } from './hcl';
import { Arguments, resourceOf, UNRESOLVED, type Item } from './values';

export type SourceDraft =
  | { kind: 'cidr'; at: Located<string> }
  /** The nodes a selectable part applies to: `aws_security_group.workers`, `self`, a GCP `tag:k8s`. */
  | { kind: 'part'; part: string; at: Located<string> };

export interface RuleDraft {
  /** How findings call it: `aws_security_group.k8s_master ingress #2`, `aws_security_group_rule.api`. */
  name: string;
  /** Where findings about the rule point: the block that holds its protocol and ports. */
  span: Span;
  action: 'allow' | 'deny';
  protocol: number | 'any';
  protocolAt?: Located<string>;
  /** Undefined: every port. */
  ports?: PortItem[];
  /** Undefined: any source. */
  sources?: SourceDraft[];
  /** What the provider allows without a rule (a Hetzner firewall's private Networks), not a rule of the file. */
  implicit?: true;
}

/** A security group: unordered allows, what none allows denied. */
export interface GroupDraft {
  /** What `select` names: the resource address, or the ID a rule's `security_group_id` writes. */
  part: string;
  name: Located<string>;
  span: Span;
  rules: RuleDraft[];
  /** Its values Terraform computes. */
  unresolved: Located<string>[];
  /** Some of its rules are left out because Terraform computes them (their protocol, ports, or the rules themselves). */
  computed?: true;
}

/** A GCP firewall rule: in force for the instances with one of its target tags (all without any), by priority. */
export interface GcpRuleDraft extends RuleDraft {
  priority: number;
  /** Undefined: every instance of the network; null: Terraform computes them (no selected tag gets the rule). */
  targets?: string[] | null;
}

export interface Resource {
  type: string;
  /** `aws_security_group.k8s_master`. */
  address: string;
  block: HclBlock;
}

/** A Terraform file's firewalls, in the order they are written. */
export class FileDraft {
  readonly groups = new Map<string, GroupDraft>();
  /** The GCP firewall rules, the first of their resources (which names them), and the network tags they name. */
  readonly gcp: { rules: GcpRuleDraft[]; first?: Resource; tags: Set<string>; unresolved: Located<string>[]; computed?: true } = {
    rules: [],
    tags: new Set(),
    unresolved: [],
  };
  /** Values Terraform computes that belong to no known group (a rule whose `security_group_id` is a variable). */
  readonly unresolved: Located<string>[] = [];
  readonly problems: { span: Span; message: string }[] = [];

  constructor(readonly fileName: string) {}

  /** The group a resource defines: named by the resource. */
  define(part: string, resource: Resource): GroupDraft {
    const group = this.group(part, { value: resource.address, span: resource.block.header });
    group.name = { value: resource.address, span: resource.block.header };
    group.span = resource.block.span;
    return group;
  }

  /** The group a rule resource is attached to; named where it is referred to until its resource is read. */
  group(part: string, at: Located<string>): GroupDraft {
    let group = this.groups.get(part);
    if (!group) {
      group = { part, name: { value: part, span: at.span }, span: at.span, rules: [], unresolved: [] };
      this.groups.set(part, group);
    }
    return group;
  }

  /** The arguments of a block, its computed values going to `unresolved`. */
  arguments(block: HclBlock, unresolved: Located<string>[]): Arguments {
    return new Arguments(block, unresolved, this.problems);
  }

  problem(span: Span, message: string): void {
    this.problems.push({ span, message });
  }
}

/**
 * `count` and `for_each` are not evaluated: a resource with `count = 0` does not exist; any other resource is
 * read once, as written, and a count or for_each Terraform computes is recorded (it may be zero).
 */
export function exists(args: Arguments): boolean {
  const count = args.attribute('count')?.value;
  if (count?.kind === 'number') return count.value !== 0;
  if (count) args.computed(count);
  const forEach = args.attribute('for_each')?.value;
  if (forEach) args.computed(forEach);
  return true;
}

/** The text from the first of two spans to the end of the other, whichever comes first. */
/**
 * A group resource with inline rule blocks (`ingress`, `rule`): the group defined, then each rule block read in order
 * (`readRule` gets the block's arguments and its name, `<group> <type> #n`). A list attribute of that name other than
 * `[]`, or a `dynamic` block of it, is computed by Terraform: the group is then read in part.
 */
export function readGroupWithRules(
  resource: Resource,
  file: FileDraft,
  type: string,
  readRule: (args: Arguments, name: string, block: HclBlock, group: GroupDraft) => RuleDraft | typeof UNRESOLVED | undefined,
): GroupDraft | undefined {
  const unresolved: Located<string>[] = [];
  const args = file.arguments(resource.block, unresolved);
  if (!exists(args)) return undefined;
  const group = file.define(resource.address, resource);
  const listed = args.attribute(type)?.value;
  if (listed && !(listed.kind === 'tuple' && listed.items.length === 0)) {
    args.computed(listed);
    group.computed = true;
  }
  let n = 0;
  for (const block of resource.block.blocks) {
    if (block.type === 'dynamic' && block.labels[0]?.value === type) {
      args.computed({ kind: 'expression', text: `dynamic ${type}`, span: block.header });
      group.computed = true;
    }
    if (block.type !== type) continue;
    n++;
    addRule(group, readRule(file.arguments(block, unresolved), `${group.part} ${type} #${n}`, block, group));
  }
  group.unresolved.push(...unresolved);
  return group;
}

/** Adds a rule read to its group; one Terraform computes marks the group as read in part. */
export function addRule(group: GroupDraft, rule: RuleDraft | typeof UNRESOLVED | undefined): void {
  if (rule === UNRESOLVED) group.computed = true;
  else if (rule) group.rules.push(rule);
}

export const spanOver = (a: Span, b: Span): Span => [Math.min(a[0], b[0]), Math.max(a[1], b[1])];

/**
 * A port range as a rule's port items: undefined for every port (0-65535, the clouds' "all ports"), none for
 * port 0 alone; port 0 at the start of a range is not a port a packet has, so the range starts at 1.
 */
export function portRange(first: Located<number>, last: Located<number>): PortItem[] | undefined {
  if (first.value === 0 && last.value === 65535) return undefined;
  if (last.value === 0) return [];
  const span = spanOver(first.span, last.span);
  const low = Math.max(first.value, 1);
  return [first.value === last.value ? portItem(first)! : portItem({ value: `${low}-${last.value}`, span })!];
}

/** A port written as text (`"22"`, `"30000-32767"`), located in its string, as portRange reads it; none (a problem) when it is not one. */
export function writtenPorts(lit: Located<string>, file: FileDraft): PortItem[] | undefined {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(lit.value);
  if (!m) {
    file.problem(lit.span, `"${lit.value}" is not a port or a port range such as "30000-32767"`);
    return [];
  }
  return portRange({ value: Number(m[1]), span: lit.span }, { value: Number(m[2] ?? m[1]), span: lit.span });
}

/** A protocol's number from a provider's table or a number 0-255; undefined when the provider takes neither. */
export function protocolNumber(value: string, names: Readonly<Record<string, number | 'any'>>): number | 'any' | undefined {
  const lower = value.toLowerCase();
  if (Object.hasOwn(names, lower)) return names[lower];
  return /^\d{1,3}$/.test(lower) && Number(lower) <= 255 ? Number(lower) : undefined;
}

const ADDRESS = /^[0-9a-fA-F:.]+(\/\d+)?$/;

/**
 * A CIDR source as written. Text that is no address at all is a problem, not a source; an address that does not
 * parse stays, for firewall-unknown-reference to report. `family`: the argument takes one IP family only.
 */
export function cidrSource(lit: Located<string>, file: FileDraft, family?: { family: 4 | 6; argument: string; other: string }): SourceDraft | undefined {
  if (!ADDRESS.test(lit.value)) {
    file.problem(lit.span, `"${lit.value}" is not a CIDR block`);
    return undefined;
  }
  const parsed = family && parseCidr(lit.value, true);
  if (family && parsed?.ok && parsed.value.family !== family.family) {
    file.problem(lit.span, `"${lit.value}" is an IPv${parsed.value.family} CIDR in ${family.argument}: the provider takes it only in ${family.other}`);
    return undefined;
  }
  return { kind: 'cidr', at: lit };
}

/**
 * The members of a security group a rule names: by a reference to its resource (`aws_security_group.workers.id`)
 * or by its ID as written (`"sg-0abc"`). A value Terraform computes otherwise is recorded, and no source.
 */
export function groupSource(item: Item, args: Arguments): Extract<SourceDraft, { kind: 'part' }> | undefined {
  if ('literal' in item) return { kind: 'part', part: item.literal.value, at: item.literal };
  const part = resourceOf(item.computed);
  if (part === undefined) return void args.computed(item.computed);
  return { kind: 'part', part, at: { value: item.computed.text, span: item.computed.span } };
}
