// AST → Plan. Runs once per document; literals (IPs, CIDRs, MACs) are parsed here, so rules only
// read results. Entries of the wrong shape are skipped: the schema reports them, the rest is modelled.
import { isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { parseEndpoint } from '../values/endpoint';
import { maskBounds, parseCidr, unmapIpv4, type IpAddress } from '../values/ip';
import { parseMac } from '../values/mac';
import { specialUse } from '../domain/special-ranges';
import type { Span } from '../core/types';
import { NETWORK_LISTS } from '../domain/network-names';
import { deadlineTicker } from '../core/deadline';
import type { SourceFile } from '../source/source-file';
import { spanOf, YamlReader, type Located } from '../source/yaml-nodes';
import { CNI_MODES, DEFAULT_CNI, DEFAULT_SERVICE_CIDR, DISTRIBUTIONS, defaultPodCidr, type CniPlugin, type Distribution } from '../domain/network-defaults';
import { portItem, readFirewalls, readServices } from './firewalls';
import { Merger } from './merge';
import type {
  AddressLiteral,
  EffectiveNetwork,
  EndpointLiteral,
  Firewall,
  NetworkEntry,
  NetworkKind,
  Networks,
  NodeInterface,
  Plan,
  PlanNode,
  PlanService,
  Route,
  RouteDestination,
  Sysctl,
} from './types';

/** What one ClusterPlan document says; a plan is merged from the parts of its documents. */
interface SpecPart {
  anchorSpan: Span;
  distributionAt?: Located<string>;
  pluginAt?: Located<string>;
  modeAt?: Located<string>;
  endpointAt?: Located<string>;
  networks: Networks;
  nodes: PlanNode[];
  nodesKeySpan?: Span;
  firewalls: Firewall[];
  firewallsKeySpan?: Span;
  services: PlanService[];
}

/**
 * The linted document first, then those it imports in import order. Past `deadline` (a performance.now()
 * time) the build throws PAST_DEADLINE: plans can have 100,000 nodes.
 */
export function buildPlan(documents: readonly { document: Document.Parsed; value: unknown }[], source: SourceFile, deadline = Infinity): Plan {
  const tick = deadlineTicker(deadline, 256);
  const read = documents.map(({ document, value }) => ({ document, value, reader: new YamlReader(document) }));
  const parts = read.map(({ document, reader }) => readSpec(document, reader, tick));
  const merge = new Merger();
  const spanOf = (lit: Located<unknown>) => lit.span;
  const distributionAt = merge.one(
    'distribution',
    parts.map((p) => p.distributionAt),
    spanOf,
  );
  const distribution = DISTRIBUTIONS.includes(distributionAt?.value as Distribution) ? (distributionAt!.value as Distribution) : 'kubeadm';
  const pluginAt = merge.one(
    'cni.plugin',
    parts.map((p) => p.pluginAt),
    spanOf,
  );
  const plugin = pluginAt && pluginAt.value in CNI_MODES ? (pluginAt.value as CniPlugin) : DEFAULT_CNI[distribution];
  const modeAt = merge.one(
    'cni.mode',
    parts.map((p) => p.modeAt),
    spanOf,
  );
  const mode = modeAt?.value ?? CNI_MODES[plugin][0];
  // Lists are numbered across documents: a node's or firewall's index is its place in the whole plan.
  const nodes = parts.flatMap((p) => p.nodes);
  nodes.forEach((n, i) => (n.index = i));
  const firewalls = parts.flatMap((p) => p.firewalls);
  firewalls.forEach((f, i) => (f.index = i));
  const plan: Plan = {
    source,
    documents: read,
    conflicts: merge.conflicts,
    anchorSpan: parts[0].anchorSpan,
    deadline,
    distribution,
    distributionAt,
    cni: { plugin, pluginAt, mode, modeAt },
    controlPlaneEndpoint: endpointLiteral(
      merge.one(
        'controlPlaneEndpoint',
        parts.map((p) => p.endpointAt),
        spanOf,
      ),
    ),
    nodesKeySpan: parts.find((p) => p.nodesKeySpan)?.nodesKeySpan,
    networks: merge.networks(parts.map((p) => p.networks)),
    pods: [],
    services: [],
    nodes,
    firewalls,
    firewallsKeySpan: parts.find((p) => p.firewallsKeySpan)?.firewallsKeySpan,
    declaredServices: parts.flatMap((p) => p.services),
  };
  plan.pods = effectiveNetworks(plan, 'pods');
  plan.services = effectiveNetworks(plan, 'services');
  return plan;
}

function readSpec(document: Document.Parsed, reader: YamlReader, tick: () => void): SpecPart {
  const root = reader.map(document.contents);
  const [spec, r] = reader.child(root, 'spec');
  const specMap = r.map(spec);
  const [cni, rc] = r.child(specMap, 'cni');
  const cniMap = rc.map(cni);
  const [networksNode, rn] = r.child(specMap, 'networks');
  const [nodesNode, rl] = r.child(specMap, 'nodes');
  return {
    anchorSpan: reader.keySpan(root, 'spec') ?? spanOf(document.contents),
    distributionAt: r.scalar<string>(specMap, 'distribution', 'string'),
    pluginAt: rc.scalar<string>(cniMap, 'plugin', 'string'),
    modeAt: rc.scalar<string>(cniMap, 'mode', 'string'),
    endpointAt: r.scalar<string>(specMap, 'controlPlaneEndpoint', 'string'),
    networks: readNetworks(rn, rn.map(networksNode), r.keySpan(specMap, 'networks')),
    nodes: rl.items(nodesNode).map((item, index) => (tick(), readNode(rl, item, index))),
    nodesKeySpan: r.keySpan(specMap, 'nodes'),
    firewalls: readFirewalls(...r.child(specMap, 'firewalls')),
    firewallsKeySpan: r.keySpan(specMap, 'firewalls'),
    services: readServices(...r.child(specMap, 'services')),
  };
}

function networkEntry(kind: NetworkKind, lit: Located<string>, name?: string): NetworkEntry {
  const parsed = parseCidr(lit.value, kind === 'trusted');
  return parsed.ok ? { ...lit, kind, name, cidr: parsed.value } : { ...lit, kind, name, error: parsed.error };
}

function readNetworks(r: YamlReader, map: YAMLMap | undefined, keySpan: Span | undefined): Networks {
  const lists: Networks['lists'] = {};
  const keySpans: Networks['keySpans'] = {};
  for (const kind of NETWORK_LISTS) {
    const strings = r.strings(map, kind);
    keySpans[kind] = r.keySpan(map, kind);
    if (strings) lists[kind] = strings.map((lit) => networkEntry(kind, lit));
  }
  const [reservedNode, rr] = r.child(map, 'reserved');
  keySpans.reserved = r.keySpan(map, 'reserved');
  if (reservedNode) {
    lists.reserved = [];
    for (const item of rr.items(reservedNode)) {
      const [entry, re] = rr.enter(item);
      const m = re.map(entry);
      const cidr = re.scalar<string>(m, 'cidr', 'string');
      if (cidr) lists.reserved.push(networkEntry('reserved', cidr, re.scalar<string>(m, 'name', 'string')?.value));
    }
  }
  const clusterDNS = r.scalar<string>(map, 'clusterDNS', 'string');
  return {
    keySpan,
    lists,
    keySpans,
    entries: [...(lists.nodes ?? []), ...(lists.pods ?? []), ...(lists.services ?? []), ...(lists.trusted ?? []), ...(lists.reserved ?? [])],
    nodeCidrMaskSize: r.scalar<number>(map, 'nodeCidrMaskSize', 'number'),
    nodeCidrMaskSizeIPv6: r.scalar<number>(map, 'nodeCidrMaskSizeIPv6', 'number'),
    clusterDNS: clusterDNS && addressLiteral(clusterDNS),
    nodePortRange: portItem(r.scalar<string>(map, 'nodePortRange', 'string')),
  };
}

/** An address with an optional /prefix. An IPv4-mapped IPv6 address is modelled as its IPv4 address. */
function addressLiteral(lit: Located<string>): AddressLiteral {
  const parsed = parseCidr(lit.value, true);
  if (!parsed.ok) return { ...lit, error: parsed.error };
  const c = parsed.value;
  const written = { family: c.family, value: c.address };
  const ipv4 = unmapIpv4(written);
  const ip = ipv4 ?? written;
  // A mapped address's IPv6 prefix says nothing about an IPv4 subnet.
  const subnet = lit.value.includes('/') && !ipv4 ? c : undefined;
  return { ...lit, ip, subnet, mapped: ipv4 !== undefined, special: specialUse(ip) };
}

function endpointLiteral(lit: Located<string> | undefined): EndpointLiteral | undefined {
  if (!lit) return undefined;
  const parsed = parseEndpoint(lit.value);
  return parsed.ok ? { ...lit, endpoint: parsed.value } : { ...lit, error: parsed.error };
}

function readNode(list: YamlReader, item: unknown, index: number): PlanNode {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const node: PlanNode = {
    index,
    isMapping: m !== undefined,
    span: r.spanOf(n),
    name: r.scalar<string>(m, 'name', 'string'),
    roles: r.strings(m, 'roles') ?? [],
    interfaces: [],
    interfacesKeySpan: r.keySpan(m, 'interfaces'),
    routes: [],
    sysctls: [],
  };
  const [interfaces, ri] = r.child(m, 'interfaces');
  node.interfaces = ri.items(interfaces).map((i) => readInterface(ri, i, node));
  const [routes, rr] = r.child(m, 'routes');
  node.routes = rr.items(routes).map((i) => readRoute(rr, i, node));
  const [sysctls, rs] = r.child(m, 'sysctls');
  node.sysctls = readSysctls(rs, rs.map(sysctls));
  return node;
}

function readRoute(list: YamlReader, item: unknown, node: PlanNode): Route {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const toAt = r.scalar<string>(m, 'to', 'string');
  const viaAt = r.scalar<string>(m, 'via', 'string');
  const via = viaAt && addressLiteral(viaAt);
  return { node, span: r.spanOf(n), to: toAt && routeDestination(toAt, via?.ip), via, metric: r.scalar<number>(m, 'metric', 'number') };
}

/** `default` stands for 0.0.0.0/0 or ::/0, whichever family the gateway is of. */
function routeDestination(lit: Located<string>, gateway: IpAddress | undefined): RouteDestination {
  if (lit.value === 'default') {
    return { ...lit, isDefault: true, cidr: gateway && { family: gateway.family, address: 0n, prefix: 0, ...maskBounds(gateway.family, 0n, 0) } };
  }
  const parsed = parseCidr(lit.value, true);
  return parsed.ok ? { ...lit, isDefault: false, cidr: parsed.value } : { ...lit, isDefault: false, error: parsed.error };
}

/** Scalar values under `sysctls`, with slash-separated names read as dotted ones, as sysctl(8) does. */
function readSysctls(r: YamlReader, map: YAMLMap | undefined): Sysctl[] {
  const out: Sysctl[] = [];
  for (const pair of map?.items ?? []) {
    const [v, rv] = r.enter(pair.value);
    if (!isScalar(pair.key) || !isScalar(v) || !['string', 'number', 'boolean'].includes(typeof v.value)) continue;
    const value = v.value as string | number | boolean;
    out.push({ name: String(pair.key.value).replaceAll('/', '.'), value, span: rv.spanOf(v), keySpan: r.spanOf(pair.key) });
  }
  return out;
}

function readInterface(list: YamlReader, item: unknown, node: PlanNode): NodeInterface {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const iface: NodeInterface = {
    node,
    span: r.spanOf(n),
    name: r.scalar<string>(m, 'name', 'string'),
    dhcp: r.scalar<boolean>(m, 'dhcp', 'boolean'),
    addresses: [],
    listedAddresses: listed(r.get(m, 'addresses')),
    addressesKeySpan: r.keySpan(m, 'addresses'),
  };
  const mac = r.scalar<string>(m, 'mac', 'string');
  if (mac) {
    const parsed = parseMac(mac.value);
    iface.mac = parsed.ok ? { ...mac, normalized: parsed.value } : { ...mac, error: parsed.error };
  }
  iface.addresses = (r.strings(m, 'addresses') ?? []).map((lit) => ({ ...addressLiteral(lit), iface }));
  return iface;
}

/** How many items a value lists: a sequence's length, one for a lone scalar, none for null or nothing. */
function listed(node: Node | undefined): number {
  if (isSeq(node)) return node.items.length;
  return isScalar(node) && node.value !== null ? 1 : 0;
}

/** Declared pod/service networks, or the default in force with the node that implies it. */
function effectiveNetworks(plan: Plan, kind: 'pods' | 'services'): EffectiveNetwork[] {
  const declared = plan.networks.lists[kind];
  if (declared) {
    return declared.flatMap((e) => (e.cidr ? [{ kind, cidr: e.cidr, text: e.value, span: e.span, declared: e }] : []));
  }
  const { distribution, distributionAt, cni } = plan;
  let text: string;
  let defaultOf: string;
  let span: Span | undefined;
  if (kind === 'pods') {
    const d = defaultPodCidr(distribution, cni.plugin);
    if (!d) return [];
    text = d.cidr;
    const byCni = d.source === 'cni';
    defaultOf = byCni ? `the default pod CIDR of ${cni.plugin}` : `the default cluster CIDR of ${distribution}`;
    span = byCni ? cni.pluginAt?.span : distributionAt?.span;
  } else {
    text = DEFAULT_SERVICE_CIDR[distribution];
    defaultOf = `the default service CIDR of ${distribution}`;
    span = distributionAt?.span;
  }
  const parsed = parseCidr(text);
  if (!parsed.ok) return [];
  return [{ kind, cidr: parsed.value, text, span: span ?? plan.networks.keySpan ?? plan.anchorSpan, defaultOf, unsetKey: kind }];
}
