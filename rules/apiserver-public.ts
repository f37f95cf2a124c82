import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { apiPort } from '../src/analysis/component-services';
import { nodesWithRole } from '../src/analysis/roles';
import { serviceSet } from '../src/values/ports';
import { defineExposureRule } from '../src/rule-kinds/exposure-rule';

export default defineExposureRule({
  id: 'apiserver-public',
  fix: 'unsafe',
  defaultSeverity: 'warning',
  security: {
    severity: 7.3,
    reason:
      'the API server authenticates every request, so being public is not a compromise by itself, but it faces every leaked credential and pre-authentication vulnerability.',
  },
  precision: 'very-high',
  description: 'The API server port of a control-plane node is reachable from public addresses (restrict it to `trusted`).',
  rationale:
    'The API server authenticates every request, but an internet-facing API server is exposed to every credential ' +
    'leak, anonymous-auth misconfiguration and pre-authentication vulnerability, and scanners index them by the ' +
    'hundred thousand. Clusters whose users come from known networks should list those under `networks.trusted` and ' +
    'allow the API port only from there (and from the nodes). A deliberately public API server can turn this rule off.',
  checks(plan) {
    const port = apiPort(plan);
    return [
      {
        nodes: nodesWithRole(plan.nodes, 'control-plane'),
        services: serviceSet(6, [[port, port]]),
        unwanted: firewallAnalysis(plan).internet,
        what: `the Kubernetes API (tcp ${port})`,
        whom: 'the internet',
        narrowTo: 'trusted',
      },
    ];
  },
});
