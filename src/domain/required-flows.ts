// The flows a cluster needs (domain.md sections 2 to 4), as data: per distribution and per CNI plugin
// and mode, who must reach which component port. The reachability rules check every flow that
// applies to the plan; each flow names the rule that reports it when it is blocked.
import type { CniPlugin, Distribution } from './network-defaults';

/** Who sends or receives: nodes by role (etcd: the etcd members), every node, or `networks.trusted`. */
export type Party = 'control-plane' | 'etcd' | 'all' | 'trusted';

/** The rules that report blocked flows, one per kind of flow. */
export const FLOW_RULE_IDS = [
  'apiserver-unreachable',
  'etcd-unreachable',
  'kubelet-unreachable',
  'control-plane-port-unreachable',
  'cni-traffic-blocked',
  'service-unreachable',
] as const;

export type FlowRuleId = (typeof FLOW_RULE_IDS)[number];

export interface RequiredFlow {
  /** A COMPONENT_PORTS id; `apiserver` uses the port of controlPlaneEndpoint when it has one. */
  port: string;
  from: Party;
  to: Party;
  rule: FlowRuleId;
  /** `etcd-cluster`: only with two or more etcd members. `ipv6`: only when the cluster uses IPv6. */
  when?: 'etcd-cluster' | 'ipv6';
}

const API: RequiredFlow[] = [
  { port: 'apiserver', from: 'all', to: 'control-plane', rule: 'apiserver-unreachable' },
  { port: 'apiserver', from: 'trusted', to: 'control-plane', rule: 'apiserver-unreachable' },
];
const ETCD: RequiredFlow[] = [
  { port: 'etcd-client', from: 'control-plane', to: 'etcd', rule: 'etcd-unreachable' },
  { port: 'etcd-peer', from: 'etcd', to: 'etcd', rule: 'etcd-unreachable', when: 'etcd-cluster' },
];

export const DISTRIBUTION_FLOWS: Record<Distribution, readonly RequiredFlow[]> = {
  kubeadm: [
    ...API,
    ...ETCD,
    { port: 'kubelet', from: 'control-plane', to: 'all', rule: 'kubelet-unreachable' },
    { port: 'controller-manager', from: 'control-plane', to: 'control-plane', rule: 'control-plane-port-unreachable' },
    { port: 'scheduler', from: 'control-plane', to: 'control-plane', rule: 'control-plane-port-unreachable' },
  ],
  // k3s servers run embedded etcd in HA; the supervisor shares 6443; metrics-server reaches every kubelet.
  k3s: [...API, ...ETCD, { port: 'kubelet', from: 'all', to: 'all', rule: 'kubelet-unreachable' }],
  rke2: [
    ...API,
    ...ETCD,
    { port: 'rke2-supervisor', from: 'all', to: 'control-plane', rule: 'control-plane-port-unreachable' },
    { port: 'kubelet', from: 'all', to: 'all', rule: 'kubelet-unreachable' },
  ],
  // Talos: control-plane apid proxies talosctl to every node's apid; joining nodes fetch certificates from trustd.
  talos: [
    ...API,
    ...ETCD,
    { port: 'kubelet', from: 'control-plane', to: 'all', rule: 'kubelet-unreachable' },
    { port: 'talos-apid', from: 'trusted', to: 'control-plane', rule: 'control-plane-port-unreachable' },
    { port: 'talos-apid', from: 'control-plane', to: 'all', rule: 'control-plane-port-unreachable' },
    { port: 'talos-trustd', from: 'all', to: 'control-plane', rule: 'control-plane-port-unreachable' },
  ],
};

const between = (...ports: string[]): RequiredFlow[] => ports.map((port) => ({ port, from: 'all', to: 'all', rule: 'cni-traffic-blocked' }));

/** Per plugin and mode; a function of the distribution where RKE2 deviates (its flannel uses 4789). */
export function cniFlows(plugin: CniPlugin, mode: string, distribution: Distribution): readonly RequiredFlow[] {
  switch (`${plugin}/${mode}`) {
    case 'flannel/vxlan':
      return between(distribution === 'rke2' ? 'vxlan-4789' : 'vxlan-8472');
    case 'flannel/udp':
      return between('flannel-udp');
    case 'flannel/wireguard':
      return [...between('wireguard-v4'), { ...between('wireguard-v6')[0], when: 'ipv6' }];
    case 'calico/bgp':
      return between('bgp');
    case 'calico/ipip':
      return between('bgp', 'ipip');
    case 'calico/vxlan':
      return between('vxlan-4789');
    case 'canal/vxlan':
      return between('vxlan-8472', 'canal-health');
    case 'cilium/vxlan':
      return between('vxlan-8472', 'cilium-health');
    case 'cilium/geneve':
      return between('geneve', 'cilium-health');
    case 'cilium/native':
      return between('cilium-health');
    default:
      // flannel host-gw needs no port (it needs one L2 segment); `none` installs nothing.
      return [];
  }
}
