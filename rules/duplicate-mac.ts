import { findDuplicates } from '../src/analysis/duplicates';
import { interfaceLabel, nodeLabel } from '../src/analysis/node-interfaces';
import type { NodeInterface, PlanNode } from '../src/model/types';
import { defineRule } from '../src/rule-kinds/rule';

/**
 * Each node's interfaces with a well-formed MAC, one per distinct MAC within the node: interfaces of
 * one node may share a MAC (bonds, VLANs, bridges), so only the node's first use takes part.
 */
function* firstUsePerNode(nodes: PlanNode[]): Generator<NodeInterface> {
  for (const node of nodes) {
    const seen = new Set<string>();
    for (const iface of node.interfaces) {
      const mac = iface.mac?.normalized;
      if (mac === undefined || seen.has(mac)) continue;
      seen.add(mac);
      yield iface;
    }
  }
}

export default defineRule({
  meta: {
    id: 'duplicate-mac',
    defaultSeverity: 'error',
    category: 'identity',
    description: 'One MAC address on interfaces of two different nodes (every spelling compared).',
    rationale:
      'A MAC identifies a NIC on its layer-2 segment. Two machines with one MAC make switches flap the port the MAC is ' +
      'learnt on, DHCP hands both the same lease, and the nodes lose packets at random; the kubeadm install guide ' +
      "requires a unique MAC (and product_uuid) on every node for this reason. Cloned VMs that kept their template's MAC are the " +
      'usual cause. Interfaces of one node may share a MAC (bonds, VLAN sub-interfaces, bridges), so that is not reported.',
    messages: {
      duplicate: 'MAC "{mac}" is already used by interface {iface} of node {node}: every machine needs its own MAC (a cloned VM?)',
      duplicateSpelling:
        'MAC "{mac}" is the same MAC as "{first}", already used by interface {iface} of node {node}: every machine needs ' + 'its own MAC (a cloned VM?)',
      first: 'first used here',
    },
  },
  check(plan, context) {
    for (const { first, duplicate } of findDuplicates(firstUsePerNode(plan.nodes), (i) => i.mac!.normalized)) {
      const mac = duplicate.mac!;
      const firstMac = first.mac!;
      context.report({
        messageId: mac.value === firstMac.value ? 'duplicate' : 'duplicateSpelling',
        data: { mac: mac.value, first: firstMac.value, iface: interfaceLabel(first), node: nodeLabel(first.node) },
        at: mac.span,
        related: [{ at: firstMac.span, messageId: 'first' }],
      });
    }
  },
});
