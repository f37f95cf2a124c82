import { formatIp, networkOf } from '../src/values/ip';
import { nodesArg } from '../src/analysis/node-interfaces';
import { groupNodes, unreachablePairs, type NodeGroup } from '../src/analysis/reachability';
import { connectedSubnet, usableAddresses } from '../src/analysis/topology';
import { defineRule } from '../src/rule-kinds/rule';
import type { NodesArg } from '../src/core/message-args';

const groupName = (g: NodeGroup): NodesArg => nodesArg(g.nodes, 'with the same subnets and routes');

/** The group's first address, and the subnet a route to the group must cover. */
function target(g: NodeGroup): { address: string; subnet: string } {
  const a = usableAddresses(g.nodes[0])[0];
  return { address: formatIp(a.ip!.family, a.ip!.value), subnet: networkOf(connectedSubnet(a)) };
}

export default defineRule({
  meta: {
    id: 'node-unreachable',
    defaultSeverity: 'error',
    category: 'topology',
    description: "Two nodes with no path between them: no shared subnet, and no route (a default route counts) to the other's address.",
    rationale:
      'Every node must reach every other: kubelet and the API server talk both ways, the CNI sends pod traffic from ' +
      'node to node, and etcd members reach each other. A node reaches another directly when one of its subnets holds ' +
      "the other's address, and otherwise only through a route that covers that address. A plan that puts nodes on " +
      'two subnets and gives neither a route to the other (or a default route) describes a cluster whose nodes join ' +
      'but cannot reach one another: pods on them cannot talk, and `kubectl logs` and `exec` time out.',
    messages: {
      oneWay:
        '{source} has no path to {target}: {address} is on none of its subnets and none of its routes covers it; add a ' +
        "route to {subnet}, or a default route, via a gateway on the node's own subnet",
      mutual:
        '{source} and {target} have no path to each other: they share no subnet, and neither has a route (a default ' +
        "route included) to the other's address; add routes both ways (to {subnet} and to {sourceSubnet}), or a default route on each",
      unreachable: 'unreachable {target}',
    },
  },
  check(plan, context) {
    for (const { from, to, mutual } of unreachablePairs(groupNodes(plan.nodes))) {
      const { address, subnet } = target(to);
      const rep = from.nodes[0];
      context.report({
        messageId: mutual ? 'mutual' : 'oneWay',
        data: { source: groupName(from), target: groupName(to), address, subnet, sourceSubnet: target(from).subnet },
        at: rep.name?.span ?? rep.span,
        related: [{ at: to.nodes[0].name?.span ?? to.nodes[0].span, messageId: 'unreachable', data: { target: groupName(to) } }],
      });
    }
  },
});
