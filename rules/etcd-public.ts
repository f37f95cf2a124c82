import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { componentServices } from '../src/analysis/component-services';
import { nodesWithRole } from '../src/analysis/roles';
import { defineExposureRule } from '../src/rule-kinds/exposure-rule';

export default defineExposureRule({
  id: 'etcd-public',
  fix: 'unsafe',
  defaultSeverity: 'error',
  security: {
    severity: 9.6,
    reason:
      'etcd stores every Secret and token of the cluster, so reaching it with any certificate of its CA (or with none, on a member without client authentication) is control of the whole cluster.',
  },
  precision: 'very-high',
  description: 'The etcd client or peer port (2379-2380) of an etcd member is reachable from a public address.',
  rationale:
    'etcd holds every Secret, token and object of the cluster. Its API must only be reachable from the API servers and ' +
    'the other members: anyone who reaches it with a stolen or misissued client certificate (or without one, on a ' +
    'misconfigured member) owns the cluster, and internet scanners probe 2379 continuously. Public means computed, ' +
    'not matched as text: `0.0.0.0/1` plus `128.0.0.0/1`, or `::/0`, is as public as `0.0.0.0/0`.',
  checks: (plan) => [
    {
      nodes: nodesWithRole(plan.nodes, 'etcd'),
      services: componentServices(['etcd-client', 'etcd-peer']),
      unwanted: firewallAnalysis(plan).internet,
      what: 'the etcd API',
      whom: 'the internet',
      narrowTo: '"role:etcd"',
    },
  ],
});
