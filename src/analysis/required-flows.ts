// Which required flows (src/domain/required-flows.ts) a plan's firewalls block. Destinations are
// taken a policy group at a time: every node of a group decides alike, so each source is looked up
// once per group (a binary search in the group's cached split of the address space), never per pair.
// Findings are aggregated per flow and deciding rule, with the number of blocked (source, destination) pairs.
import type { NetworkEntry, Plan, PlanNode } from '../model/types';
import { componentPort, type ComponentPort } from '../domain/component-ports';
import { cniFlows, DISTRIBUTION_FLOWS, type Party, type RequiredFlow } from '../domain/required-flows';
import { AddressSet } from '../values/address-set';
import { firewallAnalysis } from './firewall-analysis';
import { deciderKey, type Decider, type DeciderKey } from './firewall-policy';
import type { Family, IpAddress } from '../values/ip';
import { primaryAddresses as primary } from './node-interfaces';
import { nodesWithRole } from './roles';
import { apiPort, protocolNumber } from './component-services';
import { serviceKey } from '../values/ports';
import { PROTOCOL_NUMBERS } from '../values/protocols';
import { serviceArg } from './witness';
import { renderArg } from '../core/message-args';

export interface FlowInPlan extends Omit<RequiredFlow, 'from'> {
  /** `internet`: any public address that is not a node's (a service declared public). */
  from: Party | 'internet';
  component: ComponentPort;
  key: bigint;
  /** The nodes the flow goes to, when not all nodes of the `to` party (a service's `on`). */
  destinations?: PlanNode[];
}

export interface BlockedFlow {
  flow: FlowInPlan;
  by: Decider;
  /** The first blocked packet found: a node, a trusted network or the internet sends it. */
  source: { ip: IpAddress; node?: PlanNode; network?: NetworkEntry; internet?: boolean };
  destination: { ip: IpAddress; node: PlanNode };
  /** Blocked (source, destination) pairs decided by `by`; a trusted network counts once per destination. */
  pairs: number;
}

const flowCache = new WeakMap<Plan, FlowInPlan[]>();

/** The catalog's flows that apply to this plan, with their service keys; computed once per plan. */
export function flowsOf(plan: Plan): FlowInPlan[] {
  let flows = flowCache.get(plan);
  if (!flows) {
    flows = computeFlows(plan);
    flowCache.set(plan, flows);
  }
  return flows;
}

function computeFlows(plan: Plan): FlowInPlan[] {
  const usesIpv6 = [...plan.pods, ...plan.services].some((n) => n.cidr.family === 6);
  const etcdCluster = nodesWithRole(plan.nodes, 'etcd').length >= 2;
  const flows = [...DISTRIBUTION_FLOWS[plan.distribution], ...cniFlows(plan.cni.plugin, plan.cni.mode ?? '', plan.distribution)];
  const catalog = flows
    .filter((f) => (f.when === 'ipv6' ? usesIpv6 : f.when === 'etcd-cluster' ? etcdCluster : true))
    .map((f) => {
      const component = componentPort(f.port);
      const port = f.port === 'apiserver' ? apiPort(plan) : component.ports?.[0];
      return { ...f, component, key: serviceKey(protocolNumber(component.protocol), port) };
    });
  return [...catalog, ...serviceFlows(plan)];
}

/**
 * Declared services add their own flows, to the nodes they run on: an internal one from every node
 * (its clients are pods and node agents), a public one from the internet. One flow per port or
 * range (its first port stands for it); `protocol: any` is taken as tcp.
 */
function serviceFlows(plan: Plan): FlowInPlan[] {
  const { refs } = firewallAnalysis(plan);
  return plan.declaredServices.flatMap((s) => {
    const destinations = s.on ? refs.select(s.on).nodes : plan.nodes.filter((n) => n.isMapping);
    const protocol = s.protocol === 'any' ? PROTOCOL_NUMBERS.tcp : s.protocol;
    return s.ports.flatMap((p) => {
      if (!p.range) return [];
      const component: ComponentPort = { id: `service-${s.index}`, protocol, ports: p.range, component: renderArg(serviceArg(s, true)) };
      const from = s.exposure === 'public' ? 'internet' : 'all';
      return [{ port: component.id, from, to: 'all', rule: 'service-unreachable', component, key: serviceKey(protocol, p.range[0]), destinations }];
    });
  });
}

export function blockedFlows(plan: Plan, flows: FlowInPlan[]): BlockedFlow[] {
  const analysis = firewallAnalysis(plan);
  const members = (party: Exclude<Party, 'trusted'>) => (party === 'all' ? plan.nodes.filter((n) => n.isMapping) : nodesWithRole(plan.nodes, party));
  const found = new Map<FlowInPlan, Map<DeciderKey, BlockedFlow>>();
  // The addresses the members of a party send from, once per party: a group whose policy denies none of them
  // needs no look at each sender (in a plan that allows its flows, none does).
  const sendFrom = new Map<Party, AddressSet>();
  const sendersSet = (party: Exclude<Party, 'trusted'>, senders: PlanNode[]): AddressSet => {
    let set = sendFrom.get(party);
    if (!set) {
      set = AddressSet.ofAll(senders.flatMap((n) => [...primary(n, plan).values()].map((ip) => ({ family: ip.family, first: ip.value, last: ip.value }))));
      sendFrom.set(party, set);
    }
    return set;
  };

  for (const flow of flows) {
    const destinations = new Set(flow.destinations ?? members(flow.to as Exclude<Party, 'trusted'>));
    const senders = flow.from === 'trusted' || flow.from === 'internet' ? [] : members(flow.from);
    const trusted = flow.from === 'trusted' ? (plan.networks.lists.trusted ?? []).filter((e) => e.cidr) : [];
    for (const group of analysis.groups) {
      if (!group.policy) continue;
      // What the group's policy denies first: in a plan that allows the flow, no node is looked at.
      const denied = group.policy.parts(flow.key).filter((p) => !p.decision.allow);
      if (denied.length === 0) continue;
      const targets = group.nodes.filter((n) => destinations.has(n));
      if (targets.length === 0) continue;
      // Destinations per family, for the pair counts and the witness.
      const byFamily = new Map<Family, PlanNode[]>();
      for (const t of targets) {
        for (const f of primary(t, plan).keys()) {
          const list = byFamily.get(f);
          if (list) list.push(t);
          else byFamily.set(f, [t]);
        }
      }
      const record = (by: Decider, source: BlockedFlow['source'], family: Family, sender?: PlanNode) => {
        const reachable = byFamily.get(family) ?? [];
        const own = sender !== undefined && destinations.has(sender) && analysis.groupOf(sender) === group ? 1 : 0;
        const pairs = reachable.length - own;
        if (pairs === 0) return;
        const node = reachable[0] === sender ? reachable[1] : reachable[0];
        const perFlow = found.get(flow) ?? found.set(flow, new Map()).get(flow)!;
        const existing = perFlow.get(deciderKey(by));
        if (existing) existing.pairs += pairs;
        else perFlow.set(deciderKey(by), { flow, by, source, destination: { node, ip: primary(node, plan).get(family)! }, pairs });
      };
      const fromSenders = senders.length > 0 && denied.some((p) => p.sources.intersects(sendersSet(flow.from as Exclude<Party, 'trusted'>, senders)));
      for (const sender of fromSenders ? senders : []) {
        for (const [family, ip] of primary(sender, plan)) {
          const part = denied.find((p) => p.sources.has(ip));
          // Traffic from a node to itself is never filtered.
          if (part) record(part.decision.by, { ip, node: sender }, family, sender);
        }
      }
      for (const network of trusted) {
        for (const part of denied) {
          const ip = part.sources.intersect(AddressSet.ofCidr(network.cidr!)).witness;
          if (ip) record(part.decision.by, { ip, network }, ip.family);
        }
      }
      if (flow.from === 'internet') {
        for (const part of denied) {
          const ip = part.sources.intersect(analysis.internet).witness;
          if (ip) record(part.decision.by, { ip, internet: true }, ip.family);
        }
      }
    }
  }
  return [...found.values()].flatMap((perFlow) => [...perFlow.values()]);
}
