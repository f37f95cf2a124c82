// What listens where (domain.md sections 2 to 4): every port and protocol a Kubernetes component,
// a distribution or a CNI uses. Required flows, exposure rules and hovers read this one table.
import type { CniPlugin, Distribution } from './network-defaults';

export type Proto = 'tcp' | 'udp' | number;

export interface ComponentPort {
  /** Stable key, referenced by the required-flow catalog. */
  id: string;
  protocol: Proto;
  /** First and last port; absent for a protocol without ports (IP-in-IP). */
  ports?: readonly [number, number];
  component: string;
  /** Meant for the node itself: never needed from other hosts. */
  local?: boolean;
  /** Carries pod traffic between nodes (encapsulation or routing): never from the internet. */
  overlay?: boolean;
  /** The distributions that run it; absent: every distribution. */
  distributions?: readonly Distribution[];
  /** The CNI plugins that use it; absent: not a CNI port. */
  cni?: readonly CniPlugin[];
}

const port = (p: number) => [p, p] as const;

export const COMPONENT_PORTS: readonly ComponentPort[] = [
  { id: 'apiserver', protocol: 'tcp', ports: port(6443), component: 'kube-apiserver' },
  { id: 'etcd-client', protocol: 'tcp', ports: port(2379), component: 'etcd client API' },
  { id: 'etcd-peer', protocol: 'tcp', ports: port(2380), component: 'etcd peer API' },
  { id: 'etcd-metrics', protocol: 'tcp', ports: port(2381), component: 'etcd metrics', local: true },
  { id: 'kubelet', protocol: 'tcp', ports: port(10250), component: 'kubelet API' },
  { id: 'kubelet-readonly', protocol: 'tcp', ports: port(10255), component: 'kubelet read-only API (no authentication)' },
  { id: 'kubelet-healthz', protocol: 'tcp', ports: port(10248), component: 'kubelet health check', local: true },
  { id: 'kube-proxy-metrics', protocol: 'tcp', ports: port(10249), component: 'kube-proxy metrics', local: true },
  { id: 'kube-proxy-healthz', protocol: 'tcp', ports: port(10256), component: 'kube-proxy health check', local: true },
  { id: 'controller-manager', protocol: 'tcp', ports: port(10257), component: 'kube-controller-manager' },
  { id: 'scheduler', protocol: 'tcp', ports: port(10259), component: 'kube-scheduler' },
  {
    id: 'apiserver-local',
    protocol: 'tcp',
    ports: port(6444),
    component: 'k3s/RKE2 local API server (behind the supervisor)',
    local: true,
    distributions: ['k3s', 'rke2'],
  },
  { id: 'rke2-supervisor', protocol: 'tcp', ports: port(9345), component: 'RKE2 supervisor (node registration)', distributions: ['rke2'] },
  { id: 'k3s-registry', protocol: 'tcp', ports: port(5001), component: 'k3s embedded registry (Spegel)', distributions: ['k3s', 'rke2'] },
  { id: 'talos-apid', protocol: 'tcp', ports: port(50000), component: 'Talos API (apid, talosctl)', distributions: ['talos'] },
  { id: 'talos-trustd', protocol: 'tcp', ports: port(50001), component: 'Talos trustd (certificates for joining nodes)', distributions: ['talos'] },
  { id: 'kubespan', protocol: 'udp', ports: port(51820), component: 'Talos KubeSpan (WireGuard mesh)', overlay: true, distributions: ['talos'] },
  {
    id: 'vxlan-8472',
    protocol: 'udp',
    ports: port(8472),
    component: 'VXLAN overlay (flannel, canal, cilium)',
    overlay: true,
    cni: ['flannel', 'canal', 'cilium'],
  },
  { id: 'vxlan-4789', protocol: 'udp', ports: port(4789), component: 'VXLAN overlay (calico, RKE2 flannel)', overlay: true, cni: ['calico', 'flannel'] },
  { id: 'flannel-udp', protocol: 'udp', ports: port(8285), component: 'flannel UDP backend', overlay: true, cni: ['flannel'] },
  { id: 'wireguard-v4', protocol: 'udp', ports: port(51820), component: 'flannel WireGuard (IPv4)', overlay: true, cni: ['flannel'] },
  { id: 'wireguard-v6', protocol: 'udp', ports: port(51821), component: 'flannel WireGuard (IPv6)', overlay: true, cni: ['flannel'] },
  { id: 'cilium-wireguard', protocol: 'udp', ports: port(51871), component: 'Cilium WireGuard', overlay: true, cni: ['cilium'] },
  { id: 'geneve', protocol: 'udp', ports: port(6081), component: 'Geneve overlay (cilium)', overlay: true, cni: ['cilium'] },
  { id: 'bgp', protocol: 'tcp', ports: port(179), component: 'BGP (calico)', overlay: true, cni: ['calico'] },
  { id: 'ipip', protocol: 4, component: 'IP-in-IP encapsulation (calico)', overlay: true, cni: ['calico'] },
  { id: 'cilium-health', protocol: 'tcp', ports: port(4240), component: 'Cilium health checks', cni: ['cilium'] },
  { id: 'canal-health', protocol: 'tcp', ports: port(9099), component: 'Canal (felix) health checks', cni: ['canal'] },
  { id: 'calico-typha', protocol: 'tcp', ports: port(5473), component: 'Calico Typha', cni: ['calico'] },
];

export const componentPort = (id: string): ComponentPort => {
  const found = COMPONENT_PORTS.find((p) => p.id === id);
  if (!found) throw new Error(`unknown component port ${id}`);
  return found;
};

/**
 * Ports components served in older releases and serve no more: firewall rules copied from old install guides
 * still open them. `lastServedIn`: the last Kubernetes minor release that served it; `successor`: the
 * COMPONENT_PORTS id of the port the component serves instead.
 */
export interface RetiredPort {
  protocol: Proto;
  ports: readonly [number, number];
  component: string;
  lastServedIn: string;
  successor: string;
}

export const RETIRED_PORTS: readonly RetiredPort[] = [
  // Insecure serving turned off in 1.22 (kubernetes/kubernetes#96216).
  { protocol: 'tcp', ports: port(10252), component: "kube-controller-manager's insecure HTTP port", lastServedIn: '1.21', successor: 'controller-manager' },
  // Insecure serving turned off in 1.23 (kubernetes/kubernetes#96345).
  { protocol: 'tcp', ports: port(10251), component: "kube-scheduler's insecure HTTP port", lastServedIn: '1.22', successor: 'scheduler' },
];
