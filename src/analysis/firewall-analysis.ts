// The firewall view of a plan, computed once and shared by every firewall rule: which firewalls apply
// to which nodes, and one policy per distinct combination of firewalls. Nodes with the same
// combination share a policy, so 10,000 workers behind one firewall cost one policy. A combination's
// security groups and its host firewalls are its layers, each shared by every combination that has it.
import type { Firewall, FirewallType, Plan, PlanNode } from '../model/types';
import { PUBLIC, type AddressSet } from '../values/address-set';
import { compileRule, Policy, type CompiledRule, type PacketPolicy } from './firewall-policy';
import { LayeredPolicy } from './layered-policy';
import { References } from './references';
import { SecurityGroupPolicy } from './security-group-policy';

/** The layers a packet passes, outermost first: a cloud's security groups sit in front of the node's own firewall. */
const LAYER_ORDER: readonly FirewallType[] = ['security-group', 'host'];

const POLICY_OF_TYPE: Record<FirewallType, new (firewalls: readonly Firewall[], rules: readonly CompiledRule[], deadline: number) => PacketPolicy> = {
  host: Policy,
  'security-group': SecurityGroupPolicy,
};

export interface NodeGroup {
  /** Undefined: no firewall applies, the nodes are unfiltered. */
  policy?: PacketPolicy;
  nodes: PlanNode[];
}

export interface FirewallAnalysis {
  refs: References;
  /**
   * Public addresses that are not the cluster's own. The cluster's own are what `nodes` stands for: every
   * node's address and the declared node networks (a hosted cluster's public IPv6 /64 is not "the
   * internet"; a plan declares under `networks.nodes` only networks the cluster has to itself).
   */
  internet: AddressSet;
  /** The nodes each firewall applies to. */
  targets: Map<Firewall, PlanNode[]>;
  /** Every node (that is a mapping), grouped by the policy that filters it. */
  groups: NodeGroup[];
  groupOf(node: PlanNode): NodeGroup | undefined;
  /** Every firewall's rules compiled, for the checks that read rules one by one. */
  compiled: Map<Firewall, CompiledRule[]>;
  /** The policy of each firewall alone: the lists to check for shadowed rules, beside the groups' layers. */
  policyOfFirewall(firewall: Firewall): PacketPolicy;
}

const cache = new WeakMap<Plan, FirewallAnalysis>();

export function firewallAnalysis(plan: Plan): FirewallAnalysis {
  let analysis = cache.get(plan);
  if (!analysis) {
    analysis = analyse(plan);
    cache.set(plan, analysis);
  }
  return analysis;
}

function analyse(plan: Plan): FirewallAnalysis {
  const refs = new References(plan);
  const compiled = new Map(plan.firewalls.map((f) => [f, f.rules.map((r) => compileRule(r, refs))]));
  const targets = new Map(plan.firewalls.map((f) => [f, f.appliesTo ? refs.select(f.appliesTo).nodes : []]));
  const applying = new Map<PlanNode, Firewall[]>();
  for (const [firewall, nodes] of targets) {
    for (const node of nodes) {
      const list = applying.get(node);
      if (list) list.push(firewall);
      else applying.set(node, [firewall]);
    }
  }
  const layers = new Map<string, PacketPolicy>();
  /** The policy of firewalls of one type, shared by every node group that has them. */
  const layerOf = (firewalls: Firewall[]): PacketPolicy => {
    const key = combinationKey(firewalls);
    let layer = layers.get(key);
    if (!layer) {
      const rules = firewalls.flatMap((f) => compiled.get(f)!);
      layer = new POLICY_OF_TYPE[firewalls[0].type](firewalls, rules, plan.deadline);
      layers.set(key, layer);
    }
    return layer;
  };
  const policyOf = (firewalls: Firewall[]): PacketPolicy | undefined => {
    const present = LAYER_ORDER.map((type) => firewalls.filter((f) => f.type === type))
      .filter((of) => of.length > 0)
      .map(layerOf);
    return present.length > 1 ? new LayeredPolicy(present) : present[0];
  };
  const byCombination = new Map<string, NodeGroup>();
  const groupOfNode = new Map<PlanNode, NodeGroup>();
  for (const node of plan.nodes) {
    if (!node.isMapping) continue;
    const firewalls = applying.get(node) ?? [];
    const key = combinationKey(firewalls);
    let group = byCombination.get(key);
    if (!group) {
      group = { policy: policyOf(firewalls), nodes: [] };
      byCombination.set(key, group);
    }
    group.nodes.push(node);
    groupOfNode.set(node, group);
  }
  return {
    refs,
    internet: PUBLIC.subtract(refs.clusterOwn()),
    targets,
    compiled,
    groups: [...byCombination.values()],
    groupOf: (node) => groupOfNode.get(node),
    policyOfFirewall: (firewall) => layerOf([firewall]),
  };
}

const combinationKey = (firewalls: readonly Firewall[]): string => firewalls.map((f) => f.index).join(',');
