// Defaults that apply when a plan leaves a network or the CNI unset (domain.md sections 3 and 4).
// Rules must check these like declared values: a default pod CIDR overlaps a LAN just as well.

export type Distribution = 'kubeadm' | 'k3s' | 'rke2' | 'talos';
export type CniPlugin = 'flannel' | 'calico' | 'canal' | 'cilium' | 'none';

export const DISTRIBUTIONS: readonly Distribution[] = ['kubeadm', 'k3s', 'rke2', 'talos'];

/** Modes per plugin, the first being the plugin's default. */
export const CNI_MODES: Record<CniPlugin, readonly string[]> = {
  flannel: ['vxlan', 'udp', 'wireguard', 'host-gw'],
  calico: ['bgp', 'vxlan', 'ipip'],
  canal: ['vxlan'],
  cilium: ['vxlan', 'geneve', 'native'],
  none: [],
};

/** The CNI a distribution installs when the plan names none (kubeadm installs none; Talos installs flannel). */
export const DEFAULT_CNI: Record<Distribution, CniPlugin> = { kubeadm: 'none', k3s: 'flannel', rke2: 'canal', talos: 'flannel' };

/**
 * k3s, RKE2 and Talos pass their cluster CIDR (Talos: `cluster.network.podSubnets`) to the CNI they
 * run; with kubeadm the pod CIDR is whatever the CNI's manifest defaults to. Cilium's cluster-pool
 * IPAM ignores the cluster CIDR, so its 10.0.0.0/8 applies on every distribution.
 */
export function defaultPodCidr(distribution: Distribution, cni: CniPlugin): { cidr: string; source: 'distribution' | 'cni' } | undefined {
  if (cni === 'cilium') return { cidr: '10.0.0.0/8', source: 'cni' };
  if (distribution === 'talos') return { cidr: '10.244.0.0/16', source: 'distribution' };
  if (distribution !== 'kubeadm') return { cidr: '10.42.0.0/16', source: 'distribution' };
  const byCni: Partial<Record<CniPlugin, string>> = { flannel: '10.244.0.0/16', canal: '10.244.0.0/16', calico: '192.168.0.0/16' };
  const cidr = byCni[cni];
  return cidr ? { cidr, source: 'cni' } : undefined;
}

export const DEFAULT_SERVICE_CIDR: Record<Distribution, string> = { kubeadm: '10.96.0.0/12', k3s: '10.43.0.0/16', rke2: '10.43.0.0/16', talos: '10.96.0.0/12' };

/** Per-node pod block when `nodeCidrMaskSize` is unset (kube-controller-manager defaults). */
export const DEFAULT_NODE_CIDR_MASK = { 4: 24, 6: 64 } as const;

/**
 * Distributions whose nodes balance over every server once joined (k3s's and RKE2's agent load balancer):
 * an endpoint that is one server's address is where nodes register, not a single point of failure.
 */
export const CLIENT_LOAD_BALANCED: readonly Distribution[] = ['k3s', 'rke2'];

/** The kubelet's --max-pods default (kubeadm, k3s, RKE2, Talos and kubespray alike). */
export const DEFAULT_MAX_PODS = 110;

/** kube-apiserver's --service-node-port-range default, the same on kubeadm, k3s and RKE2. */
export const DEFAULT_NODE_PORT_RANGE = [30000, 32767] as const;
