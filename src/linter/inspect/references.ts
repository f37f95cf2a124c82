// What the names in a firewall rule's `from` and in a selector (`appliesTo`, a service's `runsOn`) stand for
// in this plan: the nodes and their addresses, the networks and their CIDRs. Completion offers them,
// hover shows what one resolves to.
import { networkArg } from '../../analysis/cluster-networks';
import { renderArg } from '../../core/message-args';
import { firewallAnalysis } from '../../analysis/firewall-analysis';
import { etcdMembers, nodesWithRole } from '../../analysis/roles';
import { NETWORK_LISTS, parseSource, type UNIVERSAL_SOURCES } from '../../domain/network-names';
import type { Located, Plan, PlanNode } from '../../model/types';
import { matches, segmentsOf, type Segment, type Slot } from './yaml-path';

/** What the source words with a fixed meaning stand for. */
const UNIVERSAL: Record<(typeof UNIVERSAL_SOURCES)[number], string> = {
  any: 'every source address (0.0.0.0/0 and ::/0)',
  internet: 'every public address: any source outside the private and special-use ranges',
};

/** Where a scalar names something of the plan: a `from` entry, or a selector's `all`, role or node. */
export type ReferencePlace = 'source' | 'all' | 'role' | 'node';

const SELECTORS: Segment[][] = [
  ['spec', 'firewalls', '#', 'appliesTo'],
  ['spec', 'services', '#', 'runsOn'],
  // The old name of runsOn, still read (deprecated-key).
  ['spec', 'services', '#', 'on'],
];

export function referencePlace(slot: Slot): ReferencePlace | undefined {
  const path = segmentsOf(slot);
  if (slot.kind === 'item' && matches(path, ['spec', 'firewalls', '#', 'rules', '#', 'from', '#'])) return 'source';
  for (const selector of SELECTORS) {
    if (slot.kind === 'value' && matches(path, selector)) return 'all';
    if (slot.kind === 'item' && matches(path, [...selector, 'roles', '#'])) return 'role';
    if (slot.kind === 'item' && matches(path, [...selector, 'nodes', '#'])) return 'node';
  }
  return undefined;
}

export interface Candidate {
  label: string;
  /** One line: what the name resolves to in this plan. */
  detail: string;
}

/** More would drown the hover; the count still tells how many. */
const LISTED_NODES = 12;

type NamedNode = PlanNode & { name: Located<string> };

const namedNodes = (plan: Plan): NamedNode[] => plan.nodes.filter((n): n is NamedNode => n.name !== undefined);

/** `192.168.10.11/24 (eth0), …`, or `no address`. */
const addressesOf = (node: PlanNode): string =>
  node.interfaces.flatMap((i) => i.addresses.map((a) => (i.name ? `${a.value} (${i.name.value})` : a.value))).join(', ') || 'no address';

/** The engine's meaning of `role:<role>`: for etcd with no node carrying it, the control plane (stacked etcd). */
const withRole = (plan: Plan, role: string): NamedNode[] => nodesWithRole(plan.nodes, role).filter((n): n is NamedNode => n.name !== undefined);

const count = (n: number, one: string) => renderArg({ type: 'count', n, one, many: `${one}s` });

/** A network name's CIDRs as written, or as in force for pods and services; undefined for other names. */
function networkCidrs(plan: Plan, name: string): string[] | undefined {
  return firewallAnalysis(plan)
    .refs.networksNamed(name)
    ?.map((n) => ('text' in n ? renderArg(networkArg(n)) : n.value));
}

const reservedNames = (plan: Plan): string[] => [...new Set((plan.networks.lists.reserved ?? []).flatMap((e) => (e.name === undefined ? [] : [e.name])))];

/** Every name a `from` entry can use in this plan, with what it stands for. */
export function sourceCandidates(plan: Plan, roles: string[]): Candidate[] {
  const out: Candidate[] = Object.entries(UNIVERSAL).map(([label, detail]) => ({ label, detail }));
  for (const name of [...NETWORK_LISTS, ...reservedNames(plan)]) out.push({ label: name, detail: networkSummary(networkCidrs(plan, name)!) });
  for (const role of roles) out.push({ label: `role:${role}`, detail: count(withRole(plan, role).length, 'node') });
  for (const node of namedNodes(plan)) out.push({ label: `node:${node.name.value}`, detail: addressesOf(node) });
  return out;
}

/** The plan's node names, for a selector's `nodes`. */
export const nodeCandidates = (plan: Plan): Candidate[] => namedNodes(plan).map((n) => ({ label: n.name.value, detail: addressesOf(n) }));

const networkSummary = (cidrs: string[]) => (cidrs.length > 0 ? cidrs.join(', ') : 'not set in this plan');

/** Markdown for a `from` entry; undefined for a literal address or CIDR (it stands for itself). */
export function describeSource(plan: Plan, text: string): string | undefined {
  const source = parseSource(text);
  if (source.kind === 'universal') return `\`${text}\`: ${UNIVERSAL[source.word]}`;
  const cidrs = networkCidrs(plan, text);
  if (cidrs === undefined && source.kind === 'role') return describeRole(plan, source.role);
  if (cidrs === undefined && source.kind === 'node') return describeNode(plan, source.name);
  if (cidrs === undefined) {
    // Not a name: a CIDR stands for itself; anything else is what the engine could not resolve, and why.
    const resolved = firewallAnalysis(plan).refs.resolve(text);
    return resolved.ok ? undefined : `\`${text}\`: matches nothing: ${resolved.error}${renderArg({ type: 'suggestion', meant: resolved.meant })}`;
  }
  const what = (NETWORK_LISTS as readonly string[]).includes(text) ? `network \`${text}\`` : `reserved network \`${text}\``;
  // As the engine resolves it: `nodes` is the node networks and every node's own address.
  const also = text === 'nodes' ? ", and every node's own address" : '';
  return `${what}: ${networkSummary(cidrs)}${also}`;
}

/** Markdown for the nodes that carry a role. */
export function describeRole(plan: Plan, role: string): string {
  const nodes = withRole(plan, role);
  const stacked = role === 'etcd' && etcdMembers(plan).stacked ? ' (stacked etcd: the control-plane nodes)' : '';
  return `role \`${role}\`: ${count(nodes.length, 'node')}${stacked}${nodeList(nodes)}`;
}

/** Markdown for one node by name. */
export function describeNode(plan: Plan, name: string): string {
  const nodes = namedNodes(plan).filter((n) => n.name.value === name);
  if (nodes.length === 0) return `node \`${name}\`: no node of this plan has that name`;
  return `node \`${name}\`: ${nodes.map(addressesOf).join('; ')}`;
}

/** Markdown for `appliesTo: all`. */
export const describeAllNodes = (plan: Plan): string => `all nodes: ${count(namedNodes(plan).length, 'node')}${nodeList(namedNodes(plan))}`;

function nodeList(nodes: NamedNode[]): string {
  const lines = nodes.slice(0, LISTED_NODES).map((n) => `- \`${n.name.value}\`: ${addressesOf(n)}`);
  if (nodes.length > LISTED_NODES) lines.push(`- … and ${nodes.length - LISTED_NODES} more`);
  return lines.length > 0 ? `\n\n${lines.join('\n')}` : '';
}
