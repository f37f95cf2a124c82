// k3s and RKE2 node configs: `/etc/rancher/{k3s,rke2}/config.yaml` and the drop-ins of `config.yaml.d/`,
// one implementation for the two distributions (docs/formats/k3s.md, docs/formats/rke2.md).
import type { KeyNames } from '../../model/types';
import { YamlReader } from '../../source/yaml-nodes';
import { keptInAPlan, type InputFormat } from '../input-format';
import { claimsAs, looksLikeRancherConfig, type Flavour } from './detect';
import { readRancherConfig } from './read'; // on demand

const keyNames = (flavour: Flavour): KeyNames => ({
  ...keptInAPlan('config.yaml'),
  pods: 'cluster-cidr',
  services: 'service-cidr',
  nodeCidrMaskSize: 'kube-controller-manager-arg node-cidr-mask-size',
  nodeCidrMaskSizeIPv6: 'kube-controller-manager-arg node-cidr-mask-size-ipv6',
  maxPods: 'kubelet-arg max-pods',
  clusterDNS: 'cluster-dns',
  nodePortRange: 'service-node-port-range',
  distribution: `the distribution (${flavour}, for a ${flavour} config.yaml)`,
  cniPlugin: flavour === 'k3s' ? 'flannel-backend' : 'cni',
  cniMode: flavour === 'k3s' ? 'flannel-backend' : 'cni (the backend of its chart is set in a HelmChartConfig)',
  controlPlaneEndpoint: 'server',
});

const rancherFormat = (flavour: Flavour): InputFormat => ({
  id: flavour,
  keyNames: keyNames(flavour),
  looksLike: looksLikeRancherConfig,
  claims: claimsAs(flavour),
  imports: () => [],
  read: (doc, tick) => readRancherConfig(doc, new YamlReader(doc), flavour, tick),
  fixable: false,
  firewallsElsewhere: true,
});

/** k3s: asked before rke2, so that a config neither its place nor its flags tell apart is k3s's. */
export const k3s: InputFormat = rancherFormat('k3s');
export const rke2: InputFormat = rancherFormat('rke2');
