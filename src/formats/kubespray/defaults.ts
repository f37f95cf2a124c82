// kubespray's own defaults for the network facts, as data with their provenance: what is in force when
// an inventory leaves a variable unset, and where kubespray sets it, so a finding can say "kubespray
// default (roles/kubespray_defaults/defaults/main/main.yml:256)". Read from kubernetes-sigs/kubespray at
// KUBESPRAY_SOURCE.commit; every `source` is `path:line` at that commit. These are kubespray's defaults,
// not the distribution's or the CNI's: kubespray's calico takes 10.233.64.0/18 and VXLAN, not calico's
// own 192.168.0.0/16 and BGP.
//
// History worth knowing when reading an older inventory: the role was `roles/kubespray-defaults/`
// (renamed to kubespray_defaults in 2025, v2.28); dual stack was `enable_dual_stack_networks` before
// `ipv4_stack`/`ipv6_stack` (v2.28.0, kubespray#11953), and the old name still feeds ipv6_stack's
// default; calico used IP-in-IP with BIRD before VXLAN became the default (v2.19.0, kubespray#8434).
import type { Role } from '../../domain/roles';

export const KUBESPRAY_SOURCE = {
  repository: 'kubernetes-sigs/kubespray',
  commit: '46dbdd3994b32640bcd806b0097f50e8fdf1d514',
  /** `git describe` of the commit. */
  describe: 'v2.31.0-96-g46dbdd399',
  date: '2026-08-21',
} as const;

/** The files the defaults come from, by their role in kubespray. */
export const KUBESPRAY_FILES = {
  defaults: 'roles/kubespray_defaults/defaults/main/main.yml',
  vars: 'roles/kubespray_defaults/vars/main/main.yml',
  calico: 'roles/network_plugin/calico_defaults/defaults/main.yml',
  calicoChecks: 'roles/network_plugin/calico/tasks/check.yml',
  flannel: 'roles/network_plugin/flannel/defaults/main.yml',
  cilium: 'roles/network_plugin/cilium/defaults/main.yml',
  node: 'roles/kubernetes/node/defaults/main.yml',
  controlPlane: 'roles/kubernetes/control-plane/defaults/main/main.yml',
  kubeletConfig: 'roles/kubernetes/node/templates/kubelet-config.v1beta1.yaml.j2',
  networkFacts: 'roles/network_facts/tasks/main.yaml',
  dynamicGroups: 'roles/dynamic_groups/tasks/main.yml',
  validateInventory: 'roles/validate_inventory/tasks/main.yml',
  sampleCluster: 'inventory/sample/group_vars/k8s_cluster/k8s-cluster.yml',
  sampleAll: 'inventory/sample/group_vars/all/all.yml',
} as const;

export type KubesprayValue = string | number | boolean;

export interface KubesprayDefault {
  variable: string;
  /**
   * The value in force when no inventory sets the variable. For a derived default, the value it
   * computes with every other default in force; undefined when that needs facts of the hosts.
   */
  value: KubesprayValue | undefined;
  /** `path:line` at KUBESPRAY_SOURCE.commit. */
  source: string;
  /** A default computed by Jinja from other variables: the expression as kubespray writes it, and the variables it reads. */
  derived?: { expression: string; reads: readonly string[] };
  /** The values kubespray accepts, when it checks them. */
  allowed?: readonly string[];
  /** Where `allowed` is checked. */
  allowedSource?: string;
  /** A value kubespray accepts with a warning, where it warns, and what follows from it. */
  warning?: { value: string; source: string; consequence: string };
  /** Where kubespray's sample inventory sets it too (what users copy into their group_vars). */
  sample?: string;
  note?: string;
}

const at = (file: keyof typeof KUBESPRAY_FILES, line: number) => `${KUBESPRAY_FILES[file]}:${line}`;

/** The Jinja of kube_service_subnets' first entry, as skydns_server and kube_apiserver_ip read it. */
const firstServiceAddress = (n: number) =>
  `{{ kube_service_subnets.split(',') | first | ansible.utils.ipaddr('net') | ansible.utils.ipaddr(${n}) | ansible.utils.ipaddr('address') }}`;

const table = <K extends string>(entries: Record<K, Omit<KubesprayDefault, 'variable'>>) =>
  Object.fromEntries(Object.entries<Omit<KubesprayDefault, 'variable'>>(entries).map(([variable, d]) => [variable, { variable, ...d }])) as Record<
    K,
    KubesprayDefault
  >;

export const KUBESPRAY_DEFAULTS = table({
  // Networks.
  kube_pods_subnet: { value: '10.233.64.0/18', source: at('defaults', 256), sample: at('sampleCluster', 94) },
  kube_service_addresses: { value: '10.233.0.0/18', source: at('defaults', 251), sample: at('sampleCluster', 89) },
  kube_network_node_prefix: {
    value: 24,
    source: at('defaults', 273),
    sample: at('sampleCluster', 111),
    note: 'the per-node pod block of kube-controller-manager; calico allocates its own IPAM blocks of calico_pool_blocksize instead, and kubespray skips its node-prefix checks for calico (validate_inventory:78,125)',
  },
  kube_pods_subnet_ipv6: { value: 'fd85:ee78:d8a6:8607::1:0000/112', source: at('defaults', 292), sample: at('sampleCluster', 122) },
  kube_service_addresses_ipv6: { value: 'fd85:ee78:d8a6:8607::1000/116', source: at('defaults', 286), sample: at('sampleCluster', 116) },
  kube_network_node_prefix_ipv6: { value: 120, source: at('defaults', 297), sample: at('sampleCluster', 127) },
  ipv4_stack: { value: true, source: at('defaults', 279) },
  ipv6_stack: {
    value: false,
    source: at('defaults', 281),
    derived: { expression: '{{ enable_dual_stack_networks | default(false) }}', reads: ['enable_dual_stack_networks'] },
    note: 'an IPv6 network is used only when ipv6_stack is true; ipv4_stack false and ipv6_stack true is IPv6-only',
  },
  enable_dual_stack_networks: {
    value: undefined,
    source: at('defaults', 276),
    note: 'deprecated (commented out in the defaults): the dual-stack switch before v2.28.0, still read by the default of ipv6_stack',
  },
  kube_service_subnets: {
    value: '10.233.0.0/18',
    source: at('vars', 29),
    derived: {
      expression:
        '{%- if ipv4_stack and ipv6_stack -%} {{ kube_service_addresses }},{{ kube_service_addresses_ipv6 }} {%- elif ipv4_stack -%} {{ kube_service_addresses }} {%- else -%} {{ kube_service_addresses_ipv6 }} {%- endif -%}',
      reads: ['ipv4_stack', 'ipv6_stack', 'kube_service_addresses', 'kube_service_addresses_ipv6'],
    },
    note: 'a role var (roles/.../vars), which inventory variables do not override',
  },
  kube_pods_subnets: {
    value: '10.233.64.0/18',
    source: at('vars', 39),
    derived: {
      expression:
        '{%- if ipv4_stack and ipv6_stack -%} {{ kube_pods_subnet }},{{ kube_pods_subnet_ipv6 }} {%- elif ipv4_stack -%} {{ kube_pods_subnet }} {%- else -%} {{ kube_pods_subnet_ipv6 }} {%- endif -%}',
      reads: ['ipv4_stack', 'ipv6_stack', 'kube_pods_subnet', 'kube_pods_subnet_ipv6'],
    },
    note: 'a role var (roles/.../vars), which inventory variables do not override',
  },
  kubelet_max_pods: { value: 110, source: at('node', 116) },
  kube_apiserver_node_port_range: {
    value: '30000-32767',
    source: at('controlPlane', 16),
    note: `also set, to the same value, in ${at('node', 112)}`,
  },

  // Cluster DNS.
  skydns_server: {
    value: '10.233.0.3',
    source: at('defaults', 156),
    derived: { expression: firstServiceAddress(3), reads: ['kube_service_subnets'] },
    sample: at('sampleCluster', 229),
    note: 'the CoreDNS Service IP: the 3rd address of the first service network. Pods resolve through nodelocaldns_ip instead while enable_nodelocaldns is true (the kubelet clusterDNS, kubelet-config.v1beta1.yaml.j2:51-61)',
  },
  skydns_server_secondary: {
    value: '10.233.0.4',
    source: at('defaults', 157),
    derived: { expression: firstServiceAddress(4), reads: ['kube_service_subnets'] },
    note: 'used with dns_mode coredns_dual',
  },
  dns_mode: {
    value: 'coredns',
    source: at('defaults', 132),
    allowed: ['coredns', 'coredns_dual', 'manual', 'none'],
    allowedSource: at('validateInventory', 166),
  },
  enable_nodelocaldns: { value: true, source: at('defaults', 142) },
  nodelocaldns_ip: { value: '169.254.25.10', source: at('defaults', 144), note: "the kubelet's clusterDNS while enable_nodelocaldns is true" },

  // API server.
  kube_apiserver_port: { value: 6443, source: at('defaults', 311), sample: at('sampleCluster', 131) },
  kube_apiserver_ip: {
    value: '10.233.0.1',
    source: at('defaults', 304),
    derived: { expression: firstServiceAddress(1), reads: ['kube_service_subnets'] },
    note: 'the kubernetes Service IP (1st address of the first service network)',
  },
  kube_apiserver_bind_address: { value: '::', source: at('defaults', 308) },
  loadbalancer_apiserver: {
    value: undefined,
    source: at('sampleAll', 15),
    note: 'unset by default; an external load balancer is {address: <IP or name>, port: <number>} (sample, commented out: all.yml:15-17), its port defaulting to kube_apiserver_port (defaults:675)',
  },
  loadbalancer_apiserver_localhost: {
    value: true,
    source: at('defaults', 669),
    derived: { expression: '{{ loadbalancer_apiserver is not defined }}', reads: ['loadbalancer_apiserver'] },
    note: 'nodes reach the API through a local nginx/haproxy on localhost:loadbalancer_apiserver_port (default kube_apiserver_port) when no external load balancer is set',
  },
  apiserver_loadbalancer_domain_name: {
    value: 'localhost',
    source: at('defaults', 672),
    derived: {
      expression: "{{ 'localhost' if loadbalancer_apiserver_localhost else (loadbalancer_apiserver.address | d(undef())) }}",
      reads: ['loadbalancer_apiserver_localhost', 'loadbalancer_apiserver'],
    },
  },
  kube_proxy_mode: {
    value: 'ipvs',
    source: at('defaults', 34),
    sample: at('sampleCluster', 136),
    allowed: ['iptables', 'ipvs', 'nftables'],
    allowedSource: at('validateInventory', 167),
  },

  // CNI.
  kube_network_plugin: {
    value: 'calico',
    source: at('defaults', 216),
    sample: at('sampleCluster', 83),
    allowed: ['calico', 'flannel', 'cloud', 'cilium', 'cni', 'kube-ovn', 'kube-router', 'macvlan', 'custom_cni', 'none'],
    allowedSource: at('validateInventory', 165),
    warning: {
      value: 'none',
      source: at('validateInventory', 35),
      consequence: 'kubespray skips the network plugin, so the nodes stay NotReady and pods get no network until you install a CNI yourself',
    },
  },
  calico_network_backend: {
    value: 'vxlan',
    source: at('calico', 28),
    allowed: ['bird', 'vxlan', 'none'],
    allowedSource: at('calicoChecks', 109),
    note: "how routes are distributed: bird runs BGP (required for IP-in-IP and for no encapsulation), vxlan none (felix programs VXLAN routes), none is policy only. The encapsulation itself is the IP pool's, set by calico_ipip_mode / calico_vxlan_mode",
  },
  calico_ipip_mode: {
    value: 'Never',
    source: at('calico', 14),
    allowed: ['Always', 'CrossSubnet', 'Never'],
    allowedSource: at('calicoChecks', 119),
    note: 'the IPv4 pool ipipMode; IP-in-IP and VXLAN are mutually exclusive (calico check.yml:123-141)',
  },
  calico_vxlan_mode: {
    value: 'Always',
    source: at('calico', 15),
    allowed: ['Always', 'CrossSubnet', 'Never'],
    allowedSource: at('calicoChecks', 120),
    note: 'the IPv4 pool vxlanMode',
  },
  calico_ipip_mode_ipv6: { value: 'Never', source: at('calico', 21), note: 'must stay Never: calico has no IP-in-IP for IPv6 (check.yml:229-236)' },
  calico_vxlan_mode_ipv6: { value: 'Always', source: at('calico', 22) },
  calico_vxlan_port: { value: 4789, source: at('calico', 70) },
  calico_pool_blocksize: { value: 26, source: at('calico', 18), note: 'calico IPAM block per node (IPv4)' },
  calico_pool_blocksize_ipv6: { value: 122, source: at('calico', 25) },
  calico_bgp_listen_port: { value: 179, source: at('calico', 148) },
  flannel_backend_type: {
    value: 'vxlan',
    source: at('flannel', 19),
    allowed: ['vxlan', 'host-gw', 'wireguard'],
    allowedSource: 'inventory/sample/group_vars/k8s_cluster/k8s-net-flannel.yml:13',
  },
  flannel_vxlan_port: { value: 8472, source: at('flannel', 21) },
  cilium_tunnel_mode: {
    value: 'vxlan',
    source: at('cilium', 30),
    allowed: ['vxlan', 'geneve'],
    note: "written to Cilium's Helm value tunnelProtocol (roles/network_plugin/cilium/templates/values.yaml.j2:28); kubespray sets no routingMode, so Cilium tunnels unless cilium_extra_values sets native routing",
  },
} as const);

export type KubesprayVariable = keyof typeof KUBESPRAY_DEFAULTS;

/**
 * The variables kubespray's validate_inventory asserts are one of their `allowed` values before it installs anything,
 * whatever else the inventory sets (the plugins' own checks, such as calico's, run only with that plugin).
 */
export const KUBESPRAY_CHOICES: readonly KubesprayDefault[] = Object.values<KubesprayDefault>(KUBESPRAY_DEFAULTS).filter((d) =>
  d.allowedSource?.startsWith(`${KUBESPRAY_FILES.validateInventory}:`),
);

/** The default of a variable, when this catalog has it. */
export const kubesprayDefault = (variable: string): KubesprayDefault | undefined =>
  Object.hasOwn(KUBESPRAY_DEFAULTS, variable) ? KUBESPRAY_DEFAULTS[variable as KubesprayVariable] : undefined;

/** How kubespray finds a node's addresses: none of them is `ansible_host`, the address Ansible connects to. */
export const KUBESPRAY_NODE_ADDRESSES = {
  /** The node's IPv4 address: `ip`, else the address of the interface of the default route (a fact of the running host). */
  ip: { expression: "{{ ip | default(ansible_default_ipv4.address | d('127.0.0.1')) }}", source: `${KUBESPRAY_FILES.networkFacts}:15` },
  /** The address other nodes reach it by (NAT, public clouds): `access_ip`, else the one above. */
  access_ip: { expression: '{{ access_ip | default(_ipv4) }}', source: `${KUBESPRAY_FILES.networkFacts}:16` },
  ip6: { expression: "{{ ip6 | default(ansible_default_ipv6.address | d('::1')) }}", source: `${KUBESPRAY_FILES.networkFacts}:17` },
  access_ip6: { expression: '{{ access_ip6 | default(_ipv6) }}', source: `${KUBESPRAY_FILES.networkFacts}:18` },
} as const;

/** An inventory group kubespray reads, and the role its hosts get. */
export interface KubesprayGroup {
  name: string;
  /** The node role its members have; undefined for a group that is not one role. */
  role: Role | undefined;
  /** For an old name: the current name kubespray maps it to (dynamic_groups). */
  aliasOf?: string;
  source: string;
  note?: string;
}

/** The groups kubespray knows, current names first, then the old names it still maps. */
export const KUBESPRAY_GROUPS: readonly KubesprayGroup[] = [
  { name: 'kube_control_plane', role: 'control-plane', source: 'playbooks/cluster.yml:35' },
  { name: 'kube_node', role: 'worker', source: 'playbooks/cluster.yml:26' },
  {
    name: 'etcd',
    role: 'etcd',
    source: 'playbooks/install_etcd.yml:18',
    note: `the control plane when there is no etcd group (${at('defaults', 698)}, ${at('validateInventory', 61)}); the sample makes it [etcd:children] kube_control_plane (stacked)`,
  },
  {
    name: 'k8s_cluster',
    role: undefined,
    source: `${KUBESPRAY_FILES.dynamicGroups}:13`,
    note: 'every Kubernetes node: kubespray adds the members of kube_node, kube_control_plane and calico_rr to it',
  },
  {
    name: 'calico_rr',
    role: undefined,
    source: 'playbooks/cluster.yml:59',
    note: 'calico route reflectors; they must be in k8s_cluster (calico check.yml:87-95)',
  },
  { name: 'bastion', role: undefined, source: 'playbooks/boilerplate.yml:18', note: 'an SSH jump host, not a node' },
  { name: 'kube-master', role: 'control-plane', aliasOf: 'kube_control_plane', source: `${KUBESPRAY_FILES.dynamicGroups}:6` },
  { name: 'kube-node', role: 'worker', aliasOf: 'kube_node', source: `${KUBESPRAY_FILES.dynamicGroups}:8` },
  { name: 'calico-rr', role: undefined, aliasOf: 'calico_rr', source: `${KUBESPRAY_FILES.dynamicGroups}:10` },
  {
    name: 'k8s-cluster',
    role: undefined,
    aliasOf: 'k8s_cluster',
    source: 'playbooks/boilerplate.yml before kubespray 7580e59b (v2.27.0)',
    note: 'the old names (with "-") were replaced in v2.16.0 (kubespray#7552); k8s-cluster was mapped to k8s_cluster until v2.27.0, which defines k8s_cluster from its members instead',
  },
];

/** The group of this name kubespray knows, current or old. */
export const kubesprayGroup = (name: string): KubesprayGroup | undefined => KUBESPRAY_GROUPS.find((g) => g.name === name);

export type CalicoEncapsulation = 'vxlan' | 'ipip' | 'none';

/**
 * What crosses the wire between nodes for calico's pool modes (`Always` or `CrossSubnet` for one of
 * them, `Never` for both): VXLAN (UDP calico_vxlan_port), IP-in-IP (IP protocol 4, needs BGP: bird),
 * or none (native routes, BGP with bird). `CrossSubnet` encapsulates only between subnets. Undefined
 * for combinations kubespray refuses (both enabled, check.yml:123-141).
 */
export const calicoEncapsulation = (ipipMode: string, vxlanMode: string): { encapsulation: CalicoEncapsulation; crossSubnetOnly: boolean } | undefined => {
  const ipip = ipipMode !== 'Never';
  const vxlan = vxlanMode !== 'Never';
  if (ipip && vxlan) return undefined;
  if (ipip) return { encapsulation: 'ipip', crossSubnetOnly: ipipMode === 'CrossSubnet' };
  if (vxlan) return { encapsulation: 'vxlan', crossSubnetOnly: vxlanMode === 'CrossSubnet' };
  return { encapsulation: 'none', crossSubnetOnly: false };
};
