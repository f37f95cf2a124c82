import { contains, networkOf } from '../src/values/ip';
import { interfaceArg, nodeArg } from '../src/analysis/node-interfaces';
import { connectedSubnet, isIpv6LinkLocal, subnetsUnknown, usableAddresses } from '../src/analysis/topology';
import { defineRule } from '../src/rule-kinds/rule';
import type { Route } from '../src/model/types';

const routeName = (r: Route): string => (!r.to ? 'a route' : r.to.isDefault || r.to.cidr?.prefix === 0 ? 'the default route' : `the route to ${r.to.value}`);

export default defineRule({
  meta: {
    id: 'route-gateway-unreachable',
    defaultSeverity: 'error',
    category: 'topology',
    description: "A route's gateway (`via`) is on none of the subnets the node's own addresses connect it to.",
    rationale:
      "A gateway must be reachable without a route: the node sends the packet to the gateway's MAC on a link it is " +
      'connected to. The kernel refuses a route whose gateway is on no connected subnet ("Nexthop has invalid ' +
      'gateway"), so netplan or NetworkManager fails to apply it and the node has no route at all: a default route ' +
      'with a typo in its gateway cuts the node off from every other subnet, the API server endpoint and the registry.',
    messages: {
      unreachable:
        'gateway "{via}" of {route} is on none of the subnets node {node} is connected to ({subnets}): the kernel refuses ' +
        'a gateway it cannot reach directly, so the route is never installed; use a gateway on one of those subnets, or ' +
        "list the address that connects the node to the gateway's subnet",
      connected: 'connected subnet {subnet} (interface {iface})',
    },
  },
  check(plan, context) {
    for (const node of plan.nodes) {
      const addresses = usableAddresses(node);
      // Without an address there is nothing to be connected by (node-without-address); a DHCP lease, or a
      // subnet the format does not say, may connect more.
      if (addresses.length === 0 || subnetsUnknown(node)) continue;
      const subnets = addresses.map(connectedSubnet);
      for (const route of node.routes) {
        const gateway = route.via?.ip;
        if (!gateway || isIpv6LinkLocal(gateway) || subnets.some((s) => contains(s, gateway))) continue;
        context.report({
          messageId: 'unreachable',
          data: { via: route.via!.value, route: routeName(route), node: nodeArg(node), subnets: [...new Set(subnets.map(networkOf))].join(', ') },
          at: route.via!.span,
          related: addresses.map((a, i) => ({ at: a.span, messageId: 'connected', data: { subnet: networkOf(subnets[i]), iface: interfaceArg(a.iface) } })),
        });
      }
    }
  },
});
