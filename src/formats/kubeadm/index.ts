// kubeadm's configuration file (`kubeadm init --config`, `kubeadm join --config`): ClusterConfiguration,
// InitConfiguration and JoinConfiguration documents, with the KubeletConfiguration and KubeProxyConfiguration
// kubeadm passes on, side by side in one file. The file is one view of the cluster, so it is one plan.
import { keptInAPlan, type InputFormat } from '../input-format';
import { claimsKubeadm, looksLikeKubeadm } from './detect';
import { readKubeadm } from './read'; // on demand

/** What a kubeadm configuration cannot say: a ClusterPlan that imports the file says it. */
const IN_A_PLAN = '(in a ClusterPlan that imports this file)';

export const kubeadm: InputFormat = {
  id: 'kubeadm',
  keyNames: {
    ...keptInAPlan('this file'),
    pods: 'networking.podSubnet',
    services: 'networking.serviceSubnet',
    nodeCidrMaskSize: 'controllerManager.extraArgs.node-cidr-mask-size (-ipv4 in a dual-stack cluster)',
    nodeCidrMaskSizeIPv6: 'controllerManager.extraArgs.node-cidr-mask-size-ipv6',
    maxPods: 'KubeletConfiguration maxPods',
    clusterDNS: 'KubeletConfiguration clusterDNS',
    nodePortRange: 'apiServer.extraArgs.service-node-port-range',
    distribution: 'the distribution (kubeadm, for a kubeadm configuration)',
    cniPlugin: `cni.plugin ${IN_A_PLAN}`,
    cniMode: `cni.mode ${IN_A_PLAN}`,
    controlPlaneEndpoint: 'controlPlaneEndpoint',
  },
  looksLike: looksLikeKubeadm,
  claims: claimsKubeadm,
  wholeFile: true,
  imports: () => [],
  read: (doc, tick) => readKubeadm(doc, tick),
  fixable: false,
  firewallsElsewhere: true,
};
