import { PUBLIC, SOURCES } from '../src/values/address-set';
import { componentServices } from '../src/analysis/component-services';
import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { defineExposureRule } from '../src/rule-kinds/exposure-rule';

export default defineExposureRule({
  id: 'kubelet-unrestricted',
  defaultSeverity: 'warning',
  security: {
    severity: 6.3,
    reason:
      'the kubelet API (exec in every container) is open to private networks beyond the cluster, so one compromised laptop there and a credential reach the node; monitoring hosts may need it on purpose.',
  },
  precision: 'medium',
  // Unfiltered public nodes are kubelet-public's findings; unfiltered private ones are not judged (see the docs).
  firewalledOnly: true,
  description: 'The kubelet API (10250) is reachable from private sources that are neither nodes nor pods.',
  rationale:
    'Only the API servers (and on k3s and RKE2 metrics-server on any node, and monitoring pods) need the kubelet ' +
    'API, which can run commands in every container of the node. Opening it to a whole office or VPN network makes ' +
    "every laptop there one stolen token away from the node. Public sources are kubelet-public's findings; this " +
    'rule covers the private ones.',
  options: {
    allow: {
      type: 'string-list',
      description: 'More sources that may reach the kubelet, as `from` references (a CIDR, a network name, `role:`/`node:`): e.g. a monitoring network.',
      default: [],
    },
  },
  checks(plan, options) {
    const { refs } = firewallAnalysis(plan);
    const allowed = ['nodes', 'pods', ...(options.allow as string[])];
    // References that resolve to nothing widen nothing (firewall-unknown-reference reports them in rules).
    const inCluster = allowed.map((ref) => refs.resolve(ref)).reduce((s, r) => (r.ok ? s.union(r.set) : s), PUBLIC);
    return [
      {
        nodes: plan.nodes.filter((n) => n.isMapping),
        services: componentServices(['kubelet']),
        unwanted: SOURCES.subtract(inCluster),
        what: 'the kubelet API',
        whom: 'hosts outside the cluster (restrict it to the nodes)',
      },
    ];
  },
});
