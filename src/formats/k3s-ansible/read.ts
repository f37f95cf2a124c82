// A k3s-ansible inventory → its part of the plan (docs/formats/k3s-ansible.md). The hosts of the `server`
// group are k3s servers (control plane; embedded etcd members when there are several, as k3s-ansible then
// runs `cluster-init` on the first and joins the others to it), those of `agent` are workers. Each host's
// variables are Ansible's (the `all` group's, then deeper groups', then the host's own): its k3s flags come
// from `extra_server_args` / `extra_agent_args` (command-line flags, which beat the config file) and
// `server_config_yaml` / `agent_config_yaml` (config.yaml as a string), read with the rancher format's flag
// mapping. The cluster's settings are the first server's (the one that initialises the cluster).
import { isScalar, type Document } from 'yaml';
import type { Span } from '../../core/types';
import type { Role } from '../../domain/roles';
import { addressLiteral, endpointLiteral } from '../../model/literals';
import type { AddressEntry, Located, NodeInterface, PlanNode, PlanPart } from '../../model/types';
import { commaParts, YamlReader } from '../../source/yaml-nodes';
import { isTemplate } from '../../values/template';
import { inventoryOfYaml, membersOf, type Inventory, type InventoryHost, type Vars, type VarValue } from '../kubespray/inventory';
import { Values } from '../located-values';
import { defaultsOf, Flag, flannelBackend, readAddresses, readNetworks } from '../rancher/read';
import { argsFlag, parseArgs, type Args } from './cli-args';
import { nestedYaml, type NestedYaml, type Problem } from './nested-yaml';
import { scalarText, type OuterText } from './scalar-text';

/** YAML 1.1 booleans, as Ansible and k3s read them: `yes`, `on`, `True` are true. */
const TRUE = /^(?:true|yes|on|y)$/i;
const truthy = (v: VarValue | null | undefined): boolean => v === true || (typeof v === 'string' && TRUE.test(v));

/** The group names k3s-ansible's roles default to (roles/*\/defaults/main.yml: server_group, agent_group). */
const SERVER_GROUP = 'server';
const AGENT_GROUP = 'agent';

/** A host's k3s flags: each as a Flag, and whether a boolean one is set (`--cluster-init`, `cluster-init: yes`). */
interface Flags {
  flag: (name: string) => Flag;
  isTrue: (name: string) => boolean;
}

export function readK3sAnsible(document: Document.Parsed, outer: OuterText | undefined, tick: () => void): PlanPart {
  const inventory = inventoryOfYaml(document, new YamlReader(document));
  const values = new Values();
  const problems: Problem[] = [];
  const groups = groupsOf(inventory);
  const anchor = inventory.anchor;

  const sources = new Sources(outer, values, problems);
  const topVars = groups.varsOf([]);
  const groupName = (key: string, fallback: string) => {
    const v = topVars.get(key)?.value;
    return typeof v === 'string' && !isTemplate(v) ? v : fallback;
  };
  const servers = groups.members(groupName('server_group', SERVER_GROUP));
  const agents = new Map(groups.members(groupName('agent_group', AGENT_GROUP)));
  for (const name of servers.keys()) agents.delete(name);
  const firstServer = [...servers.keys()][0];

  // The cluster: the first server's variables (k3s-ansible's groups[server_group][0]), or the server group's.
  const clusterVars = firstServer !== undefined ? groups.varsOf([firstServer]) : groups.varsOf([], [groupName('server_group', SERVER_GROUP)]);
  const { flag: cluster, isTrue: clusterIsTrue } = sources.flags(clusterVars, true);
  const text = (key: string): Located<string> | undefined => {
    const v = clusterVars.get(key);
    return v === undefined ? undefined : values.resolved({ ...v, value: String(v.value) });
  };
  const externalDatastore = truthy(clusterVars.get('use_external_database')?.value) || cluster('datastore-endpoint').keySpan !== undefined;
  const embeddedEtcd = !externalDatastore && (servers.size > 1 || clusterIsTrue('cluster-init'));

  const nodes: PlanNode[] = [];
  const hosts = [...inventory.hosts.values()].filter((h) => servers.has(h.name.value) || agents.has(h.name.value));
  const connectAddresses = sharedConnections(hosts, groups);
  for (const host of hosts) {
    tick();
    const vars = groups.varsOf([host.name.value]);
    const listedAt = servers.get(host.name.value);
    const { flag, isTrue } = sources.flags(vars, listedAt !== undefined);
    const roles: Located<Role>[] = [];
    if (listedAt) {
      if (!isTrue('disable-apiserver')) roles.push({ value: 'control-plane', span: listedAt });
      if (embeddedEtcd && !isTrue('disable-etcd')) roles.push({ value: 'etcd', span: listedAt });
    } else roles.push({ value: 'worker', span: agents.get(host.name.value)! });
    const name = flag('node-name').first() ?? host.name;
    const node: PlanNode = { index: nodes.length, isMapping: true, span: host.name.span, name, roles, interfaces: [], routes: [], sysctls: [] };
    const [internal, external] = [flag('node-ip'), flag('node-external-ip')];
    node.interfaces.push(
      internal.keySpan || external.keySpan
        ? readAddresses(node, internal, external, host.name.span)
        : connectInterface(node, host, vars, values, connectAddresses),
    );
    nodes.push(node);
  }

  const cni = flannelBackend(cluster('flannel-backend').first());
  const endpoint = endpointOf(text('api_endpoint'), text('api_port'));
  return {
    anchorSpan: anchor,
    impliedDistribution: 'k3s',
    pluginAt: cni.pluginAt,
    modeAt: cni.modeAt,
    controlPlaneEndpoint: endpointLiteral(endpoint),
    networks: readNetworks(cluster),
    nodes,
    nodesKeySpan: anchor,
    firewalls: [],
    services: [],
    unresolved: uniqueBySpan(values.unresolved),
    defaults: defaultsOf('k3s', true, cni, anchor),
    // Agents alone join a cluster the inventory does not describe, at api_endpoint.
    joins: servers.size === 0 && agents.size > 0 ? clusterVars.get('api_endpoint')?.keySpan : undefined,
    problems,
  };
}

/**
 * The flags of each variable, read once however many hosts share it: the command line first (k3s takes a
 * flag given both ways from the command line), then the config file.
 */
class Sources {
  private readonly args = new Map<Located<VarValue>, Args | undefined>();
  private readonly configs = new Map<Located<VarValue>, NestedYaml | undefined>();
  private readonly memo = new Map<string, Flag>();

  constructor(
    private readonly outer: OuterText | undefined,
    private readonly values: Values,
    private readonly problems: Problem[],
  ) {}

  flags(vars: Vars, server: boolean): Flags {
    const variable = server ? 'server_config_yaml' : 'agent_config_yaml';
    const argsVar = vars.get(server ? 'extra_server_args' : 'extra_agent_args');
    const configVar = vars.get(variable);
    const args = argsVar && this.argsOf(argsVar);
    const config = configVar && this.configOf(configVar, variable);
    // The config written as a mapping rather than a string (from_yaml passes a mapping through): its scalars.
    const mapped = (name: string) => (configVar ? undefined : (vars.get(`${variable}.${name}`) ?? vars.get(`${variable}.${name}+`)));
    const flag = (name: string) => {
      const key = `${this.idOf(argsVar)}|${this.idOf(configVar)}|${this.idOf(mapped(name))}|${name}`;
      let found = this.memo.get(key);
      if (!found) {
        found =
          (args && argsFlag(args, name, this.values)) ?? (config ? new Flag(config.reader, config.root, name, this.values) : this.mappedFlag(mapped(name)));
        this.memo.set(key, found);
      }
      return found;
    };
    const isTrue = (name: string): boolean => {
      const use = args && [...args.uses].reverse().find((u) => u.name === name);
      if (use) return TRUE.test(use.value.value);
      const v = config ? config.reader.get(config.root, name) : undefined;
      return truthy(isScalar(v) ? (v.value as VarValue | null) : mapped(name)?.value);
    };
    return { flag, isTrue };
  }

  /** A flag of a config written as a mapping: a scalar, located as the variable's strings are. */
  private mappedFlag(v: Located<VarValue> | undefined): Flag {
    if (!v) return UNSET;
    const item = this.values.resolved(scalarText({ ...v, value: String(v.value) }, this.outer));
    const items = item ? [item] : [];
    return { items, listed: 1, keySpan: v.keySpan, parts: () => items.flatMap((item) => commaParts(item)), first: () => items[0] };
  }

  private readonly ids = new Map<Located<VarValue>, number>();
  private idOf(v: Located<VarValue> | undefined): number {
    if (!v) return -1;
    if (!this.ids.has(v)) this.ids.set(v, this.ids.size);
    return this.ids.get(v)!;
  }

  private argsOf(v: Located<VarValue>): Args | undefined {
    if (!this.args.has(v)) {
      let args: Args | undefined;
      if (typeof v.value === 'string') {
        const s = scalarText({ ...v, value: v.value }, this.outer);
        args = parseArgs(s);
        if (!args) this.values.resolved(s);
        for (const t of args?.templated ?? []) this.values.resolved(t);
      }
      this.args.set(v, args);
    }
    return this.args.get(v);
  }

  private configOf(v: Located<VarValue>, variable: string): NestedYaml | undefined {
    if (!this.configs.has(v)) {
      const config =
        typeof v.value === 'string' ? nestedYaml(scalarText({ ...v, value: v.value }, this.outer), variable, this.values, this.problems) : undefined;
      this.configs.set(v, config);
    }
    return this.configs.get(v);
  }
}

/** A flag nothing sets. */
const UNSET: Flag = { items: [], listed: 0, keySpan: undefined, parts: () => [], first: () => undefined };

/**
 * Without `node-ip`, k3s takes the address of the default route's interface, which the inventory does not
 * say; the address Ansible connects to (`ansible_host`, else the host's name) usually is it. It is read when
 * it is an IP address a host can have: not a name, not a loopback (a port forward, as Vagrant's), and not an
 * address several hosts share on different SSH ports (a NAT or a bastion in front of them).
 */
function connectInterface(node: PlanNode, host: InventoryHost, vars: Vars, values: Values, shared: Set<string>): NodeInterface {
  const iface: NodeInterface = { node, span: host.name.span, addresses: [], listedAddresses: 0 };
  const v = vars.get('ansible_host');
  const lit: Located<string> = v ? { ...v, value: String(v.value) } : host.name;
  const address = values.resolved(lit) && !shared.has(lit.value) ? addressLiteral(lit, { prefixKnown: false }) : undefined;
  if (address?.ip && !address.special && !lit.value.includes('/')) {
    const entry: AddressEntry = { ...address, iface };
    iface.addresses.push(entry);
    iface.listedAddresses = 1;
  } else iface.addressUnknown = true;
  return iface;
}

/** Addresses several hosts connect to on different SSH ports: a port forward, not the hosts' own. */
function sharedConnections(hosts: InventoryHost[], groups: Groups): Set<string> {
  const ports = new Map<string, Set<string>>();
  for (const h of hosts) {
    const vars = groups.varsOf([h.name.value]);
    const address = String(vars.get('ansible_host')?.value ?? h.name.value);
    const port = String(vars.get('ansible_port')?.value ?? 22);
    ports.set(address, (ports.get(address) ?? new Set()).add(port));
  }
  return new Set([...ports].filter(([, p]) => p.size > 1).map(([a]) => a));
}

/** `api_endpoint` and `api_port` (k3s-ansible's default 6443 when unset), an IPv6 address in brackets. */
function endpointOf(host: Located<string> | undefined, port: Located<string> | undefined): Located<string> | undefined {
  if (!host) return undefined;
  if (!port) return host;
  const h = host.value.includes(':') && !host.value.startsWith('[') ? `[${host.value}]` : host.value;
  return { value: `${h}:${port.value}`, span: host.span, keySpan: host.keySpan };
}

/** Each templated value once, though several hosts share the variable that holds it, in the file's order. */
function uniqueBySpan(list: Located<string>[]): Located<string>[] {
  const seen = new Set<string>();
  const inOrder = [...list].sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  return inOrder.filter((l) => {
    const key = `${l.span[0]}:${l.span[1]}:${l.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Groups {
  /** A group's hosts, through its children, each at the place that puts it in the group (cycles cut). */
  members: (group: string) => Map<string, Span>;
  /**
   * The variables Ansible gives `hosts` (their groups', shallow before deep, then their own), or for none
   * those of `all`, the top-level groups and `extra` groups.
   */
  varsOf: (hosts: string[], extra?: string[]) => Vars;
}

function groupsOf(inventory: Inventory): Groups {
  // Ansible's group depth: `all` 0, a top-level group 1, a child one more than its deepest parent.
  const depth = new Map<string, number>();
  const children = [...inventory.groups.values()].flatMap((g) => g.children.map((c) => c.value));
  const roots = [...inventory.groups.keys()].filter((g) => g === 'all' || !children.includes(g));
  const deepen = (name: string, d: number, seen: Set<string>) => {
    if (seen.has(name) || (depth.get(name) ?? -1) >= d) return;
    depth.set(name, d);
    seen.add(name);
    for (const c of inventory.groups.get(name)?.children ?? []) deepen(c.value, d + 1, seen);
    seen.delete(name);
  };
  for (const r of roots) deepen(r, r === 'all' ? 0 : 1, new Set());

  const members = membersOf(inventory);

  const ordered = [...inventory.groups.keys()].sort((a, b) => (depth.get(a) ?? 1) - (depth.get(b) ?? 1) || a.localeCompare(b));
  const varsOf = (hosts: string[], extra: string[] = []): Vars => {
    const out: Vars = new Map();
    for (const g of ordered) {
      const d = depth.get(g) ?? 1;
      const applies = g === 'all' || (hosts.length === 0 ? d <= 1 || extra.includes(g) : hosts.some((h) => members(g).has(h)));
      if (applies) for (const [k, v] of inventory.groups.get(g)!.vars) out.set(k, v);
    }
    for (const h of hosts) for (const [k, v] of inventory.hosts.get(h)?.vars ?? []) out.set(k, v);
    return out;
  };
  return { members, varsOf };
}
