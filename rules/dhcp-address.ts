import { interfaceLabel, nodeInterfaces, nodeLabel } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'dhcp-address',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'A node interface takes its address from DHCP (`dhcp: true`) instead of a static or reserved one.',
    rationale:
      "A node's address is written into the cluster when it joins: kubelet registers it as the InternalIP, etcd " +
      'members and the API server advertise it, and certificates name it. A DHCP lease that renews to another address ' +
      'leaves all of them pointing at the old one, so the node drops out of the cluster (and an etcd member out of the ' +
      'quorum) at some later, unrelated moment. Static addresses, or DHCP reservations tied to the MAC, keep it stable; ' +
      'the plan cannot tell a reservation from a pool lease, so it should say the address is static.',
    messages: {
      dhcp:
        'interface {iface} of node {node} takes its address from DHCP, and a lease can change under the running cluster: ' +
        "configure the address statically (or reserve one for the interface's MAC on the DHCP server) and list it under `addresses`",
      dhcpListed:
        "interface {iface} of node {node} takes its address from DHCP: unless {address} is reserved for the interface's MAC " +
        'on the DHCP server, a renewed lease can change it under the running cluster; configure it statically (`dhcp: false`)',
    },
  },
  check(plan, context) {
    for (const iface of nodeInterfaces(plan)) {
      if (iface.dhcp?.value !== true) continue;
      const data = { iface: interfaceLabel(iface), node: nodeLabel(iface.node) };
      const listed = iface.addresses[0];
      if (listed) context.report({ messageId: 'dhcpListed', data: { ...data, address: `"${listed.value}"` }, at: iface.dhcp.span });
      else context.report({ messageId: 'dhcp', data, at: iface.dhcp.span });
    }
  },
});
