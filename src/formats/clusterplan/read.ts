// A ClusterPlan document → its part of the plan. Literals (IPs, CIDRs, MACs) are parsed here, once, so
// rules only read results. Entries of the wrong shape are skipped: the schema reports them, the rest is
// modelled.
import { isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { NETWORK_LISTS } from '../../domain/network-names';
import { specialUse } from '../../domain/special-ranges';
import type {
  AddressLiteral,
  EndpointLiteral,
  NetworkEntry,
  NetworkKind,
  Networks,
  NodeInterface,
  PlanNode,
  PlanPart,
  Route,
  RouteDestination,
  Sysctl,
} from '../../model/types';
import { spanOf, type YamlReader, type Located } from '../../source/yaml-nodes';
import { parseEndpoint } from '../../values/endpoint';
import { maskBounds, parseCidr, unmapIpv4, type IpAddress } from '../../values/ip';
import { parseMac } from '../../values/mac';
import { portItem, readFirewalls, readServices } from './firewalls';

/** `tick` is called once per node: past the time budget it throws, and plans can have 100,000 nodes. */
export function readSpec(document: Document.Parsed, reader: YamlReader, tick: () => void): PlanPart {
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
    controlPlaneEndpoint: endpointLiteral(r.scalar<string>(specMap, 'controlPlaneEndpoint', 'string')),
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
    maxPods: r.scalar<number>(map, 'maxPods', 'number'),
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
