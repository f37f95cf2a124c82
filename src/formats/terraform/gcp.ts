// GCP VPC firewall rules (`google_compute_firewall`), direction INGRESS: one first-match list per network, by
// priority (0 first, 1000 when unset; a deny before an allow of the same priority), over GCP's implied deny.
// Each `allow` or `deny` block is a rule; `source_ranges` and `source_tags` (either matches) are its sources,
// and a rule with neither (nor `source_service_accounts`) allows 0.0.0.0/0, as GCP does. `target_tags` say which
// instances it applies to: an import that selects `tag:<name>` gets the rules for that tag and those with no target.
import type { PortItem } from '../../model/types';
import { cidrSource, exists, protocolNumber, writtenPorts, type FileDraft, type GcpRuleDraft, type Resource, type SourceDraft } from './draft';
import type { HclBlock } from './hcl';
import { UNRESOLVED, type Arguments } from './values';

const PROTOCOLS: Readonly<Record<string, number | 'any'>> = { tcp: 6, udp: 17, icmp: 1, esp: 50, ah: 51, sctp: 132, ipip: 4, all: 'any' };
/** The protocols GCP takes ports for. */
const PORTED = new Set<number | 'any'>([6, 17, 132]);

/** What an import selects to get the rules a network tag's instances have. */
export const tagPart = (tag: string): string => `tag:${tag}`;

export function readGcpFirewall(resource: Resource, file: FileDraft): void {
  const { unresolved } = file.gcp;
  const args = file.arguments(resource.block, unresolved);
  if (!exists(args)) return;
  file.gcp.first ??= resource;
  const direction = args.string('direction');
  const priority = args.number('priority');
  // A rule whose direction or priority Terraform computes may be any rule of the list: left out.
  if (direction === UNRESOLVED || priority === UNRESOLVED) return void (file.gcp.computed = true);
  if (direction && direction.value !== 'INGRESS') {
    if (direction.value !== 'EGRESS') file.problem(direction.span, 'direction is "INGRESS" or "EGRESS"');
    return;
  }
  const disabled = args.bool('disabled');
  if (disabled !== UNRESOLVED && disabled?.value) return;
  if (priority && (priority.value < 0 || priority.value > 65535)) return file.problem(priority.span, 'priority is 0 to 65535');
  const targets = targetsOf(args, file);
  const sources = sourcesOf(args, resource.block, file);
  const blocks = resource.block.blocks.filter((b) => b.type === 'allow' || b.type === 'deny');
  for (const b of resource.block.blocks) {
    if (b.type !== 'dynamic' || (b.labels[0]?.value !== 'allow' && b.labels[0]?.value !== 'deny')) continue;
    args.computed({ kind: 'expression', text: `dynamic ${b.labels[0].value}`, span: b.header });
    file.gcp.computed = true;
  }
  const count = { allow: 0, deny: 0 };
  for (const block of blocks) {
    const action = block.type as 'allow' | 'deny';
    count[action]++;
    const name = blocks.length === 1 ? resource.address : `${resource.address} ${action} #${count[action]}`;
    const rule = readRule(file.arguments(block, unresolved), name, block, action, file);
    if (rule === UNRESOLVED) file.gcp.computed = true;
    else if (rule) file.gcp.rules.push({ ...rule, priority: priority?.value ?? 1000, targets, sources });
  }
}

/** An allow or deny block; UNRESOLVED when Terraform computes its protocol or ports. */
function readRule(
  args: Arguments,
  name: string,
  block: HclBlock,
  action: 'allow' | 'deny',
  file: FileDraft,
): Omit<GcpRuleDraft, 'priority' | 'targets'> | typeof UNRESOLVED | undefined {
  const protocolAt = args.string('protocol');
  if (protocolAt === UNRESOLVED) return UNRESOLVED;
  const protocol = protocolAt && protocolNumber(protocolAt.value, PROTOCOLS);
  if (!protocolAt || protocol === undefined)
    return void file.problem(protocolAt?.span ?? block.header, 'protocol is tcp, udp, icmp, esp, ah, sctp, ipip, all or a protocol number');
  const items = args.list('ports');
  if (items === UNRESOLVED) return UNRESOLVED;
  if (items?.length && !PORTED.has(protocol)) return void file.problem(args.attribute('ports')!.value.span, 'ports are only for tcp, udp and sctp');
  let ports: PortItem[] | undefined = items?.length ? [] : undefined;
  for (const item of items ?? []) {
    if ('computed' in item) {
      args.computed(item.computed);
      return UNRESOLVED;
    }
    const written = writtenPorts(item.literal, file);
    if (!written) {
      ports = undefined;
      break;
    }
    ports!.push(...written);
  }
  return { name, span: block.header, action, protocol, protocolAt, ports };
}

/** The tags of the instances the rule applies to; undefined for every instance, null when Terraform computes them. */
function targetsOf(args: Arguments, file: FileDraft): string[] | undefined | null {
  const accounts = args.attribute('target_service_accounts');
  if (accounts) {
    args.computed(accounts.value);
    return null;
  }
  const items = args.list('target_tags');
  if (items === UNRESOLVED) return null;
  if (items === undefined || items.length === 0) return undefined;
  const tags: string[] = [];
  for (const item of items) {
    if ('computed' in item) {
      args.computed(item.computed);
      return null;
    }
    tags.push(item.literal.value);
    file.gcp.tags.add(item.literal.value);
  }
  return tags;
}

function sourcesOf(args: Arguments, block: HclBlock, file: FileDraft): SourceDraft[] {
  const out: SourceDraft[] = [];
  const ranges = args.list('source_ranges');
  const tags = args.list('source_tags');
  const accounts = args.attribute('source_service_accounts');
  for (const item of ranges === UNRESOLVED ? [] : (ranges ?? [])) {
    if ('computed' in item) args.computed(item.computed);
    else {
      const source = cidrSource(item.literal, file);
      if (source) out.push(source);
    }
  }
  for (const item of tags === UNRESOLVED ? [] : (tags ?? [])) {
    if ('computed' in item) args.computed(item.computed);
    else {
      file.gcp.tags.add(item.literal.value);
      out.push({ kind: 'part', part: tagPart(item.literal.value), at: item.literal });
    }
  }
  if (accounts) args.computed(accounts.value);
  // No source (an empty list is none): GCP takes 0.0.0.0/0. Newer provider versions ask for one.
  const none = (list: typeof ranges) => list === undefined || (list !== UNRESOLVED && list.length === 0);
  if (none(ranges) && none(tags) && !accounts) out.push({ kind: 'cidr', at: { value: '0.0.0.0/0', span: block.header } });
  return out;
}
