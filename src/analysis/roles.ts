// Nodes by role. etcd runs stacked on the control plane unless some node has the etcd role
// (kubeadm's default, and k3s/RKE2 embedded etcd), so "the etcd members" depends on the whole plan.
import type { PlanNode } from '../model/types';

export type Role = 'control-plane' | 'etcd' | 'worker';

export const hasRole = (node: PlanNode, role: string): boolean => node.roles.some((r) => r.value === role);

/** Nodes with the role; for etcd with no node carrying it, the control plane (stacked etcd). */
export function nodesWithRole(nodes: readonly PlanNode[], role: string): PlanNode[] {
  const found = nodes.filter((n) => n.isMapping && hasRole(n, role));
  return found.length === 0 && role === 'etcd' ? nodesWithRole(nodes, 'control-plane') : found;
}
