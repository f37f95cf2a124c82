// Nodes by role, and who the etcd members are. etcd runs stacked on the control plane unless some
// node has the etcd role (kubeadm's default, and k3s/RKE2 embedded etcd), so "the etcd members"
// depends on the whole plan. Indexed once per node list: the firewall rules ask for roles many times.
import type { Role } from '../domain/roles';
import type { Located, Plan, PlanNode } from '../model/types';

export type { Role };

/** The node's entry for a role in its `roles` list, where a finding about that role points. */
export const roleEntry = (node: PlanNode, role: Role): Located<string> | undefined => node.roles.find((r) => r.value === role);

export const hasRole = (node: PlanNode, role: Role): boolean => roleEntry(node, role) !== undefined;

const indexes = new WeakMap<readonly PlanNode[], Map<string, PlanNode[]>>();

/** Role → nodes in plan order; the lists are shared, callers must not change them. */
function index(nodes: readonly PlanNode[]): Map<string, PlanNode[]> {
  let byRole = indexes.get(nodes);
  if (!byRole) {
    byRole = new Map();
    for (const node of nodes) {
      if (!node.isMapping) continue;
      for (const role of new Set(node.roles.map((r) => r.value))) {
        const list = byRole.get(role);
        if (list) list.push(node);
        else byRole.set(role, [node]);
      }
    }
    indexes.set(nodes, byRole);
  }
  return byRole;
}

/** Nodes with the role, in plan order; for etcd with no node carrying it, the control plane (stacked etcd). */
export function nodesWithRole(nodes: readonly PlanNode[], role: string): PlanNode[] {
  const byRole = index(nodes);
  return byRole.get(role) ?? (role === 'etcd' ? (byRole.get('control-plane') ?? []) : []);
}

export interface EtcdMembers {
  nodes: PlanNode[];
  /** Stacked (kubeadm's default, k3s and RKE2 embedded etcd): no node has the etcd role, the control-plane nodes run it. */
  stacked: boolean;
  /** The role that makes a node a member: `etcd`, or `control-plane` when stacked. */
  role: Role;
}

export function etcdMembers(plan: Plan): EtcdMembers {
  const stacked = !index(plan.nodes).has('etcd');
  return { nodes: nodesWithRole(plan.nodes, 'etcd'), stacked, role: stacked ? 'control-plane' : 'etcd' };
}
