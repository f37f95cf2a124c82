// Which sources' packets come in through a node interface: what a firewall that matches the incoming
// interface (a firewalld zone bound with `--add-interface`) decides. As routing has it, a packet from
// another host arrives on the interface whose subnet holds its source, else on the one a route to the
// source goes through, else on the interface of the default route (with no route written, the interface
// of the node's first address of that family: the one it is reached at). Pods' packets come in through
// the CNI's interfaces, whatever the physical one below them.
import type { Plan, PlanNode, NodeInterface } from '../model/types';
import { AddressSet } from '../values/address-set';
import { contains, type Cidr, type Family, type IpAddress } from '../values/ip';
import { interfaceKind, interfaceMatches } from '../domain/interface-kinds';
import { nodeNetworks } from './node-interfaces';

const FAMILIES: readonly Family[] = [4, 6];
const WHOLE: Record<Family, AddressSet> = {
  4: AddressSet.ofCidr({ family: 4, first: 0n, last: (1n << 32n) - 1n }),
  6: AddressSet.ofCidr({ family: 6, first: 0n, last: (1n << 128n) - 1n }),
};

/**
 * The sources whose packets reach the plan's nodes through an interface of this (written) name, over every
 * node that has one; nothing when no node lists such an interface (the plan does not say where it is).
 */
export function arrivingThrough(plan: Plan, written: string): AddressSet {
  const kind = interfaceKind(written);
  if (kind === 'local') return AddressSet.EMPTY;
  const pods = AddressSet.ofAll(plan.pods.map((p) => p.cidr));
  if (kind === 'cni') return pods;
  const subnets = nodeNetworks(plan);
  // Ranges gathered from every node and joined once: a union per node would grow with the plan.
  const ranges: { family: Family; first: bigint; last: bigint }[] = [];
  for (const node of plan.nodes) {
    const through = node.interfaces.filter((i) => i.name && interfaceMatches(written, i.name.value));
    if (through.length === 0) continue;
    const routed = routedThrough(node, subnets);
    for (const i of through) {
      const set = routed.get(i);
      for (const family of FAMILIES) for (const [first, last] of set?.family(family).ranges ?? []) ranges.push({ family, first, last });
    }
  }
  return AddressSet.ofAll(ranges).subtract(pods);
}

/** Each interface of a node and the sources routed through it. */
function routedThrough(node: PlanNode, nodeSubnets: readonly Cidr[]): Map<NodeInterface, AddressSet> {
  const sets = new Map<NodeInterface, AddressSet>();
  const put = (i: NodeInterface, s: AddressSet) => sets.set(i, (sets.get(i) ?? AddressSet.EMPTY).union(s));
  const onLink = new Map<NodeInterface, AddressSet>();
  for (const i of node.interfaces) {
    const subnets = i.addresses.flatMap((a) => (a.ip ? [a.subnet ?? nodeSubnets.find((c) => contains(c, a.ip!)) ?? hostOf(a.ip)] : []));
    const set = AddressSet.ofAll(subnets);
    onLink.set(i, set);
    put(i, set);
  }
  const gatewayIface = (ip: IpAddress) => node.interfaces.find((i) => onLink.get(i)!.has(ip));
  const defaults = new Map<Family, NodeInterface>();
  for (const r of node.routes) {
    const via = r.via?.ip && gatewayIface(r.via.ip);
    if (!via || !r.to?.cidr) continue;
    if (r.to.isDefault) {
      if (!defaults.has(r.to.cidr.family)) defaults.set(r.to.cidr.family, via);
    } else put(via, AddressSet.ofCidr(r.to.cidr));
  }
  let claimed = AddressSet.EMPTY;
  for (const s of sets.values()) claimed = claimed.union(s);
  for (const family of FAMILIES) {
    const iface = defaults.get(family) ?? node.interfaces.find((i) => i.addresses.some((a) => a.ip?.family === family));
    if (iface) put(iface, WHOLE[family].subtract(claimed));
  }
  return sets;
}

const hostOf = (ip: IpAddress) => ({ family: ip.family, first: ip.value, last: ip.value });
