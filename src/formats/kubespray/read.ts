// A kubespray inventory → its part of the plan: a node per host of a kubespray group, with the roles of
// its groups and the address kubespray gives it, the variables the inventory holds, and kubespray's own
// defaults (not kubeadm's or the CNI's) for what nothing sets. group_vars files are read as layers of
// their own (see index.ts); host_vars are not read yet.
import type { Role } from '../../domain/roles';
import { addressLiteral } from '../../model/literals';
import type { AddressEntry, CniPlugin, NodeInterface, PlanNode, PlanPart } from '../../model/types';
import type { Located } from '../../source/yaml-nodes';
import { Values } from '../located-values';
import { calicoEncapsulation, KUBESPRAY_DEFAULTS, kubesprayGroup } from './defaults';
import { membersOf, type Inventory, type InventoryHost, type Vars } from './inventory';
import { variablesPart } from './variables';

/** The inventory's own variables rank below every group_vars file (Ansible's variable precedence). */
export const INVENTORY_LAYER = 0;

export function readInventory(inventory: Inventory, tick: () => void): PlanPart {
  const values = new Values();
  const part = variablesPart(inventoryVars(inventory), values, inventory.anchor);
  const members = membersOf(inventory);
  const inGroup = (group: string) => members(group);
  const hasEtcdGroup = inventory.groups.has('etcd');
  for (const host of inventory.hosts.values()) {
    tick();
    const roles: Located<Role>[] = [];
    for (const group of inventory.groups.keys()) {
      const role = kubesprayGroup(group)?.role;
      const at = role && inGroup(group).get(host.name.value);
      if (role && at && !roles.some((r) => r.value === role)) roles.push({ value: role, span: at });
    }
    // Without an etcd group, kubespray runs etcd on the control plane.
    const cp = roles.find((r) => r.value === 'control-plane');
    if (!hasEtcdGroup && cp) roles.push({ value: 'etcd', span: cp.span });
    const inCluster = inGroup('k8s_cluster').has(host.name.value) || inGroup('k8s-cluster').has(host.name.value);
    if (roles.length === 0 && !inCluster) continue; // a bastion or another machine of the inventory
    part.nodes.push(nodeOf(host, roles, values, part.nodes.length));
  }
  part.nodesKeySpan = inventory.anchor;
  part.impliedDistribution = 'kubeadm';
  part.layer = INVENTORY_LAYER;
  part.problems = inventory.problems;
  part.defaults = {
    by: 'kubespray',
    pods: [String(KUBESPRAY_DEFAULTS.kube_pods_subnet.value)],
    services: [String(KUBESPRAY_DEFAULTS.kube_service_addresses.value)],
    plugin: KUBESPRAY_DEFAULTS.kube_network_plugin.value as CniPlugin,
    mode: calicoEncapsulation(String(KUBESPRAY_DEFAULTS.calico_ipip_mode.value), String(KUBESPRAY_DEFAULTS.calico_vxlan_mode.value))?.encapsulation,
    span: inventory.anchor,
  };
  return part;
}

/** The variables of the inventory's groups, `all` first and its descendants after, so that deeper groups win. */
function inventoryVars(inventory: Inventory): Vars {
  const out: Vars = new Map();
  for (const name of ['all', 'k8s_cluster', 'k8s-cluster']) for (const [k, v] of inventory.groups.get(name)?.vars ?? []) out.set(k, v);
  return out;
}

/**
 * kubespray's node address is `ip` (else `access_ip`); when neither is set it takes the address of the
 * host's default route, which is unknown here, and usually the `ansible_host` Ansible connects to.
 */
function nodeOf(host: InventoryHost, roles: Located<Role>[], values: Values, index: number): PlanNode {
  const node: PlanNode = { index, isMapping: true, span: host.name.span, name: host.name, roles, interfaces: [], routes: [], sysctls: [] };
  const iface: NodeInterface = { node, span: host.name.span, addresses: [], listedAddresses: 0 };
  const address = (key: string): AddressEntry | undefined => {
    const v = host.vars.get(key);
    if (!v) return undefined;
    iface.listedAddresses++;
    const lit = values.resolved({ ...v, value: String(v.value) });
    return lit && { ...addressLiteral(lit, { prefixKnown: false }), iface };
  };
  const v4 = address('ip') ?? address('access_ip');
  const v6 = address('ip6') ?? address('access_ip6');
  const connect = !v4 && !v6 ? address('ansible_host') : undefined;
  for (const a of [v4, v6, connect]) if (a?.ip) iface.addresses.push(a);
  if (iface.listedAddresses === 0) iface.addressUnknown = true;
  node.interfaces.push(iface);
  return node;
}
