// kubespray's network variables → the plan: the pod and service subnets (the IPv6 twins only in a
// dual-stack cluster), the node prefixes, the network plugin and its encapsulation, the API endpoint,
// kubelet_max_pods, the NodePort range and the cluster DNS address. Used for the variables an inventory
// holds and for each group_vars file; the engine layers them by Ansible's precedence.
import type { Span } from '../../core/types';
import { addressLiteral, endpointLiteral, networkEntry, portItem } from '../../model/literals';
import type { NetworkEntry, Networks, PlanPart } from '../../model/types';
import type { Located } from '../../source/yaml-nodes';
import type { Values } from '../located-values';
import { calicoEncapsulation, kubesprayDefault } from './defaults';
import type { VarValue, Vars } from './inventory';

/** Ansible reads YAML 1.1 and Python literals: `yes`, `on`, `True` are true. */
const truthy = (v: VarValue | undefined): boolean => v === true || (typeof v === 'string' && /^(yes|y|true|on)$/i.test(v));

/** The plugins kube-netlint knows ports of; kubespray's others (kube-ovn, kube-router, macvlan, custom_cni) are checked as none. */
const KNOWN_PLUGINS = new Set(['calico', 'flannel', 'cilium', 'none']);

/** What one set of variables says: an inventory's, or one group_vars file's. */
export function variablesPart(vars: Vars, values: Values, anchorSpan: Span): PlanPart {
  const text = (key: string): Located<string> | undefined => {
    const v = vars.get(key);
    return v === undefined ? undefined : values.resolved({ ...v, value: String(v.value) });
  };
  const number = (key: string): Located<number> | undefined => {
    const v = text(key);
    return v && /^\d+$/.test(v.value) ? { ...v, value: Number(v.value) } : undefined;
  };
  const dualStack = truthy(vars.get('ipv6_stack')?.value) || truthy(vars.get('enable_dual_stack_networks')?.value);
  const networks: Networks = { lists: {}, keySpans: {}, entries: [] };
  for (const [kind, key] of [
    ['pods', 'kube_pods_subnet'],
    ['services', 'kube_service_addresses'],
  ] as const) {
    const entries: NetworkEntry[] = [];
    const v4 = text(key);
    if (v4) entries.push(networkEntry(kind, v4));
    const v6 = dualStack ? text(`${key}_ipv6`) : undefined;
    if (v6) entries.push(networkEntry(kind, v6));
    const keyAt = vars.get(key) ?? (dualStack ? vars.get(`${key}_ipv6`) : undefined);
    if (keyAt) {
      networks.lists[kind] = entries;
      networks.keySpans[kind] = keyAt.keySpan ?? keyAt.span;
      networks.entries.push(...entries);
    }
  }
  networks.nodeCidrMaskSize = number('kube_network_node_prefix');
  if (dualStack) networks.nodeCidrMaskSizeIPv6 = number('kube_network_node_prefix_ipv6');
  networks.maxPods = number('kubelet_max_pods');
  networks.nodePortRange = portItem(text('kube_apiserver_node_port_range'));
  const dns = text('skydns_server');
  if (dns) networks.clusterDNS = addressLiteral(dns);
  const plugin = text('kube_network_plugin');
  return {
    anchorSpan,
    pluginAt: plugin && { ...plugin, value: KNOWN_PLUGINS.has(plugin.value) ? plugin.value : 'none' },
    modeAt: pluginMode(text),
    controlPlaneEndpoint: endpointLiteral(endpointOf(text)),
    networks,
    nodes: [],
    firewalls: [],
    services: [],
    unresolved: values.unresolved,
  };
}

/**
 * The mode of whichever plugin sets one here: calico's from its IP-in-IP and VXLAN pool modes (the other
 * at kubespray's default), flannel's backend, cilium's tunnel.
 */
function pluginMode(text: (key: string) => Located<string> | undefined): Located<string> | undefined {
  const ipip = text('calico_ipip_mode');
  const vxlan = text('calico_vxlan_mode');
  if (ipip || vxlan) {
    const fallback = (key: string) => String(kubesprayDefault(key)?.value);
    const found = calicoEncapsulation(ipip?.value ?? fallback('calico_ipip_mode'), vxlan?.value ?? fallback('calico_vxlan_mode'));
    const at = (vxlan ?? ipip)!;
    if (found) return { ...at, value: found.encapsulation === 'none' ? 'bgp' : found.encapsulation };
  }
  const flannel = text('flannel_backend_type');
  if (flannel) return flannel;
  const cilium = text('cilium_tunnel_mode');
  if (cilium) return { ...cilium, value: cilium.value === 'disabled' ? 'native' : cilium.value };
  return undefined;
}

/** `loadbalancer_apiserver: {address, port}` (an external load balancer), else nothing: kubespray's nodes use a local proxy. */
function endpointOf(text: (key: string) => Located<string> | undefined): Located<string> | undefined {
  const address = text('loadbalancer_apiserver.address');
  if (!address) return undefined;
  const port = text('loadbalancer_apiserver.port') ?? text('kube_apiserver_port');
  return { value: port ? `${address.value}:${port.value}` : address.value, span: address.span, keySpan: address.keySpan };
}
