import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { componentServices } from '../src/analysis/component-services';
import { defineExposureRule } from '../src/rule-kinds/exposure-rule';

export default defineExposureRule({
  id: 'kubelet-public',
  fix: 'unsafe',
  defaultSeverity: 'error',
  security: {
    severity: 9.3,
    reason:
      'the kubelet API runs commands in every container of the node, and internet-wide scans for port 10250 are followed by takeovers wherever anonymous authentication or a leaked token lets them in.',
  },
  precision: 'very-high',
  description: 'The kubelet API (10250) of a node is reachable from a public address.',
  rationale:
    'The kubelet API runs commands in containers (`exec`), reads their logs and lists pods. With anonymous ' +
    'authentication left on, or a leaked token, it hands a node to whoever reaches it; cryptominer campaigns scan ' +
    'the internet for open 10250 ports. Only the control plane (and on k3s and RKE2 the other nodes) needs it.',
  checks: (plan) => [
    {
      nodes: plan.nodes.filter((n) => n.isMapping),
      services: componentServices(['kubelet']),
      unwanted: firewallAnalysis(plan).internet,
      what: 'the kubelet API',
      whom: 'the internet',
      narrowTo: 'nodes',
    },
  ],
});
