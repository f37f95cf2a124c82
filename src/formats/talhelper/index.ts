// talhelper's talconfig.yaml: the cluster-level file talhelper renders into one Talos machine config per node.
import { YamlReader } from '../../source/yaml-nodes';
import { keptInAPlan, type InputFormat } from '../input-format';
import { isTalconfig, looksLikeTalconfig } from './detect';
import { readTalconfig } from './read';

/** Where a Talos patch sets what talconfig.yaml has no key of its own for. */
const PATCH = '(a Talos patch)';

export const talhelper: InputFormat = {
  id: 'talhelper',
  keyNames: {
    ...keptInAPlan('talconfig.yaml'),
    pods: 'clusterPodNets',
    services: 'clusterSvcNets',
    nodeCidrMaskSize: `cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv4 ${PATCH}`,
    nodeCidrMaskSizeIPv6: `cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv6 ${PATCH}`,
    maxPods: `machine.kubelet.extraConfig.maxPods ${PATCH}`,
    clusterDNS: `machine.kubelet.clusterDNS ${PATCH}`,
    nodePortRange: `cluster.apiServer.extraArgs.service-node-port-range ${PATCH}`,
    distribution: 'the distribution (Talos, for a talconfig.yaml)',
    cniPlugin: 'cniConfig.name',
    cniMode: 'cniConfig',
    controlPlaneEndpoint: 'endpoint',
    firewalls: '`ingressFirewall`',
  },
  looksLike: looksLikeTalconfig,
  claims: isTalconfig,
  imports: () => [],
  read: (doc, tick) => readTalconfig(doc, new YamlReader(doc), tick),
  fixable: false,
};
