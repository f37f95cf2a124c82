import { hasRole } from '../src/analysis/roles';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'control-plane-missing',
    defaultSeverity: 'error',
    category: 'topology',
    description: 'The plan lists nodes, but none of them has the `control-plane` role.',
    rationale:
      'The control-plane nodes run the API server, the scheduler and the controller manager, and (stacked etcd, the ' +
      'default of kubeadm, k3s and RKE2) etcd itself. A plan of workers alone describes a cluster nothing can join: ' +
      'kubeadm, kubespray and RKE stop when the control-plane group is empty. Every check that needs the control plane ' +
      '(etcd quorum, the endpoint, API server ports) is blind without it.',
    messages: {
      missing:
        'no node has the control-plane role, so nothing runs the API server and no node can join: add `control-plane` to ' +
        'the roles of the nodes that run it (three for high availability)',
    },
  },
  check(plan, context) {
    // A plan without nodes (a networks-only draft) has no control plane to miss yet.
    const nodes = plan.nodes.filter((n) => n.isMapping);
    // Nodes that join a control plane the plan's files do not describe (a k3s agent's config) lack none.
    if (nodes.length === 0 || plan.joins || nodes.some((n) => hasRole(n, 'control-plane'))) return;
    context.report({ messageId: 'missing', at: plan.nodesKeySpan ?? plan.anchorSpan });
  },
});
