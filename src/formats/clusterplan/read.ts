// A ClusterPlan document → its part of the plan. Literals (IPs, CIDRs, MACs) are parsed here, once, so
// rules only read results. Entries of the wrong shape are skipped: the schema reports them, the rest is
// modelled. A plan rendered by a template (Ansible, Helm, envsubst) may still hold `{{ pod_cidr }}` or
// `${POD_CIDR}`: such values are set aside as unresolved (import-unresolved counts them), never judged.
import { isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { NETWORK_LISTS } from '../../domain/network-names';
import { addressLiteral, endpointLiteral, macEntry, networkEntry, portItem, routeDestination } from '../../model/literals';
import type { Networks, NodeInterface, PlanNode, PlanPart, Route, Sysctl } from '../../model/types';
import { spanOf, type YamlReader } from '../../source/yaml-nodes';
import { Values } from '../located-values';
import { readFirewalls, readServices } from './firewalls';

/** `tick` is called once per node: past the time budget it throws, and plans can have 100,000 nodes. */
export function readSpec(document: Document.Parsed, reader: YamlReader, tick: () => void): PlanPart {
  const root = reader.map(document.contents);
  const [spec, r] = reader.child(root, 'spec');
  const specMap = r.map(spec);
  const [cni, rc] = r.child(specMap, 'cni');
  const cniMap = rc.map(cni);
  const [networksNode, rn] = r.child(specMap, 'networks');
  const [nodesNode, rl] = r.child(specMap, 'nodes');
  const values = new Values();
  return {
    anchorSpan: reader.keySpan(root, 'spec') ?? spanOf(document.contents),
    distributionAt: r.scalar<string>(specMap, 'distribution', 'string'),
    pluginAt: rc.scalar<string>(cniMap, 'plugin', 'string'),
    modeAt: rc.scalar<string>(cniMap, 'mode', 'string'),
    controlPlaneEndpoint: endpointLiteral(values.string(r, specMap, 'controlPlaneEndpoint')),
    networks: readNetworks(rn, rn.map(networksNode), r.keySpan(specMap, 'networks'), values),
    nodes: rl.items(nodesNode).map((item, index) => (tick(), readNode(rl, item, index, values))),
    nodesKeySpan: r.keySpan(specMap, 'nodes'),
    firewalls: readFirewalls(...r.child(specMap, 'firewalls'), values),
    firewallsKeySpan: r.keySpan(specMap, 'firewalls'),
    services: readServices(...r.child(specMap, 'services'), values),
    unresolved: values.unresolved,
  };
}

function readNetworks(r: YamlReader, map: YAMLMap | undefined, keySpan: Span | undefined, values: Values): Networks {
  const lists: Networks['lists'] = {};
  const keySpans: Networks['keySpans'] = {};
  for (const kind of NETWORK_LISTS) {
    const strings = values.strings(r, map, kind);
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
      const cidr = values.string(re, m, 'cidr');
      if (cidr) lists.reserved.push(networkEntry('reserved', cidr, re.scalar<string>(m, 'name', 'string')?.value));
    }
  }
  const clusterDNS = values.string(r, map, 'clusterDNS');
  return {
    keySpan,
    lists,
    keySpans,
    entries: [...(lists.nodes ?? []), ...(lists.pods ?? []), ...(lists.services ?? []), ...(lists.trusted ?? []), ...(lists.reserved ?? [])],
    nodeCidrMaskSize: r.scalar<number>(map, 'nodeCidrMaskSize', 'number'),
    nodeCidrMaskSizeIPv6: r.scalar<number>(map, 'nodeCidrMaskSizeIPv6', 'number'),
    maxPods: r.scalar<number>(map, 'maxPods', 'number'),
    clusterDNS: clusterDNS && addressLiteral(clusterDNS),
    nodePortRange: portItem(values.string(r, map, 'nodePortRange')),
  };
}

function readNode(list: YamlReader, item: unknown, index: number, values: Values): PlanNode {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const node: PlanNode = {
    index,
    isMapping: m !== undefined,
    span: r.spanOf(n),
    name: values.string(r, m, 'name'),
    roles: r.strings(m, 'roles') ?? [],
    interfaces: [],
    interfacesKeySpan: r.keySpan(m, 'interfaces'),
    routes: [],
    sysctls: [],
  };
  const [interfaces, ri] = r.child(m, 'interfaces');
  node.interfaces = ri.items(interfaces).map((i) => readInterface(ri, i, node, values));
  const [routes, rr] = r.child(m, 'routes');
  node.routes = rr.items(routes).map((i) => readRoute(rr, i, node, values));
  const [sysctls, rs] = r.child(m, 'sysctls');
  node.sysctls = readSysctls(rs, rs.map(sysctls));
  return node;
}

function readRoute(list: YamlReader, item: unknown, node: PlanNode, values: Values): Route {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const toAt = values.string(r, m, 'to');
  const viaAt = values.string(r, m, 'via');
  const via = viaAt && addressLiteral(viaAt);
  return { node, span: r.spanOf(n), to: toAt && routeDestination(toAt, via?.ip), via, metric: r.scalar<number>(m, 'metric', 'number') };
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

function readInterface(list: YamlReader, item: unknown, node: PlanNode, values: Values): NodeInterface {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const iface: NodeInterface = {
    node,
    span: r.spanOf(n),
    name: r.scalar<string>(m, 'name', 'string'),
    dhcp: r.scalar<boolean>(m, 'dhcp', 'boolean'),
    addresses: [],
    // Templated addresses count: the interface has them, they are only not judged.
    listedAddresses: listed(r.get(m, 'addresses')),
    addressesKeySpan: r.keySpan(m, 'addresses'),
  };
  const mac = values.string(r, m, 'mac');
  if (mac) iface.mac = macEntry(mac);
  iface.addresses = (values.strings(r, m, 'addresses') ?? []).map((lit) => ({ ...addressLiteral(lit), iface }));
  return iface;
}

/** How many items a value lists: a sequence's length, one for a lone scalar, none for null or nothing. */
function listed(node: Node | undefined): number {
  if (isSeq(node)) return node.items.length;
  return isScalar(node) && node.value !== null ? 1 : 0;
}
