// What firewall references stand for: `from` entries (any, internet, network names, role:, node:,
// CIDRs) as address sets, and `appliesTo` / `on` selectors as nodes. Built once per plan; each
// distinct reference is resolved once, however many rules repeat it.
import type { EffectiveNetwork, Located, NetworkEntry, Plan, PlanNode, Selector } from '../model/types';
import { AddressSet, PUBLIC } from '../values/address-set';
import { closest } from '../core/suggest';
import { parseCidr, type Cidr } from '../values/ip';
import { isRole, ROLES } from '../domain/roles';
import { NETWORK_LISTS, parseSource, UNIVERSAL_SOURCES } from '../domain/network-names';
import { nodesWithRole } from './roles';
import { arrivingThrough } from './arrival';

/** A reference that does not resolve says why, and what it most likely meant when a known name is close. */
export type Resolved = { ok: true; set: AddressSet; nodes?: PlanNode[] } | { ok: false; error: string; meant?: string };

export class References {
  private readonly cache = new Map<string, Resolved>();
  private readonly byName = new Map<string, PlanNode>();
  private readonly nodeSets = new Map<PlanNode, AddressSet>();
  private readonly arrivals = new Map<string, AddressSet>();
  private own?: AddressSet;

  constructor(private readonly plan: Plan) {
    for (const node of plan.nodes) if (node.name && !this.byName.has(node.name.value)) this.byName.set(node.name.value, node);
  }

  /** The node's own addresses (hosts, without their subnets). */
  addressesOf(node: PlanNode): AddressSet {
    let set = this.nodeSets.get(node);
    if (!set) {
      set = AddressSet.ofAll(hostsOf([node]));
      this.nodeSets.set(node, set);
    }
    return set;
  }

  /** What `nodes` stands for: the node networks, and every node's address (some plans list addresses but no subnets). */
  clusterOwn(): AddressSet {
    this.own ??= AddressSet.ofAll(hostsOf(this.plan.nodes.filter((n) => n.isMapping))).union(cidrsOf(this.networksNamed('nodes')));
    return this.own;
  }

  /** The sources whose packets come in through node interfaces of this name (src/analysis/arrival.ts). */
  arrivingOn(name: string): AddressSet {
    let set = this.arrivals.get(name);
    if (!set) {
      set = arrivingThrough(this.plan, name);
      this.arrivals.set(name, set);
    }
    return set;
  }

  nodeNamed(name: string): PlanNode | undefined {
    return this.byName.get(name);
  }

  resolve(ref: string): Resolved {
    let r = this.cache.get(ref);
    if (!r) {
      r = this.compute(ref.trim());
      this.cache.set(ref, r);
    }
    return r;
  }

  /** The nodes a selector picks, and the names and roles in it that match no node. */
  select(selector: Selector): { nodes: PlanNode[]; unknown: { at: Located<string>; why: string; meant?: string }[] } {
    if (selector.all) return { nodes: this.plan.nodes.filter((n) => n.isMapping), unknown: [] };
    const picked = new Set<PlanNode>();
    const unknown: { at: Located<string>; why: string; meant?: string }[] = [];
    // A role no node has yet is not a mistake (workers come later); a firewall left without nodes is firewall-no-target's.
    for (const role of selector.roles) nodesWithRole(this.plan.nodes, role.value).forEach((n) => picked.add(n));
    for (const name of selector.nodes) {
      const node = this.byName.get(name.value);
      if (node) picked.add(node);
      else {
        const meant = closest(name.value, [...this.byName.keys()]);
        unknown.push({ at: name, why: `no node is named "${name.value}"`, meant });
      }
    }
    return { nodes: this.plan.nodes.filter((n) => picked.has(n)), unknown };
  }

  /**
   * The networks a network name stands for: its entries (`nodes`, `trusted`, a reserved network's name)
   * or the pod and service networks in force; undefined for a name that is no network's.
   */
  networksNamed(name: string): readonly (NetworkEntry | EffectiveNetwork)[] | undefined {
    const { lists } = this.plan.networks;
    switch (name) {
      case 'nodes':
      case 'trusted':
        return lists[name] ?? [];
      case 'pods':
        return this.plan.pods;
      case 'services':
        return this.plan.services;
    }
    const reserved = (lists.reserved ?? []).filter((e) => e.name === name);
    return reserved.length > 0 ? reserved : undefined;
  }

  private nodesSet(nodes: PlanNode[]): Resolved {
    return { ok: true, set: AddressSet.ofAll(hostsOf(nodes)), nodes };
  }

  /** Every reference that resolves in this plan, for "did you mean" suggestions. */
  private known(): string[] {
    const names = [...UNIVERSAL_SOURCES, ...NETWORK_LISTS, ...(this.plan.networks.lists.reserved ?? []).flatMap((e) => (e.name ? [e.name] : []))];
    return [...names, ...ROLES.map((r) => `role:${r}`), ...[...this.byName.keys()].map((n) => `node:${n}`)];
  }

  private compute(ref: string): Resolved {
    const r = this.resolveKnown(ref);
    if (r.ok) return r;
    const meant = /^[0-9a-f:.]+(\/.*)?$/i.test(ref) ? undefined : closest(ref, this.known());
    return meant ? { ...r, meant } : r;
  }

  private resolveKnown(ref: string): Resolved {
    const source = parseSource(ref);
    if (source.kind === 'universal') return { ok: true, set: source.word === 'any' ? AddressSet.ALL : PUBLIC };
    if (ref === 'nodes') return { ok: true, set: this.clusterOwn(), nodes: this.plan.nodes.filter((n) => n.isMapping) };
    // A network's name wins over the forms below (a reserved network may be named anything).
    const networks = this.networksNamed(ref);
    if (ref === 'trusted' && networks?.length === 0) return { ok: false, error: '"trusted" is used, but `networks.trusted` lists no network' };
    if (networks) return { ok: true, set: cidrsOf(networks) };
    switch (source.kind) {
      case 'role':
        if (!isRole(source.role)) return { ok: false, error: `"${source.role}" is not a role (${ROLES.slice(0, -1).join(', ')} or ${ROLES.at(-1)})` };
        return this.nodesSet(nodesWithRole(this.plan.nodes, source.role));
      case 'node': {
        const node = this.byName.get(source.name);
        return node ? this.nodesSet([node]) : { ok: false, error: `no node is named "${source.name}"` };
      }
      case 'address': {
        const c = parseCidr(ref, true);
        return c.ok ? { ok: true, set: AddressSet.ofCidr(c.value) } : { ok: false, error: `"${ref}" is not a valid address or CIDR: ${c.error}` };
      }
    }
    return {
      ok: false,
      error: `"${ref}" is not a network name (nodes, pods, services, trusted or a reserved network), any, internet, role:<role>, node:<name>, or a CIDR`,
    };
  }
}

const cidrsOf = (list: readonly { cidr?: Cidr }[] = []) => AddressSet.ofAll(list.flatMap((e) => (e.cidr ? [e.cidr] : [])));

/** The nodes' addresses as one-address ranges (a list, not a generator: every node of a large plan goes through here). */
function hostsOf(nodes: readonly PlanNode[]): { family: 4 | 6; first: bigint; last: bigint }[] {
  const out: { family: 4 | 6; first: bigint; last: bigint }[] = [];
  for (const node of nodes) {
    for (const iface of node.interfaces) {
      for (const a of iface.addresses) if (a.ip) out.push({ family: a.ip.family, first: a.ip.value, last: a.ip.value });
    }
  }
  return out;
}
