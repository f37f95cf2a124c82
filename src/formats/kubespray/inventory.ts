// An Ansible inventory as kubespray reads it, from either syntax: groups (with their children, hosts
// and variables) and hosts (with their variables), every name and value located in its file. The YAML
// inventory (hosts.yaml) and the INI one (inventory.ini) both become this, and one mapping reads it.
import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { Span } from '../../core/types';
import { spanOf, type Located, type YamlReader } from '../../source/yaml-nodes';
import type { IniInventory } from './ansible-ini';

export type VarValue = string | number | boolean;
export type Vars = Map<string, Located<VarValue>>;

export interface InventoryHost {
  /** Located where it is first listed. */
  name: Located<string>;
  vars: Vars;
}

export interface InventoryGroup {
  name: string;
  span: Span;
  /** Its hosts, each at the place that lists it in this group. */
  hosts: Located<string>[];
  children: Located<string>[];
  vars: Vars;
}

export interface Inventory {
  /** Where findings about the inventory as a whole point: its first group. */
  anchor: Span;
  hosts: Map<string, InventoryHost>;
  groups: Map<string, InventoryGroup>;
  /** Lines that do not parse (INI). */
  problems: { span: Span; message: string }[];
}

/** Inventories nest groups a few levels deep; deeper is hostile input, not an inventory. */
const MAX_DEPTH = 32;

export function inventoryOfIni(ini: IniInventory, anchor: Span): Inventory {
  const groups = new Map<string, InventoryGroup>();
  for (const g of ini.groups.values()) {
    const vars: Vars = new Map(g.vars.map((v) => [v.key.value, v.value]));
    groups.set(g.name, { name: g.name, span: g.sections[0]?.span ?? anchor, hosts: g.hosts.map((e) => e.name), children: g.children, vars });
  }
  const hosts = new Map<string, InventoryHost>();
  for (const h of ini.hosts) {
    const vars: Vars = new Map();
    for (const entry of h.entries) for (const v of entry.vars) vars.set(v.key.value, v.value);
    hosts.set(h.name.value, { name: h.name, vars });
  }
  return { anchor, hosts, groups, problems: ini.problems.map(({ span, message }) => ({ span, message })) };
}

/** `all:` with `hosts`, `children` and `vars` at every level, as `ansible-inventory` reads YAML. */
export function inventoryOfYaml(document: Pick<Document.Parsed, 'contents'>, reader: YamlReader): Inventory {
  const inventory: Inventory = { anchor: spanOf(document.contents), hosts: new Map(), groups: new Map(), problems: [] };
  const root = reader.map(document.contents);
  for (const pair of root?.items ?? []) {
    if (isScalar(pair.key)) readGroup(inventory, reader, String(pair.key.value), spanOf(pair.key), pair.value as Node | null, 0);
  }
  const first = root?.items[0]?.key;
  if (first) inventory.anchor = spanOf(first);
  return inventory;
}

function readGroup(inventory: Inventory, r: YamlReader, name: string, span: Span, node: Node | null, depth: number): void {
  if (depth > MAX_DEPTH) return;
  let group = inventory.groups.get(name);
  if (!group) {
    group = { name, span, hosts: [], children: [], vars: new Map() };
    inventory.groups.set(name, group);
  }
  const [n, rg] = r.enter(node);
  const m = rg.map(n);
  const [hosts, rh] = rg.child(m, 'hosts');
  for (const pair of rh.map(hosts)?.items ?? []) {
    if (!isScalar(pair.key)) continue;
    const hostName: Located<string> = { value: String(pair.key.value), span: rh.spanOf(pair.key) };
    group.hosts.push(hostName);
    let host = inventory.hosts.get(hostName.value);
    if (!host) {
      host = { name: hostName, vars: new Map() };
      inventory.hosts.set(hostName.value, host);
    }
    readVars(rh, pair.value, host.vars);
  }
  const [vars, rv] = rg.child(m, 'vars');
  readVars(rv, vars, group.vars);
  const [children, rc] = rg.child(m, 'children');
  for (const pair of rc.map(children)?.items ?? []) {
    if (!isScalar(pair.key)) continue;
    const child: Located<string> = { value: String(pair.key.value), span: rc.spanOf(pair.key) };
    group.children.push(child);
    readGroup(inventory, rc, child.value, child.span, pair.value as Node | null, depth + 1);
  }
}

/**
 * A mapping's scalar values, by key (later ones win, as in Ansible); a mapping value's own scalars as
 * `key.sub` (`loadbalancer_apiserver.address`).
 */
export function readVars(r: YamlReader, node: unknown, into: Vars, prefix = ''): void {
  const [n, rv] = r.enter(node);
  if (!isMap(n)) return;
  for (const pair of n.items) {
    if (!isScalar(pair.key)) continue;
    const key = `${prefix}${String(pair.key.value)}`;
    const [v, rvv] = rv.enter(pair.value);
    if (isMap(v) && prefix === '') readVars(rv, pair.value, into, `${key}.`);
    if (!isScalar(v)) continue;
    const value = v.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      into.set(key, { value, span: rvv.spanOf(v), keySpan: rv.spanOf(pair.key) });
    }
  }
}

/** Each group's hosts, through its children, each at the place that puts it in the group; cycles are cut. */
export function membersOf(inventory: Inventory): (group: string) => Map<string, Span> {
  const memo = new Map<string, Map<string, Span>>();
  const visit = (name: string, seen: Set<string>): Map<string, Span> => {
    const known = memo.get(name);
    if (known) return known;
    const out = new Map<string, Span>();
    const group = inventory.groups.get(name);
    if (!group || seen.has(name)) return out;
    seen.add(name);
    for (const h of group.hosts) if (!out.has(h.value)) out.set(h.value, h.span);
    for (const child of group.children) for (const host of visit(child.value, seen).keys()) if (!out.has(host)) out.set(host, child.span);
    seen.delete(name);
    memo.set(name, out);
    return out;
  };
  return (name) => visit(name, new Set());
}
