import { interfaceArg, nodeInterfaces, nodeArg } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'dhcp-address',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'A node interface takes its address from DHCP (`dhcp: true`) and the plan names no address reserved for it.',
    rationale:
      "A node's address is written into the cluster when it joins: kubelet registers it as the InternalIP, etcd " +
      'members and the API server advertise it, and certificates name it. A DHCP lease that renews to another address ' +
      'leaves all of them pointing at the old one, so the node drops out of the cluster (and an etcd member out of the ' +
      'quorum) at some later, unrelated moment. Static addresses, or DHCP reservations tied to the MAC, keep it stable; ' +
      'an interface that uses DHCP and lists its address declares that reservation.',
    messages: {
      dhcp:
        'interface {iface} of node {node} takes its address from DHCP, and a lease can change under the running cluster: ' +
        "configure the address statically, or reserve one for the interface's MAC on the DHCP server and list it under `addresses`",
    },
  },
  check(plan, context) {
    for (const iface of nodeInterfaces(plan)) {
      // An address listed beside `dhcp: true` is the one the DHCP server reserves for the interface.
      if (iface.dhcp?.value !== true || iface.addresses.length > 0) continue;
      context.report({ messageId: 'dhcp', data: { iface: interfaceArg(iface), node: nodeArg(iface.node) }, at: iface.dhcp.span });
    }
  },
});
