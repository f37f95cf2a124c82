// What a network interface's name says about the packets that come in through it. The CNI plugins make
// bridges, tunnel ends and per-pod veths: they carry pods' packets (from local pods, and decapsulated from
// other nodes' pods). The loopback and the local virtual interfaces (Docker's bridge, kube-proxy's IPVS dummy,
// NodeLocal DNSCache) carry no packet another host sends to the node's address. Any other name is a
// physical or host-made interface the plan may list among a node's interfaces.

/** Interface names the CNI plugins use (flannel, Calico, Cilium, Weave, kube-router, Antrea, OVN-Kubernetes, the bridge plugin). */
const CNI_INTERFACE =
  /^(cni\d*|cbr\d*|flannel[.-]|flannel-wg|cali|vxlan[.-]calico|vxlan-v6[.-]calico|tunl\d|wireguard\.cali|cilium_|lxc|veth|weave|kube-bridge|genev_sys|antrea-|ovn-k8s)/;

const LOCAL_INTERFACE = /^(lo|docker\d+|kube-ipvs\d+|nodelocaldns|dummy\d*)$/;

export type InterfaceKind = 'local' | 'cni' | 'other';

/** A written interface name, with a trailing wildcard (`cali+`, `eth*`) taken as its prefix. */
export function interfaceKind(name: string): InterfaceKind {
  const bare = name.replace(/[+*]$/, '');
  if (CNI_INTERFACE.test(bare)) return 'cni';
  return LOCAL_INTERFACE.test(bare) ? 'local' : 'other';
}

/** Whether a written interface name (`eth0`, `eth+`, `enp*`) names an interface. */
export function interfaceMatches(written: string, name: string): boolean {
  return /[+*]$/.test(written) ? name.startsWith(written.slice(0, -1)) : written === name;
}
