// Talos machine configuration: the v1alpha1 machine config (`talosctl gen config`, talhelper's output in
// clusterconfig/) with the ingress firewall documents beside it. One file is one machine: one plan.
import { YamlReader } from '../../source/yaml-nodes';
import { keptInAPlan, type InputFormat } from '../input-format';
import { isTalosDocument, looksLikeTalos } from './detect';
import { readTalosDocument } from './read'; // on demand

export const talos: InputFormat = {
  id: 'talos',
  keyNames: {
    ...keptInAPlan('the machine configs'),
    pods: 'cluster.network.podSubnets',
    services: 'cluster.network.serviceSubnets',
    nodeCidrMaskSize: 'cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv4',
    nodeCidrMaskSizeIPv6: 'cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv6',
    maxPods: 'machine.kubelet.extraConfig.maxPods',
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
