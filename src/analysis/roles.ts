// Nodes by role. etcd runs stacked on the control plane unless some node has the etcd role
// (kubeadm's default, and k3s/RKE2 embedded etcd), so "the etcd members" depends on the whole plan.
// Indexed once per node list: the firewall rules ask for roles many times.
import type { PlanNode } from '../model/types';

export type Role = 'control-plane' | 'etcd' | 'worker';

const indexes = new WeakMap<readonly PlanNode[], Map<string, PlanNode[]>>();

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
