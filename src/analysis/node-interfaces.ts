// Node interfaces and their addresses: iteration in plan order, and the message arguments that name nodes
// and interfaces (`"worker-1"`, or `#3` for an entry without a name).
import type { AddressEntry, NodeInterface, Plan, PlanNode } from '../model/types';
import type { InterfaceArg, NodeArg, NodesArg } from '../core/message-args';
import { PUBLIC } from '../values/address-set';
import { contains, type Cidr, type Family, type IpAddress } from '../values/ip';

const addressLists = new WeakMap<Plan, AddressEntry[]>();
const interfaceLists = new WeakMap<Plan, NodeInterface[]>();

/** Every address entry of every node interface, in plan order (node, interface, address). One list per plan, which several rules walk. */
export function nodeAddresses(plan: Plan): readonly AddressEntry[] {
  let list = addressLists.get(plan);
  if (!list) {
    list = [];
    for (const iface of nodeInterfaces(plan)) for (const a of iface.addresses) list.push(a);
    addressLists.set(plan, list);
  }
  return list;
}

/** Every interface of every node, in plan order. */
export function nodeInterfaces(plan: Plan): readonly NodeInterface[] {
  let list = interfaceLists.get(plan);
  if (!list) {
    list = [];
    for (const node of plan.nodes) for (const iface of node.interfaces) list.push(iface);
    interfaceLists.set(plan, list);
  }
  return list;
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
    const networks = nodeNetworks(plan);
    for (const i of node.interfaces)
      for (const { ip } of i.addresses) if (ip && !out.has(ip.family) && networks.some((c) => contains(c, ip))) out.set(ip.family, ip);
    if (out.size < 2) for (const i of node.interfaces) for (const { ip } of i.addresses) if (ip && !out.has(ip.family)) out.set(ip.family, ip);
    primaries.set(node, out);
  }
  return out;
}

const networkLists = new WeakMap<Plan, readonly Cidr[]>();

/** The plan's node networks that parse, once per plan (the analyses and several rules read them). */
export function nodeNetworks(plan: Plan): readonly Cidr[] {
  let list = networkLists.get(plan);
  if (!list) {
    list = (plan.networks.lists.nodes ?? []).flatMap((e) => (e.cidr ? [e.cidr] : []));
    networkLists.set(plan, list);
  }
  return list;
}

/** The node's first public address entry, if it has one: the one the internet reaches it at. */
export const publicAddress = (node: PlanNode, family?: Family): AddressEntry | undefined =>
  node.interfaces.flatMap((i) => i.addresses).find((a) => a.ip && (family === undefined || a.ip.family === family) && PUBLIC.has(a.ip));
