import { familyName } from '../src/analysis/cluster-networks';
import { networkOf, type Family } from '../src/values/ip';
import { nodesArg } from '../src/analysis/node-interfaces';
import { cidrKey, connectedSubnet, usableAddresses } from '../src/analysis/topology';
import { defineRule } from '../src/rule-kinds/rule';
import type { Cidr } from '../src/values/ip';
import type { PlanNode } from '../src/model/types';

interface Segment {
  subnet: Cidr;
  nodes: PlanNode[];
}

/** The nodes on each subnet of a family, in plan order; a node counts once per subnet it is on. */
function segments(nodes: PlanNode[], family: Family): Map<string, Segment> {
  const out = new Map<string, Segment>();
  for (const node of nodes) {
    const seen = new Set<string>();
    for (const a of usableAddresses(node)) {
      // An address without a known subnet (an inventory's bare `ip`) is on no segment we can name.
      if (a.subnetUnknown) continue;
      const subnet = connectedSubnet(a);
      const key = cidrKey(subnet);
      if (subnet.family !== family || seen.has(key)) continue;
      seen.add(key);
      const seg = out.get(key) ?? { subnet, nodes: [] };
      seg.nodes.push(node);
      out.set(key, seg);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'host-gw-needs-l2',
    defaultSeverity: 'error',
    category: 'topology',
    description: "flannel's `host-gw` backend with nodes on more than one subnet (host-gw needs every node on one L2 segment).",
    rationale:
      "flannel host-gw encapsulates nothing: it adds a route per node, \"this node's pod block via that node's " +
      'address", so every node must be a direct next hop of every other, on one L2 segment. A node on another subnet ' +
      'cannot be a next hop, so the route is refused and pods on the two sides cannot reach each other; the routers ' +
      "between the subnets know nothing of pod addresses either. flannel's documentation requires direct layer 2 " +
      'connectivity for host-gw; vxlan works across subnets.',
    messages: {
      split:
        "{nodes} is not on {subnet}, the subnet of {main}: flannel host-gw routes each node's pods via the other node's " +
        'address, so every node must be on one L2 subnet; put the nodes on one subnet, or use the vxlan backend',
      mode: 'host-gw chosen here ({family})',
      mainSubnet: 'most nodes are on {subnet}',
    },
  },
  check(plan, context) {
    const { plugin, mode, modeAt } = plan.cni;
    if (plugin !== 'flannel' || mode !== 'host-gw' || !modeAt) return;
    const families = new Set<Family>(plan.pods.length > 0 ? plan.pods.map((p) => p.cidr.family) : [4]);
    for (const family of families) {
      const bySubnet = segments(plan.nodes, family);
      // The segment most nodes are on is the one host-gw runs on; the others are the mistake.
      let main: Segment | undefined;
      for (const seg of bySubnet.values()) if (!main || seg.nodes.length > main.nodes.length) main = seg;
      if (!main) continue;
      const onMain = new Set(main.nodes);
      const reported = new Set<PlanNode>();
      for (const seg of bySubnet.values()) {
        const outside = seg.nodes.filter((n) => !onMain.has(n) && !reported.has(n));
        if (outside.length === 0) continue;
        outside.forEach((n) => reported.add(n));
        const subnet = networkOf(main.subnet);
        context.report({
          messageId: 'split',
          data: { nodes: nodesArg(outside, `on ${networkOf(seg.subnet)}`), subnet, main: nodesArg(main.nodes) },
          at: outside[0].name?.span ?? outside[0].span,
          related: [
            { at: modeAt.span, messageId: 'mode', data: { family: familyName(family) } },
            { at: main.nodes[0].name?.span ?? main.nodes[0].span, messageId: 'mainSubnet', data: { subnet } },
          ],
        });
      }
    }
  },
});
