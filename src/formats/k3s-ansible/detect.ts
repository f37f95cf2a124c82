// Which documents are k3s-ansible inventories: an Ansible YAML inventory with k3s-ansible's `server` group
// (or the group its `server_group` variable names) under a `k3s_cluster` group, or anywhere in the group
// tree beside k3s-ansible's own variables (`k3s_version`, `extra_server_args`, `server_config_yaml`, …).
// A kubespray inventory (its kube_control_plane / kube_node / k8s_cluster groups) is never one.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../../source/parse';

/** Variables only k3s-ansible's roles read (roles/k3s_server, roles/k3s_agent, roles/prereq). */
const K3S_ANSIBLE_VARS = ['k3s_version', 'extra_server_args', 'extra_agent_args', 'server_config_yaml', 'agent_config_yaml'];
/** kubespray's groups: an inventory with one of them is kubespray's. */
const KUBESPRAY_GROUPS = new Set(['kube_control_plane', 'kube-master', 'kube_node', 'kube-node', 'k8s_cluster', 'k8s-cluster']);
/** Inventories nest groups a few levels deep. */
const MAX_DEPTH = 8;

interface Found {
  groups: Set<string>;
  /** Groups that are children of `k3s_cluster`. */
  clusterChildren: Set<string>;
  vars: Set<string>;
  serverGroup?: string;
}

export function isK3sAnsibleInventory({ doc }: ParsedDocument): boolean {
  const root = doc.contents;
  if (!isMap(root) || root.items.length === 0) return false;
  const found: Found = { groups: new Set(), clusterChildren: new Set(), vars: new Set() };
  for (const p of root.items) {
    if (!isScalar(p.key) || !isGroup(p.value)) return false;
    walk(String(p.key.value), p.value, found, 0);
  }
  if ([...found.groups].some((g) => KUBESPRAY_GROUPS.has(g))) return false;
  const server = found.serverGroup ?? 'server';
  return found.clusterChildren.has(server) || (found.groups.has(server) && K3S_ANSIBLE_VARS.some((v) => found.vars.has(v)));
}

/** An inventory group: a mapping (of `hosts`, `children` and `vars`), or nothing. */
const isGroup = (n: unknown): n is YAMLMap | null => n === null || isMap(n);

function walk(name: string, group: Node | null, found: Found, depth: number): void {
  found.groups.add(name);
  if (!isMap(group) || depth > MAX_DEPTH) return;
  const vars = group.get('vars', true);
  if (isMap(vars)) {
    for (const p of vars.items) if (isScalar(p.key)) found.vars.add(String(p.key.value));
    const serverGroup = vars.get('server_group', true);
    if (isScalar(serverGroup) && typeof serverGroup.value === 'string') found.serverGroup = serverGroup.value;
  }
  const children = group.get('children', true);
  if (!isMap(children)) return;
  for (const p of children.items) {
    if (!isScalar(p.key)) continue;
    const child = String(p.key.value);
    if (name === 'k3s_cluster') found.clusterChildren.add(child);
    walk(child, p.value as Node | null, found, depth + 1);
  }
}

const CLUSTER_LINE = /^[ \t]*k3s_cluster[ \t]*:/m;
const SERVER_LINE = /^[ \t]+server[ \t]*:/m;
const VAR_LINE = /^[ \t]+(?:k3s_version|extra_server_args|server_config_yaml)[ \t]*:/m;

/** Whether a text too large or too broken to parse may be one: a server group with k3s_cluster or k3s-ansible's variables. */
export const looksLikeK3sAnsible = (text: string): boolean => SERVER_LINE.test(text) && (CLUSTER_LINE.test(text) || VAR_LINE.test(text));
