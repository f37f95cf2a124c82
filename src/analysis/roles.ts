// Node roles as the control-plane rules read them, and who the etcd members are.
import type { Located, Plan, PlanNode } from '../model/types';

export type Role = 'control-plane' | 'etcd' | 'worker';

/** The node's entry for a role in its `roles` list, where a finding about that role points. */
export const roleEntry = (node: PlanNode, role: Role): Located<string> | undefined => node.roles.find((r) => r.value === role);

export const hasRole = (node: PlanNode, role: Role): boolean => roleEntry(node, role) !== undefined;

export interface EtcdMembers {
  nodes: PlanNode[];
  /** Stacked (kubeadm's default, k3s and RKE2 embedded etcd): no node has the etcd role, the control-plane nodes run it. */
  stacked: boolean;
  /** The role that makes a node a member: `etcd`, or `control-plane` when stacked. */
  role: Role;
}

/** The nodes with the etcd role when any node has it, else the control-plane nodes (stacked etcd). */
export function etcdMembers(plan: Plan): EtcdMembers {
  const etcd = plan.nodes.filter((n) => hasRole(n, 'etcd'));
  if (etcd.length > 0) return { nodes: etcd, stacked: false, role: 'etcd' };
  return { nodes: plan.nodes.filter((n) => hasRole(n, 'control-plane')), stacked: true, role: 'control-plane' };
}
