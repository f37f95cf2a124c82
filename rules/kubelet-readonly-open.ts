import { SOURCES } from '../src/values/address-set';
import { componentServices } from '../src/analysis/component-services';
import { defineExposureRule } from '../src/rule-kinds/exposure-rule';

export default defineExposureRule({
  id: 'kubelet-readonly-open',
  defaultSeverity: 'error',
  security: {
    severity: 7.5,
    reason:
      'the read-only port answers anyone who reaches it, without authentication, with the pod list, pod specs and their environment variables (secrets often among them).',
  },
  precision: 'very-high',
  // The kubelet turns the port off by default: only a rule that opens the port itself says that it is on.
  writtenPortsOnly: true,
  description: "The kubelet's read-only port 10255 is reachable from any host other than the node itself.",
  rationale:
    'The read-only port serves the pod list, specs and environment variables without any authentication. The ' +
    'kubelet configuration file turns it off by default (`readOnlyPort: 0`), but old monitoring guides (Heapster) ' +
    'told people to turn it on and open it; a ' +
    'firewall that allows it from anywhere off the node leaks the workload inventory, and often secrets passed as ' +
    'environment variables.',
  checks: (plan) => [
    {
      nodes: plan.nodes.filter((n) => n.isMapping),
      services: componentServices(['kubelet-readonly']),
      unwanted: SOURCES,
      offNodeOnly: true,
      what: 'the unauthenticated kubelet read-only API',
      whom: 'other hosts',
    },
  ],
});
