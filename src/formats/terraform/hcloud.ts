// Hetzner Cloud firewalls (`hcloud_firewall`): a security group of `rule` blocks, those with direction "in"
// read. Hetzner's conventions: protocol tcp, udp, icmp, gre or esp; `port` ("22", "30000-32767" or "any") for
// tcp and udp only; `source_ips` CIDRs. Hetzner Cloud Firewalls filter the servers' public interfaces only:
// traffic on a private Network (RFC 1918 addresses, IPv4 only) is not filtered, which the group says as one
// more rule, so that nodes talking over the private Network are not taken as blocked.
import { cidrSource, readGroupWithRules, writtenPorts, type FileDraft, type GroupDraft, type Resource, type RuleDraft, type SourceDraft } from './draft';
import type { HclBlock } from './hcl';
import { UNRESOLVED, type Arguments } from './values';

const PROTOCOLS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, icmp: 1, gre: 47, esp: 50 };

/** The address ranges of Hetzner Cloud Networks. */
const PRIVATE_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export function readHcloudFirewall(resource: Resource, file: FileDraft): void {
  const group = readGroupWithRules(resource, file, 'rule', (args, name, block) => readRule(args, name, block, file));
  group?.rules.push(privateNetworks(group));
}

/** One inbound rule; UNRESOLVED when Terraform computes its direction, protocol or port. */
function readRule(args: Arguments, name: string, block: HclBlock, file: FileDraft): RuleDraft | typeof UNRESOLVED | undefined {
  const direction = args.string('direction');
  if (direction === UNRESOLVED) return UNRESOLVED;
  if (direction?.value !== 'in') {
    if (direction?.value !== 'out') file.problem(direction?.span ?? block.header, 'a firewall rule needs direction "in" or "out"');
    return undefined;
  }
  const protocolAt = args.string('protocol');
  if (protocolAt === UNRESOLVED) return UNRESOLVED;
  const protocol = protocolAt && Object.hasOwn(PROTOCOLS, protocolAt.value) ? PROTOCOLS[protocolAt.value] : undefined;
  if (!protocolAt || protocol === undefined)
    return void file.problem(protocolAt?.span ?? block.header, 'a firewall rule needs protocol "tcp", "udp", "icmp", "gre" or "esp"');
  const port = args.string('port');
  if (port === UNRESOLVED) return UNRESOLVED;
  const ported = protocol === 6 || protocol === 17;
  if (ported !== (port !== undefined))
    return void file.problem(
      port?.span ?? block.header,
      ported ? `port is required for ${protocolAt.value} ("any" for every port)` : `port is only for tcp and udp`,
    );
  const ports = port === undefined || port.value === 'any' ? undefined : writtenPorts(port, file);
  return { name, span: block.header, action: 'allow', protocol, protocolAt, ports, sources: sources(args, block, file) };
}

function sources(args: Arguments, block: HclBlock, file: FileDraft): SourceDraft[] {
  const items = args.list('source_ips');
  if (items === undefined) file.problem(block.header, 'an inbound rule needs source_ips');
  if (items === undefined || items === UNRESOLVED) return [];
  return items.flatMap((item) => {
    if ('computed' in item) {
      args.computed(item.computed);
      return [];
    }
    const source = cidrSource(item.literal, file);
    return source ? [source] : [];
  });
}

/** What the firewall lets through without a rule: the private Networks, which it does not filter. */
function privateNetworks(group: GroupDraft): RuleDraft {
  const at = group.name.span;
  return {
    name: 'private Networks (Hetzner Cloud Firewalls filter public interfaces only)',
    span: at,
    action: 'allow',
    protocol: 'any',
    sources: PRIVATE_NETWORKS.map((cidr) => ({ kind: 'cidr', at: { value: cidr, span: at } })),
    implicit: true,
  };
}
