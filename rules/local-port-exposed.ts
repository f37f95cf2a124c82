import { SOURCES } from '../src/values/address-set';
import { componentPort } from '../src/domain/component-ports';
import { componentServices, describeComponentAt } from '../src/analysis/component-services';
import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { nodesWithRole } from '../src/analysis/roles';
import { defineExposureRule, type ExposureCheck } from '../src/rule-kinds/exposure-rule';

const ON_EVERY_NODE = ['kubelet-healthz', 'kube-proxy-metrics', 'kube-proxy-healthz'];
const CONTROL_PLANE_ONLY = ['controller-manager', 'scheduler'];

export default defineExposureRule({
  id: 'local-port-exposed',
  defaultSeverity: 'warning',
  security: {
    severity: 5.3,
    reason:
      'health and metrics endpoints meant for the node itself answer other hosts, some without authentication, revealing versions and internals but running nothing.',
  },
  precision: 'high',
  // Most of these listen on 127.0.0.1 by default: only a rule that opens the port itself says they listen wider.
  writtenPortsOnly: true,
  description:
    'A port meant for the node itself (10248, 10249, 10256, 2381, 6444) is reachable from other hosts, or 10257/10259 from beyond the control plane.',
  rationale:
    'Health and metrics endpoints (kubelet 10248, kube-proxy 10249 and 10256, etcd metrics 2381, the k3s/RKE2 ' +
    'local API server 6444) are meant for the node itself and its local probes; several answer without ' +
    'authentication and reveal versions and internals. kube-controller-manager (10257) and kube-scheduler (10259) ' +
    'serve only the control plane. Opening them wider adds attack surface and helps nothing.',
  checks(plan) {
    const nodes = plan.nodes.filter((n) => n.isMapping);
    const controlPlane = nodesWithRole(plan.nodes, 'control-plane');
    const offNode = (on: typeof nodes, ids: string[]): ExposureCheck => ({
      nodes: on,
      services: componentServices(ids),
      unwanted: SOURCES,
      offNodeOnly: true,
      what: (key: bigint) => describeComponentAt(ids, key),
      whom: 'other hosts',
    });
    const checks = [offNode(nodes, ON_EVERY_NODE), offNode(nodesWithRole(plan.nodes, 'etcd'), ['etcd-metrics'])];
    if (componentPort('apiserver-local').distributions?.includes(plan.distribution)) checks.push(offNode(controlPlane, ['apiserver-local']));
    const cp = firewallAnalysis(plan).refs.resolve('role:control-plane');
    checks.push({
      nodes: controlPlane,
      services: componentServices(CONTROL_PLANE_ONLY),
      unwanted: cp.ok ? SOURCES.subtract(cp.set) : SOURCES,
      what: (key: bigint) => describeComponentAt(CONTROL_PLANE_ONLY, key),
      whom: 'hosts outside the control plane',
    });
    return checks;
  },
});
