import { formatAddress } from '../src/values/address-set';
import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { deciderKey, type Decider, type DeciderKey } from '../src/analysis/firewall-policy';
import { nodeArg, publicAddress } from '../src/analysis/node-interfaces';
import { nodePortRange } from '../src/analysis/cluster-networks';
import { formatPorts, serviceKey, serviceSet } from '../src/values/ports';
import { deciderArg, deciderSpan, destinationArg, endpointArg, packetArg } from '../src/analysis/witness';
import { defineRule } from '../src/rule-kinds/rule';
import type { IpAddress } from '../src/values/ip';
import type { PlanNode } from '../src/model/types';

export default defineRule({
  meta: {
    id: 'nodeport-public',
    defaultSeverity: 'warning',
    security: {
      severity: 5.8,
      reason: 'every NodePort service is published, those meant for the cluster only included; what that exposes depends on the services.',
    },
    precision: 'high',
    category: 'exposure',
    description: 'The whole NodePort range is reachable from public addresses.',
    rationale:
      'Every `type: NodePort` (and LoadBalancer) service listens on every node in the NodePort range. Opening the ' +
      'whole range to the internet publishes every such service, including the ones meant for the cluster only ' +
      '(a dashboard exposed as NodePort "for a quick test"). Put a load balancer or ingress in front, or open only ' +
      'the ports of the services meant to be public. A cluster that deliberately publishes NodePorts can turn this off.',
    messages: {
      open: 'every NodePort (tcp {range}) is reachable from the internet: {packet} is allowed by {decider}{more}; open only the NodePorts you publish',
      destination: 'destination node',
      unfiltered: 'node {node} has no firewall and the public address {address}, so every NodePort (tcp {range}) is reachable from the internet',
    },
  },
  check(plan, context) {
    const range = nodePortRange(plan);
    const tcp = serviceSet(6, [range]);
    const found = new Map<DeciderKey, { by: Decider; source: IpAddress; destination: PlanNode; nodes: number }>();
    const { groups, internet } = firewallAnalysis(plan);
    for (const group of groups) {
      const { policy } = group;
      if (!policy) {
        // Nodes that may be filtered where the plan does not say (an inventory without firewalls) are not judged.
        if (plan.firewallsUnknown) continue;
        for (const node of group.nodes) {
          const address = publicAddress(node);
          if (address)
            context.report({
              messageId: 'unfiltered',
              data: { node: nodeArg(node), address: formatAddress(address.ip!), range: formatPorts(range) },
              at: address.span,
            });
        }
        continue;
      }
      // The sources that may reach every port of the range: the intersection over the runs of the range.
      let everywhere = internet;
      for (const [first] of policy.runs(tcp)) {
        everywhere = everywhere.intersect(policy.allowed(first));
        if (everywhere.isEmpty) break;
      }
      const source = everywhere.witness;
      if (!source) continue;
      const by = policy.decide(serviceKey(6, range[0]), source).by;
      const key = deciderKey(by);
      const seen = found.get(key);
      if (seen) seen.nodes += group.nodes.length;
      else found.set(key, { by, source, destination: group.nodes[0], nodes: group.nodes.length });
    }
    for (const { by, source, destination, nodes } of found.values()) {
      context.report({
        messageId: 'open',
        data: {
          range: formatPorts(range),
          packet: packetArg(serviceKey(6, range[0]), endpointArg(source), destinationArg(destination, source, plan)),
          decider: deciderArg(by),
          more: { type: 'count', n: nodes, one: 'node', many: 'nodes', aside: 'on' },
        },
        at: deciderSpan(by),
        related: destination.name ? [{ at: destination.name.span, messageId: 'destination' }] : [],
      });
    }
  },
});
