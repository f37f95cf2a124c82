// AWS security groups: `aws_security_group` with its inline `ingress` blocks, and the rules attached to a group
// by `security_group_id`: `aws_security_group_rule` (type "ingress") and `aws_vpc_security_group_ingress_rule`.
// The AWS provider's conventions: protocol "-1" (or "all") is every protocol and every port; tcp and udp take
// from_port..to_port (0-65535 is every port); icmp and icmpv6 use the ports for types and codes, and any other
// protocol number matches every port whatever the ports say. Egress is not read.
import type { Located, PortItem } from '../../model/types';
import type { HclBlock } from './hcl';
import {
  addRule,
  cidrSource,
  exists,
  groupSource,
  portRange,
  protocolNumber,
  readGroupWithRules,
  type FileDraft,
  type GroupDraft,
  type Resource,
  type RuleDraft,
  type SourceDraft,
  spanOver,
} from './draft';
import { itemOf, UNRESOLVED, type Arguments } from './values';

/** The names the AWS provider takes; any other protocol is written as its number. */
const PROTOCOLS: Readonly<Record<string, number | 'any'>> = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58, '-1': 'any', all: 'any' };

/** How one of the three resources writes a rule. */
interface RuleShape {
  protocol: 'protocol' | 'ip_protocol';
  /** CIDR arguments: lists (`cidr_blocks`) or single values (`cidr_ipv4`), by family. */
  cidrs: { name: string; family: 4 | 6; other: string }[];
  prefixLists: string[];
  /** Arguments naming source security groups: a list, or one. */
  groups: { name: string; list: boolean }[];
  /** `self = true` allows the group's own members. */
  self: boolean;
  /** Inline blocks: the provider refuses ports other than 0 with protocol -1. */
  allZeroPorts: boolean;
  /** `aws_vpc_security_group_ingress_rule` takes no ports for -1 and icmpv6. */
  portsOptional: boolean;
}

const CLASSIC: Omit<RuleShape, 'groups' | 'allZeroPorts'> = {
  protocol: 'protocol',
  cidrs: [
    { name: 'cidr_blocks', family: 4, other: 'ipv6_cidr_blocks' },
    { name: 'ipv6_cidr_blocks', family: 6, other: 'cidr_blocks' },
  ],
  prefixLists: ['prefix_list_ids'],
  self: true,
  portsOptional: false,
};
const INLINE: RuleShape = { ...CLASSIC, groups: [{ name: 'security_groups', list: true }], allZeroPorts: true };
const RULE: RuleShape = { ...CLASSIC, groups: [{ name: 'source_security_group_id', list: false }], allZeroPorts: false };
const VPC_RULE: RuleShape = {
  protocol: 'ip_protocol',
  cidrs: [
    { name: 'cidr_ipv4', family: 4, other: 'cidr_ipv6' },
    { name: 'cidr_ipv6', family: 6, other: 'cidr_ipv4' },
  ],
  prefixLists: ['prefix_list_id'],
  groups: [{ name: 'referenced_security_group_id', list: false }],
  self: false,
  allZeroPorts: false,
  portsOptional: true,
};

/** `aws_security_group`: the group, and its inline ingress rules in order. */
export function readSecurityGroup(resource: Resource, file: FileDraft): void {
  // `ingress = []` (attributes as blocks) removes every inline rule; a computed list cannot be read.
  readGroupWithRules(resource, file, 'ingress', (args, name, block, group) => readRule(args, name, block, group.part, INLINE, file));
}

/** `aws_security_group_rule` (its type "ingress") and `aws_vpc_security_group_ingress_rule`: a rule of the group it names. */
export function readRuleResource(resource: Resource, file: FileDraft): void {
  const vpc = resource.type === 'aws_vpc_security_group_ingress_rule';
  const unresolved: Located<string>[] = [];
  const args = file.arguments(resource.block, unresolved);
  const attached = exists(args) ? attachedGroup(args, resource, file) : undefined;
  if (!attached) {
    file.unresolved.push(...unresolved);
    return;
  }
  const ingress = vpc || isIngress(args, resource, file);
  if (ingress)
    addRule(attached, ingress === UNRESOLVED ? UNRESOLVED : readRule(args, resource.address, resource.block, attached.part, vpc ? VPC_RULE : RULE, file));
  attached.unresolved.push(...unresolved);
}

/** Whether an aws_security_group_rule's type is "ingress" (egress is not read); UNRESOLVED when Terraform computes it (recorded). */
function isIngress(args: Arguments, resource: Resource, file: FileDraft): boolean | typeof UNRESOLVED {
  const type = args.string('type');
  if (type === undefined) file.problem(resource.block.header, 'an aws_security_group_rule needs `type` ("ingress" or "egress")');
  else if (type !== UNRESOLVED && type.value !== 'ingress' && type.value !== 'egress')
    file.problem(type.span, `type is "ingress" or "egress", not "${type.value}"`);
  return type === UNRESOLVED ? UNRESOLVED : type?.value === 'ingress';
}

/** The group `security_group_id` names; undefined when Terraform computes it (recorded) or it is missing. */
function attachedGroup(args: Arguments, resource: Resource, file: FileDraft): GroupDraft | undefined {
  const id = args.attribute('security_group_id')?.value;
  if (!id) return void file.problem(resource.block.header, `an ${resource.type} needs security_group_id: the group it adds the rule to`);
  const source = groupSource(itemOf(id), args);
  return source && file.group(source.part, source.at);
}

/** One rule: its protocol, ports and sources; UNRESOLVED when Terraform computes the protocol or ports, none when the provider refuses them. */
function readRule(args: Arguments, name: string, block: HclBlock, own: string, shape: RuleShape, file: FileDraft): RuleDraft | typeof UNRESOLVED | undefined {
  const protocolAt = args.string(shape.protocol);
  if (protocolAt === UNRESOLVED) return UNRESOLVED;
  if (protocolAt === undefined) return void file.problem(block.header, `${shape.protocol} is required: the provider refuses a rule without it`);
  const protocol = protocolNumber(protocolAt.value, PROTOCOLS);
  if (protocol === undefined)
    return void file.problem(protocolAt.span, `"${protocolAt.value}" is not a protocol AWS takes (tcp, udp, icmp, icmpv6, -1 for all, or a number 0-255)`);
  const from = args.number('from_port');
  const to = args.number('to_port');
  if (from === UNRESOLVED || to === UNRESOLVED) return UNRESOLVED;
  // The VPC rule resource takes no ports for -1 and icmpv6 only.
  if ((!from || !to) && (!shape.portsOptional || (protocol !== 'any' && protocol !== 58)))
    return void file.problem(
      block.header,
      `from_port and to_port are required${shape.portsOptional ? ` for ${protocolAt.value}` : ''}: the provider refuses the rule`,
    );
  let ports: PortItem[] | undefined;
  if ((protocol === 6 || protocol === 17) && from && to) {
    if (from.value < 0 || to.value > 65535 || from.value > to.value)
      return void file.problem(spanOver(from.span, to.span), `${from.value}-${to.value} is not a port range AWS takes (0-65535, from_port first)`);
    ports = portRange(from, to);
    // Port 0 alone: no packet's port.
    if (ports?.length === 0) return undefined;
  } else if (protocol === 'any' && shape.allZeroPorts && (from?.value !== 0 || to?.value !== 0)) {
    return void file.problem(spanOver(from!.span, to!.span), 'with protocol "-1" the AWS provider takes from_port and to_port 0 only: it refuses this rule');
  }
  return { name, span: block.header, action: 'allow', protocol, protocolAt, ports, sources: sources(args, own, shape, file) };
}

/** CIDRs, prefix lists (never resolved: AWS keeps their CIDRs), other groups and the group itself, as written. */
function sources(args: Arguments, own: string, shape: RuleShape, file: FileDraft): SourceDraft[] {
  const out: SourceDraft[] = [];
  for (const { name, family, other } of shape.cidrs) {
    const items = args.list(name);
    if (items === undefined || items === UNRESOLVED) continue;
    for (const item of items) {
      if ('computed' in item) args.computed(item.computed);
      else {
        const source = cidrSource(item.literal, file, { family, argument: name, other });
        if (source) out.push(source);
      }
    }
  }
  for (const name of shape.prefixLists) {
    const items = args.list(name);
    if (items !== undefined && items !== UNRESOLVED)
      for (const item of items)
        args.computed('literal' in item ? { kind: 'expression', text: `prefix list ${item.literal.value}`, span: item.literal.span } : item.computed);
  }
  for (const { name, list } of shape.groups) {
    const items = list ? args.list(name) : [args.item(name)].filter((i) => i !== undefined);
    if (items === undefined || items === UNRESOLVED) continue;
    for (const item of items) {
      const source = groupSource(item, args);
      if (source) out.push(source);
    }
  }
  const self = shape.self ? args.bool('self') : undefined;
  if (self !== undefined && self !== UNRESOLVED && self.value)
    out.push({ kind: 'part', part: own, at: { value: `self (the members of ${own})`, span: self.span } });
  return out;
}
