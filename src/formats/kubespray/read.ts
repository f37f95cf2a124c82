// A kubespray inventory → its part of the plan: a node per host of a kubespray group, with the roles of
// its groups and the address kubespray gives it (from its variables in the inventory and its host_vars files),
// the variables the inventory holds, and kubespray's own defaults (not kubeadm's or the CNI's) for what nothing
// sets. group_vars files are read as layers of their own (see index.ts and vars-files.ts).
import type { Role } from '../../domain/roles';
import { addressLiteral } from '../../model/literals';
import type { CniPlugin, NodeInterface, PlanNode, PlanPart } from '../../model/types';
import type { Located } from '../../source/yaml-nodes';
import { isTemplate } from '../../values/template';
import { Values } from '../located-values';
import { calicoEncapsulation, KUBESPRAY_DEFAULTS, kubesprayGroup } from './defaults';
import { membersOf, type Inventory, type InventoryHost, type Vars } from './inventory';
import { variablesPart } from './variables';

/** The inventory's own variables rank below every group_vars file (Ansible's variable precedence). */
export const INVENTORY_LAYER = 0;

/** `hostVars`: what each host's host_vars files set (vars-files.ts), above the inventory's own host variables. */
export function readInventory(inventory: Inventory, tick: () => void, hostVars: ReadonlyMap<string, Vars> = new Map()): PlanPart {
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
    part.nodes.push(nodeOf(host, hostVars.get(host.name.value), roles, values, part.nodes.length));
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
 * host's default route, which is unknown here, and usually the `ansible_host` Ansible connects to. A
 * variable its host_vars files set beats the inventory's; a templated one there is counted by that file.
 */
function nodeOf(host: InventoryHost, files: Vars | undefined, roles: Located<Role>[], values: Values, index: number): PlanNode {
  const node: PlanNode = { index, isMapping: true, span: host.name.span, name: host.name, roles, interfaces: [], routes: [], sysctls: [] };
  const iface: NodeInterface = { node, span: host.name.span, addresses: [], listedAddresses: 0 };
  const set = (key: string) => files?.get(key) ?? host.vars.get(key);
  /** The first of the variables that is set; a templated one is listed (the node has it) but not judged. */
  const address = (...keys: string[]): void => {
    const key = keys.find(set);
    const v = key && set(key);
    if (!v) return;
    iface.listedAddresses++;
    const text = { ...v, value: String(v.value) };
    const lit = v === host.vars.get(key) ? values.resolved(text) : isTemplate(text.value) ? undefined : text;
    const entry = lit && addressLiteral(lit, { prefixKnown: false });
    if (entry?.ip) iface.addresses.push({ ...entry, iface });
  };
  address('ip', 'access_ip');
  address('ip6', 'access_ip6');
  if (iface.listedAddresses === 0) address('ansible_host');
  if (iface.listedAddresses === 0) iface.addressUnknown = true;
  node.interfaces.push(iface);
  return node;
}
