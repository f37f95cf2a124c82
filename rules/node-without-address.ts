import { interfaceArg, nodeArg } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'node-without-address',
    defaultSeverity: 'error',
    category: 'identity',
    description: 'A node has no interface, or none of its interfaces lists an address (DHCP included).',
    rationale:
      'A node joins the cluster at an address: kubelet registers it as the InternalIP, the API server and the CNI reach ' +
      'the node there, and firewalls, routes and overlap checks are computed from it. A node without an address in the ' +
      'plan cannot be checked by any of those rules, and a DHCP lease can change under a running cluster (etcd members ' +
      'and certificates are bound to the old address), so the plan must record the reserved address of every node.',
    messages: {
      noInterfaces: 'node {node} has no interfaces: list the interface the other nodes reach it at, with its address',
      noAddress: 'node {node} has no address on any of its interfaces: list the address the other nodes reach it at under `addresses`',
      dhcpOnly:
        'node {node} has no address in the plan: interface {iface} uses DHCP, whose lease the plan cannot know; reserve an ' +
        'address for the node on the DHCP server and list it under `addresses`',
    },
  },
  check(plan, context) {
    for (const node of plan.nodes) {
      if (!node.isMapping) continue;
      const nameAt = node.name?.span ?? node.span;
      if (node.interfaces.length === 0) {
        // `interfaces: []` points at its key; a missing list at the node's name.
        context.report({ messageId: 'noInterfaces', data: { node: nodeArg(node) }, at: node.interfacesKeySpan ?? nameAt });
        continue;
      }
      // Any entry counts, malformed ones too: those are invalid-address's findings.
      if (node.interfaces.some((i) => i.listedAddresses > 0 || i.addressUnknown)) continue;
      const at = node.interfacesKeySpan ?? nameAt;
      const dhcp = node.interfaces.find((i) => i.dhcp?.value === true);
      if (dhcp) context.report({ messageId: 'dhcpOnly', data: { node: nodeArg(node), iface: interfaceArg(dhcp) }, at });
      else context.report({ messageId: 'noAddress', data: { node: nodeArg(node) }, at });
    }
  },
});
