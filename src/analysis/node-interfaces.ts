// Node interfaces and their addresses: iteration in plan order, and the message arguments that name nodes
// and interfaces (`"worker-1"`, or `#3` for an entry without a name).
import type { AddressEntry, NodeInterface, Plan, PlanNode } from '../model/types';
import type { InterfaceArg, NodeArg, NodesArg } from '../core/message-args';
import { PUBLIC } from '../values/address-set';
import { contains, type Family, type IpAddress } from '../values/ip';

/** Every address entry of every node interface, in plan order (node, interface, address). */
export function* nodeAddresses(plan: Plan): Generator<AddressEntry> {
  for (const node of plan.nodes) {
    for (const iface of node.interfaces) yield* iface.addresses;
  }
}

/** Every interface of every node, in plan order. */
export function* nodeInterfaces(plan: Plan): Generator<NodeInterface> {
  for (const node of plan.nodes) yield* node.interfaces;
}

/** `"worker-1"`, or `#3` (1-based position in spec.nodes) for a node without a name. */
export const nodeArg = (node: PlanNode): NodeArg => ({ type: 'node', name: node.name?.value, index: node.index });

/** `"eth0"`, or `#2` (1-based position in the node's interfaces) for an interface without a name. */
export const interfaceArg = (iface: NodeInterface): InterfaceArg => ({
  type: 'interface',
  name: iface.name?.value,
  index: iface.node.interfaces.indexOf(iface),
});

/** `node "worker-7"`, or for several `node "worker-7" (and 999 other nodes {alike})`: the first node stands for them all. */
export const nodesArg = (nodes: readonly PlanNode[], alike?: string): NodesArg => ({ type: 'nodes', first: nodeArg(nodes[0]), total: nodes.length, alike });

const primaries = new WeakMap<PlanNode, Map<Family, IpAddress>>();

/**
 * The node's address of each family that the cluster uses, the one it sends from and is reached at: its first
 * address inside the plan's node networks, else its first (a public interface listed before the private network
 * the nodes talk over is not the cluster's). Cached per node.
 */
export function primaryAddresses(node: PlanNode, plan: Plan): Map<Family, IpAddress> {
  let out = primaries.get(node);
  if (!out) {
    out = new Map();
    const networks = (plan.networks.lists.nodes ?? []).flatMap((e) => (e.cidr ? [e.cidr] : []));
    const addresses = node.interfaces.flatMap((i) => i.addresses).filter((a) => a.ip);
    for (const a of addresses) if (!out.has(a.ip!.family) && networks.some((c) => contains(c, a.ip!))) out.set(a.ip!.family, a.ip!);
    for (const a of addresses) if (!out.has(a.ip!.family)) out.set(a.ip!.family, a.ip!);
    primaries.set(node, out);
  }
  return out;
}

/** The node's first public address entry, if it has one: the one the internet reaches it at. */
export const publicAddress = (node: PlanNode, family?: Family): AddressEntry | undefined =>
  node.interfaces.flatMap((i) => i.addresses).find((a) => a.ip && (family === undefined || a.ip.family === family) && PUBLIC.has(a.ip));
