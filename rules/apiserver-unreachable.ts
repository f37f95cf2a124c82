import { defineFlowRule } from '../src/rule-kinds/flow-rule';

export default defineFlowRule({
  id: 'apiserver-unreachable',
  defaultSeverity: 'error',
  description: 'Some node, or a trusted network, cannot reach the API server port on a control-plane node.',
  rationale:
    'Every node talks to the cluster through kube-apiserver: kubelets register and report there, kubeadm join and the k3s/RKE2 agents bootstrap through it, and administrators and CI reach it from the trusted networks. When a firewall blocks the API port, nodes never join (or fall NotReady once their lease expires) and nobody can run kubectl. The port is 6443, or the port of `controlPlaneEndpoint` when it names one.',
});
