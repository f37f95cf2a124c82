// Which sources outside a wanted set may reach a service on some nodes: for each policy group, each
// run of service keys the group's rules treat alike, and each part of the address space its rules
// allow. Findings are aggregated per deciding rule. Unfiltered nodes count only through a public
// address of their own: a plan says nothing of the edge in front of private nodes.
import type { AddressEntry, Plan, PlanNode } from '../model/types';
import { AddressSet, PUBLIC } from '../values/address-set';
import { firewallAnalysis, type NodeGroup } from './firewall-analysis';
import { deciderKey, type Decider, type DeciderKey } from './firewall-policy';
import type { IpAddress } from '../values/ip';
import { primaryAddresses, publicAddress } from './node-interfaces';
import { RangeSet } from '../values/range-set';

export interface ExposureQuery {
  nodes: readonly PlanNode[];
  services: RangeSet;
  /** The sources that must not get through. */
  unwanted: AddressSet;
  /** Also leave out each destination's own addresses (for ports meant for the node itself). */
  offNodeOnly?: boolean;
  /** Do not report unfiltered nodes (for ports the plan does not say anything listens on). */
  firewalledOnly?: boolean;
  /**
   * Only rules that write the port (a port list or range that holds it) expose it: for ports that are off or
   * bound to the loopback unless configured, an all-ports rule or an allowing default is no sign they listen.
   */
  writtenPortsOnly?: boolean;
}

export type Exposure =
  | { kind: 'allowed'; by: Decider; key: bigint; source: IpAddress; destination: PlanNode; nodes: number }
  | { kind: 'unfiltered'; key: bigint; destination: PlanNode; address: AddressEntry };

export function exposures(plan: Plan, query: ExposureQuery): Exposure[] {
  const analysis = firewallAnalysis(plan);
  const wanted = new Set(query.nodes);
  const found = new Map<DeciderKey, Exposure & { kind: 'allowed'; groups: Set<NodeGroup> }>();
  const out: Exposure[] = [];
  // Service CIDRs are virtual: kube-proxy rewrites them as destinations, and no connection comes from one.
  const services = analysis.refs.resolve('services');
  const sources = services.ok ? query.unwanted.subtract(services.set) : query.unwanted;
  for (const group of analysis.groups) {
    const targets = group.nodes.filter((n) => wanted.has(n));
    if (targets.length === 0) continue;
    // A family none of the nodes has an address in cannot reach them (the plan is the truth).
    const unwanted = reachableFamilies(plan, targets, sources);
    if (!group.policy) {
      // Nodes from an inventory with no firewall anywhere in the plan may be filtered elsewhere: not judged.
      if (query.firewalledOnly || plan.firewallsUnknown || !unwanted.intersects(PUBLIC)) continue;
      const key = query.services.min;
      if (key === undefined) continue;
      for (const node of targets) {
        const address = publicAddress(node);
        if (address) out.push({ kind: 'unfiltered', key, destination: node, address });
      }
      continue;
    }
    for (const [first] of group.policy.runs(query.services)) {
      for (const part of group.policy.parts(first)) {
        if (!part.decision.allow) continue;
        if (query.writtenPortsOnly && !(part.decision.by.kind === 'rule' && part.decision.by.rule.ports)) continue;
        const hit = witness(part.sources.intersect(unwanted), targets, query.offNodeOnly ? analysis.refs.addressesOf.bind(analysis.refs) : undefined);
        if (!hit) continue;
        const by = part.decision.by;
        const id = deciderKey(by);
        const existing = found.get(id);
        if (!existing) {
          found.set(id, { kind: 'allowed', by, key: first, source: hit.source, destination: hit.destination, nodes: targets.length, groups: new Set([group]) });
        } else if (!existing.groups.has(group)) {
          existing.groups.add(group);
          existing.nodes += targets.length;
        }
      }
    }
  }
  return [...out, ...[...found.values()].map(({ groups: _, ...e }) => e)];
}

/** A source in `exposed` and a destination it reaches that is not itself (when `own` is given). */
function witness(exposed: AddressSet, targets: PlanNode[], own?: (n: PlanNode) => AddressSet): { source: IpAddress; destination: PlanNode } | undefined {
  if (!own) {
    const source = exposed.witness;
    return source && { source, destination: targets[0] };
  }
  // Exposed sources that are all one node's own addresses still reach any other node.
  for (const destination of targets.slice(0, 2)) {
    const source = exposed.subtract(own(destination)).witness;
    if (source) return { source, destination };
  }
  return undefined;
}

function reachableFamilies(plan: Plan, nodes: PlanNode[], set: AddressSet): AddressSet {
  const v4 = nodes.some((n) => primaryAddresses(n, plan).has(4));
  const v6 = nodes.some((n) => primaryAddresses(n, plan).has(6));
  return new AddressSet(v4 ? set.v4 : RangeSet.EMPTY, v6 ? set.v6 : RangeSet.EMPTY);
}
