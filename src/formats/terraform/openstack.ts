// OpenStack Neutron security groups: `openstack_networking_secgroup_v2` (the group: no ingress rule of its own;
// its default rules are egress ones) and `openstack_networking_secgroup_rule_v2` with direction "ingress",
// grouped by `security_group_id`. Neutron's conventions: no protocol is every protocol; port_range_min and
// _max for ported protocols (both 0 or unset: every port); `remote_ip_prefix` or `remote_group_id` the source,
// and with neither every address of the rule's `ethertype` (IPv4 unless it says IPv6).
import type { Span } from '../../core/types';
import type { Located, PortItem } from '../../model/types';
import { parseCidr } from '../../values/ip';
import { cidrSource, exists, groupSource, portRange, protocolNumber, type FileDraft, type Resource, type RuleDraft, type SourceDraft } from './draft';
import { itemOf, UNRESOLVED, type Arguments } from './values';

/** The protocol names Neutron takes; the empty string is every protocol, as is no protocol. */
const PROTOCOLS: Readonly<Record<string, number | 'any'>> = {
  ah: 51,
  dccp: 33,
  egp: 8,
  esp: 50,
  gre: 47,
  icmp: 1,
  icmpv6: 58,
  igmp: 2,
  ipip: 4,
  'ipv6-encap': 41,
  'ipv6-frag': 44,
  'ipv6-icmp': 58,
  'ipv6-nonxt': 59,
  'ipv6-opts': 60,
  'ipv6-route': 43,
  ospf: 89,
  pgm: 113,
  rsvp: 46,
  sctp: 132,
  tcp: 6,
  udp: 17,
  udplite: 136,
  vrrp: 112,
  '': 'any',
};
/** The protocols whose rules Neutron gives port ranges. */
const PORTED = new Set<number | 'any'>([6, 17, 33, 132, 136]);

export function readOpenstackGroup(resource: Resource, file: FileDraft): void {
  const unresolved: Located<string>[] = [];
  if (exists(file.arguments(resource.block, unresolved))) file.define(resource.address, resource).unresolved.push(...unresolved);
}

export function readOpenstackRule(resource: Resource, file: FileDraft): void {
  const unresolved: Located<string>[] = [];
  const args = file.arguments(resource.block, unresolved);
  const header = resource.block.header;
  const attached = exists(args) ? attachedGroup(args, header, file) : undefined;
  if (!attached) {
    file.unresolved.push(...unresolved);
    return;
  }
  const group = file.group(attached.part, attached.at);
  group.unresolved.push(...unresolved);
  const rule = readRule(args, resource, file);
  if (rule === UNRESOLVED) group.computed = true;
  else if (rule) group.rules.push(rule);
}

/** An ingress rule; UNRESOLVED when Terraform computes its direction, family, protocol or ports. */
function readRule(args: Arguments, resource: Resource, file: FileDraft): RuleDraft | typeof UNRESOLVED | undefined {
  const header = resource.block.header;
  const ingress = isIngress(args, header, file);
  if (ingress !== true) return ingress === UNRESOLVED ? UNRESOLVED : undefined;
  const ethertype = args.string('ethertype');
  if (ethertype === UNRESOLVED) return UNRESOLVED;
  if (ethertype && ethertype.value !== 'IPv4' && ethertype.value !== 'IPv6') return void file.problem(ethertype.span, 'ethertype is "IPv4" or "IPv6"');
  const family = ethertype?.value === 'IPv6' ? 6 : 4;
  const protocolAt = args.string('protocol');
  if (protocolAt === UNRESOLVED) return UNRESOLVED;
  const protocol = protocolAt ? protocolNumber(protocolAt.value, PROTOCOLS) : 'any';
  if (protocol === undefined) return void file.problem(protocolAt!.span, `"${protocolAt!.value}" is not a protocol Neutron takes`);
  const ports = portsOf(args, protocol, file);
  if (ports === UNRESOLVED || ports === 'refused') return ports === UNRESOLVED ? UNRESOLVED : undefined;
  const sources = sourcesOf(args, family, header, file);
  return sources && { name: resource.address, span: header, action: 'allow', protocol, protocolAt, ports, sources };
}

/** Whether the rule is an ingress one (egress is not read); UNRESOLVED when Terraform computes its direction. */
function isIngress(args: Arguments, header: Span, file: FileDraft): boolean | typeof UNRESOLVED {
  const direction = args.string('direction');
  if (direction === undefined || (direction !== UNRESOLVED && direction.value !== 'ingress' && direction.value !== 'egress'))
    file.problem(direction?.span ?? header, 'direction is "ingress" or "egress"');
  return direction === UNRESOLVED ? UNRESOLVED : direction?.value === 'ingress';
}

/** The group `security_group_id` names, unless Terraform computes it (recorded). */
function attachedGroup(args: Arguments, header: Span, file: FileDraft) {
  const id = args.attribute('security_group_id')?.value;
  if (!id) return void file.problem(header, 'a security group rule needs security_group_id');
  return groupSource(itemOf(id), args);
}

/** The port range (undefined: every port); `refused` when Neutron refuses it (a problem). */
function portsOf(args: Arguments, protocol: number | 'any', file: FileDraft): PortItem[] | undefined | typeof UNRESOLVED | 'refused' {
  const min = args.number('port_range_min');
  const max = args.number('port_range_max');
  if (min === UNRESOLVED || max === UNRESOLVED) return UNRESOLVED;
  if (!min && !max) return undefined;
  if (!PORTED.has(protocol)) {
    file.problem((min ?? max)!.span, 'a port range is only for tcp, udp, sctp, dccp and udplite: Neutron refuses it');
    return 'refused';
  }
  // The provider sends 0 and 0 as no range: every port.
  if (min?.value === 0 && max?.value === 0) return undefined;
  if (!min || !max || min.value < 1 || max.value > 65535 || min.value > max.value) {
    file.problem((min ?? max)!.span, 'port_range_min and port_range_max are both 1-65535, the first no higher: Neutron refuses this range');
    return 'refused';
  }
  return portRange(min, max);
}

/** The rule's source: a CIDR of its family, another group's members, or (with neither) every address of the family. */
function sourcesOf(args: Arguments, family: 4 | 6, header: Span, file: FileDraft): SourceDraft[] | undefined {
  const prefix = args.string('remote_ip_prefix');
  const remote = args.attribute('remote_group_id')?.value;
  if (prefix === UNRESOLVED) return [];
  if (prefix) {
    const parsed = parseCidr(prefix.value, true);
    if (parsed.ok && parsed.value.family !== family) {
      file.problem(prefix.span, `"${prefix.value}" is not an IPv${family} CIDR, as the rule's ethertype says: Neutron refuses the rule`);
      return undefined;
    }
    const source = cidrSource(prefix, file);
    return source ? [source] : undefined;
  }
  if (remote) {
    const source = groupSource(itemOf(remote), args);
    return source ? [source] : [];
  }
  const addressGroup = args.attribute('remote_address_group_id');
  if (addressGroup) {
    args.computed(addressGroup.value);
    return [];
  }
  return [{ kind: 'cidr', at: { value: family === 4 ? '0.0.0.0/0' : '::/0', span: header } }];
}
