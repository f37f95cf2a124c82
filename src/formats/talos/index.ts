// Talos machine configuration: the v1alpha1 machine config (`talosctl gen config`, talhelper's output in
// clusterconfig/) with the ingress firewall documents beside it. One file is one machine: one plan.
import { YamlReader } from '../../source/yaml-nodes';
import type { InputFormat } from '../input-format';
import { isTalosDocument, looksLikeTalos } from './detect';
import { readTalosDocument } from './read';

const ELSEWHERE = '(in a ClusterPlan that imports the machine configs)';

export const talos: InputFormat = {
  id: 'talos',
  keyNames: {
    pods: 'cluster.network.podSubnets',
    services: 'cluster.network.serviceSubnets',
    nodes: `networks.nodes ${ELSEWHERE}`,
    nodeCidrMaskSize: 'cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv4',
    nodeCidrMaskSizeIPv6: 'cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv6',
    maxPods: 'machine.kubelet.extraConfig.maxPods',
    trusted: `networks.trusted ${ELSEWHERE}`,
    clusterDNS: 'machine.kubelet.clusterDNS',
    nodePortRange: 'cluster.apiServer.extraArgs.service-node-port-range',
    distribution: 'the distribution (Talos, for a machine config)',
    cniPlugin: 'cluster.network.cni.name',
    cniMode: 'cluster.network.cni',
    controlPlaneEndpoint: 'cluster.controlPlane.endpoint',
    firewalls: '`NetworkDefaultActionConfig` and `NetworkRuleConfig` documents',
  },
  looksLike: looksLikeTalos,
  claims: isTalosDocument,
  wholeFile: true,
  imports: () => [],
  read: (doc, tick) => readTalosDocument(doc, new YamlReader(doc), tick),
  fixable: false,
};
