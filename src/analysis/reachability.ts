// Which nodes cannot reach which, computed per group of nodes that the network treats alike, never
// per pair of nodes: 10,000 nodes on a few subnets make a few groups.
//
// Node A reaches node B when one of A's connected subnets or route destinations (a default route is
// 0.0.0.0/0 or ::/0) contains one of B's addresses. All destinations in a plan form one universe of
// networks; a node's *reach* is the set of those it has, its *footprint* the set of those that contain
// one of its addresses, and A reaches B exactly when A's reach meets B's footprint. Nodes with equal
// reach and footprint are one group, and a group reaches itself (its nodes share their subnets).
import type { PlanNode } from '../model/types';
import { maskBounds, type Cidr, type IpAddress } from '../values/ip';
import { cidrKey, connectedSubnet, subnetsUnknown, usableAddresses } from './topology';

export interface NodeGroup {
  /** The group's nodes in plan order. */
  nodes: PlanNode[];
  /** A DHCP lease may bring any route, and an unknown subnet may hold any node: such nodes are taken to reach every node. */
  reachesAll: boolean;
  reach: number[];
  footprint: number[];
}

/** `from` cannot reach `to`; `mutual` when `to` cannot reach `from` either. */
export interface UnreachablePair {
  from: NodeGroup;
  to: NodeGroup;
  mutual: boolean;
}

/** The distinct networks of a plan, numbered, with lookup of every one that contains an address. */
class NetworkUniverse {
  private readonly ids = new Map<string, number>();
  /** Per family, the prefix lengths in use; per family and prefix, network start → id. */
  private readonly byPrefix = new Map<string, Map<bigint, number>>();
  private readonly prefixes = new Map<number, Set<number>>();

  idOf(c: Cidr): number {
    const key = cidrKey(c);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      const starts = this.byPrefix.get(`${c.family}/${c.prefix}`) ?? new Map<bigint, number>();
      starts.set(c.first, id);
      this.byPrefix.set(`${c.family}/${c.prefix}`, starts);
      const lengths = this.prefixes.get(c.family) ?? new Set<number>();
      lengths.add(c.prefix);
      this.prefixes.set(c.family, lengths);
    }
    return id;
  }

  /** Adds the id of every network that contains the address: one lookup per prefix length in use. */
  containing(ip: IpAddress, out: Set<number>): void {
    for (const prefix of this.prefixes.get(ip.family) ?? []) {
      const id = this.byPrefix.get(`${ip.family}/${prefix}`)!.get(maskBounds(ip.family, ip.value, prefix).first);
      if (id !== undefined) out.add(id);
    }
  }
}

/** Groups the nodes that have a usable address; nodes without one are node-without-address's findings. */
export function groupNodes(nodes: PlanNode[]): NodeGroup[] {
  const universe = new NetworkUniverse();
  const members = nodes.flatMap((node) => {
    const addresses = usableAddresses(node);
    if (addresses.length === 0) return [];
    const reach = new Set<number>();
    for (const a of addresses) reach.add(universe.idOf(connectedSubnet(a)));
    for (const r of node.routes) if (r.to?.cidr) reach.add(universe.idOf(r.to.cidr));
    return [{ node, addresses, reach }];
  });
  const groups = new Map<string, NodeGroup>();
  for (const { node, addresses, reach } of members) {
    // Footprints wait until every network is numbered: a later node's route may contain this node.
    const footprint = new Set<number>();
    for (const a of addresses) universe.containing(a.ip!, footprint);
    const reachesAll = subnetsUnknown(node);
    const g = { reachesAll, reach: [...reach].sort((x, y) => x - y), footprint: [...footprint].sort((x, y) => x - y) };
    const key = `${reachesAll ? '*' : g.reach.join(',')}|${g.footprint.join(',')}`;
    const group = groups.get(key);
    if (group) group.nodes.push(node);
    else groups.set(key, { nodes: [node], ...g });
  }
  return [...groups.values()];
}

/**
 * Every pair of groups with no path one way or both, once per pair, in group order. The cost is one
 * pass over each group's reach plus one over the groups, per group: quadratic in groups, not nodes.
 */
export function unreachablePairs(groups: NodeGroup[]): UnreachablePair[] {
  // For each network, the groups whose footprint holds it.
  const holders = new Map<number, number[]>();
  groups.forEach((g, i) => {
    for (const id of g.footprint) {
      const list = holders.get(id) ?? [];
      list.push(i);
      holders.set(id, list);
    }
  });
  const reached = new Int32Array(groups.length).fill(-1);
  const missing = new Map<string, UnreachablePair>();
  const out: UnreachablePair[] = [];
  groups.forEach((from, i) => {
    if (from.reachesAll) return;
    for (const id of from.reach) for (const j of holders.get(id) ?? []) reached[j] = i;
    groups.forEach((to, j) => {
      if (j === i || reached[j] === i) return;
      // The reverse direction was seen first when `to` comes earlier: one finding for both.
      const reverse = missing.get(`${j},${i}`);
      if (reverse) reverse.mutual = true;
      else {
        const pair = { from, to, mutual: false };
        missing.set(`${i},${j}`, pair);
        out.push(pair);
      }
    });
  });
  return out;
}
