import { defineFlowRule } from '../src/rule-kinds/flow-rule';

export default defineFlowRule({
  id: 'etcd-unreachable',
  defaultSeverity: 'error',
  description: 'etcd client traffic from the control plane, or peer traffic between etcd members, is blocked.',
  rationale:
    "kube-apiserver stores every object in etcd through its client port 2379, and etcd members replicate through the peer port 2380. With two or more members a blocked peer port costs quorum: the cluster stops accepting writes, and a member that cannot reach the others never joins. With stacked etcd (kubeadm's default, k3s and RKE2 embedded etcd) the control-plane nodes are the members.",
});
