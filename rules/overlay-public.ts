import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { componentServices, describeComponentAt } from '../src/analysis/component-services';
import { flowsOf } from '../src/analysis/required-flows';
import { defineExposureRule } from '../src/rule-kinds/exposure-rule';

export default defineExposureRule({
  id: 'overlay-public',
  fix: 'unsafe',
  defaultSeverity: 'error',
  security: {
    severity: 8.8,
    reason:
      'overlay encapsulation and BGP carry no authentication: a stranger can inject packets into the pod network as any pod, past every NetworkPolicy, or announce routes for it.',
  },
  precision: 'very-high',
  description: "The CNI's overlay or routing port or protocol (VXLAN, Geneve, BGP, IP-in-IP, WireGuard) is reachable from a public address.",
  rationale:
    'Overlay traffic is not authenticated: whoever can send a VXLAN, Geneve or IP-in-IP packet to a node can inject ' +
    'packets into the pod network with any pod as source, past every NetworkPolicy, and an open BGP port lets a ' +
    'stranger announce routes for pod and service networks. These ports must be open between the nodes and nowhere ' +
    'else. The ports checked are those of the CNI plugin and mode in force.',
  checks(plan) {
    const ids = [
      ...new Set(
        flowsOf(plan)
          .filter((f) => f.component.overlay)
          .map((f) => f.port),
      ),
    ];
    const what = (key: bigint) => describeComponentAt(ids, key);
    return [
      {
        nodes: plan.nodes.filter((n) => n.isMapping),
        services: componentServices(ids),
        unwanted: firewallAnalysis(plan).internet,
        what,
        whom: 'the internet',
        narrowTo: 'nodes',
      },
    ];
  },
});
