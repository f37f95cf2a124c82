import { defineFlowRule } from '../src/rule-kinds/flow-rule';

export default defineFlowRule({
  id: 'kubelet-unreachable',
  defaultSeverity: 'error',
  description: 'The control plane (every node, on k3s and RKE2) cannot reach the kubelet port 10250 on some node.',
  rationale:
    'kube-apiserver calls each kubelet on 10250 for `kubectl logs`, `exec`, `port-forward` and for metrics-server. When it is blocked the node looks healthy but cannot be debugged, and the Horizontal Pod Autoscaler goes blind. On k3s and RKE2 metrics-server can run on any node, so every node must reach it.',
});
