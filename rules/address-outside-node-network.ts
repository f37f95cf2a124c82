import { networkOf, type Family } from '../src/values/ip';
import { IntervalSet } from '../src/values/intervals';
import { nodeAddresses, nodeNetworks } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';
import type { AddressEntry, NodeInterface, PlanNode } from '../src/model/types';

export default defineRule({
  meta: {
    id: 'address-outside-node-network',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'A node address lies inside none of the node networks declared in `networks.nodes` (checked per IP family).',
    rationale:
      '`networks.nodes` is what the other checks trust as "the nodes": firewall sources named `nodes`, overlap checks ' +
      'against pod and service CIDRs, and routing modes such as flannel host-gw, which need every node on one declared ' +
      'subnet. An address outside every node network is usually a typo (`192.168.11.x` for `192.168.10.x`) or a node in ' +
      'an undeclared subnet: firewall rules that allow "nodes" will then drop its traffic, and routes between nodes may ' +
      'not exist.',
    messages: {
      outside: 'address "{address}" is outside the node network {networks}: fix the address, or add its subnet to `{key}`',
      outsideAll: 'address "{address}" is inside none of the node networks {networks}: fix the address, or add its subnet to `{key}`',
      nodeNetworks: 'node networks declared here',
    },
  },
  check(plan, context) {
    const declared = nodeNetworks(plan);
    if (declared.length === 0) return;
    const set = new IntervalSet(declared);
    // Per family: the networks a message lists, and which families the list speaks about at all
    // (an IPv4-only list says nothing about IPv6 addresses).
    const byFamily = new Map<Family, Set<string>>();
    for (const cidr of declared) {
      const names = byFamily.get(cidr.family) ?? new Set<string>();
      names.add(networkOf(cidr));
      byFamily.set(cidr.family, names);
    }
    const listed = new Map([...byFamily].map(([family, names]) => [family, [...names]] as const));
    const keySpan = plan.networks.keySpans.nodes;
    // The interfaces through which a node is on a node network, per family: its other interfaces (a public
    // address, a storage network) are not the cluster's, and are not checked.
    const inside = new Set<NodeInterface>();
    const onNetwork = new Map<PlanNode, number>();
    const outside: AddressEntry[] = [];
    for (const entry of nodeAddresses(plan)) {
      const ip = entry.ip;
      // Special-use addresses are invalid-address's findings.
      if (!ip || !listed.has(ip.family) || entry.special) continue;
      if (!set.has(ip.family, ip.value)) outside.push(entry);
      else {
        inside.add(entry.iface);
        onNetwork.set(entry.iface.node, (onNetwork.get(entry.iface.node) ?? 0) | familyBit(ip.family));
      }
    }
    for (const entry of outside) {
      const ip = entry.ip!;
      const networks = listed.get(ip.family)!;
      if (!inside.has(entry.iface) && ((onNetwork.get(entry.iface.node) ?? 0) & familyBit(ip.family)) !== 0) continue;
      context.report({
        messageId: networks.length === 1 ? 'outside' : 'outsideAll',
        data: { address: entry.value, networks: networks.join(', '), key: plan.keyNames.nodes },
        at: entry.span,
        related: keySpan ? [{ at: keySpan, messageId: 'nodeNetworks' }] : [],
      });
    }
  },
});

const familyBit = (family: Family): number => (family === 4 ? 1 : 2);
