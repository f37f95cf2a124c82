// The firewall view of a plan, computed once and shared by every firewall rule: which firewalls apply
// to which nodes, and one Policy per distinct combination of firewalls. Nodes with the same
// combination share a policy, so 10,000 workers behind one firewall cost one policy.
import type { Firewall, Plan, PlanNode } from '../model/types';
import { PUBLIC, type AddressSet } from '../values/address-set';
import { compileRule, Policy, type CompiledRule } from './firewall-policy';
import { References } from './references';

export interface NodeGroup {
  /** Undefined: no firewall applies, the nodes are unfiltered. */
  policy?: Policy;
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
  /** The policy of each firewall alone: the lists to check for shadowed rules, beside the groups'. */
  policyOfFirewall(firewall: Firewall): Policy;
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
  const byCombination = new Map<string, NodeGroup>();
  const groupOfNode = new Map<PlanNode, NodeGroup>();
  for (const node of plan.nodes) {
    if (!node.isMapping) continue;
    const firewalls = applying.get(node) ?? [];
    const key = firewalls.map((f) => f.index).join(',');
    let group = byCombination.get(key);
    if (!group) {
      group = { policy: firewalls.length ? new Policy(firewalls, firewalls.flatMap((f) => compiled.get(f)!), plan.deadline) : undefined, nodes: [] };
      byCombination.set(key, group);
    }
    group.nodes.push(node);
    groupOfNode.set(node, group);
  }
  const alone = new Map<Firewall, Policy>();
  return {
    refs,
    internet: PUBLIC.subtract(refs.clusterOwn()),
    targets,
    compiled,
    groups: [...byCombination.values()],
    groupOf: (node) => groupOfNode.get(node),
    policyOfFirewall(firewall) {
      const key = String(firewall.index);
      let policy = byCombination.get(key)?.policy ?? alone.get(firewall);
      if (!policy) {
        policy = new Policy([firewall], compiled.get(firewall)!, plan.deadline);
        alone.set(firewall, policy);
      }
      return policy;
    },
  };
}
