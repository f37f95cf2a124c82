// A patch document's effect on the plan, as on the machine configs talhelper writes: a strategic-merge patch (or a
// JSON patch read as one) sets the cluster's settings (pod and service subnets overwrite, the CNI, the endpoint, the
// node masks, maxPods, the NodePort range) and its nodes' own (hostname, sysctls, interfaces merged by `interface:`
// or `deviceSelector`, their addresses and routes appended); a HostnameConfig names its nodes; NetworkRuleConfig and
// NetworkDefaultActionConfig documents are firewalls of its nodes. Talos's other network documents (links, bonds,
// VLANs, VIPs, KubeSpan, ...) and `$patch` directives are unresolved. A setting of the whole cluster that patches of
// different nodes write is read from the last patch in talhelper's order.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { endpointLiteral } from '../../model/literals';
import type { Firewall, NodeInterface, PlanNode, PlanPart } from '../../model/types';
import type { Located, YamlReader } from '../../source/yaml-nodes';
import { FIREWALL_KINDS, talosKind } from '../talos/detect';
import { readMachine, type MachineFacts } from '../talos/machine';
import { readFirewallDocument, talosPlugin } from '../talos/read';
import { operationOf, READ_SETTINGS } from './json6902';
import type { PatchDocument } from './patches';
import type { TalenvValues } from './talenv';

/**
 * Talos's typed network documents (pkg/machinery/config/types/network) that set links, addresses, routes, VIPs or
 * KubeSpan: not read, so a patch with one is unresolved. Resolvers, time sync and probes do not bear on the plan.
 */
const UNREAD_KINDS = new Set([
  'LinkConfig',
  'LinkAliasConfig',
  'BondConfig',
  'BridgeConfig',
  'VLANConfig',
  'DummyLinkConfig',
  'VethConfig',
  'VRFConfig',
  'WireguardConfig',
  'DHCPv4Config',
  'DHCPv6Config',
  'Layer2VIPConfig',
  'HCloudVIPConfig',
  'RoutingRuleConfig',
  'BlackholeRouteConfig',
  'BGPInstanceConfig',
  'KubeSpanConfig',
  'KubeSpanEndpointsConfig',
]);

export interface Patching {
  part: PlanPart;
  values: TalenvValues;
  /** The firewall documents of the patches and their nodes, named once every patch has applied (a patch may rename). */
  firewalls: { firewall: Firewall; targets: PlanNode[] }[];
}

/** Applies one document of a patch to the nodes it targets (none: no machine config gets it, and it says nothing). */
export function applyPatch(doc: PatchDocument, targets: PlanNode[], p: Patching): void {
  if (targets.length === 0) return;
  const { reader } = doc;
  const [root, r] = reader.enter(doc.root);
  if (isSeq(root)) {
    for (const item of root.items) {
      const op = operationOf(r, item);
      if (op?.unresolved) p.values.unresolved.push(op.unresolved);
      if (op?.fragment) applyFragment(r, op.fragment, targets, p, op.replacesInterfaces === true);
    }
    return;
  }
  const m = r.map(root);
  if (!m) return;
  const kind = r.scalar<string>(m, 'kind', 'string');
  if (!kind) return applyFragment(r, m, targets, p, false);
  const typed = talosKind(m);
  if (typed && FIREWALL_KINDS.includes(typed as (typeof FIREWALL_KINDS)[number])) {
    p.firewalls.push({ firewall: readFirewallDocument(r, m, typed as (typeof FIREWALL_KINDS)[number], p.values), targets });
  } else if (kind.value === 'HostnameConfig') {
    targets.forEach((node, i) => {
      const hostname = (i === 0 ? p.values : p.values.quiet()).string(r, m, 'hostname');
      if (hostname) node.name = hostname;
    });
  } else if (UNREAD_KINDS.has(kind.value)) p.values.unresolved.push({ value: `kind: ${kind.value}`, span: kind.span });
}

/** A strategic-merge patch of the machine config (or what a JSON patch operation stands for). */
function applyFragment(r: YamlReader, root: YAMLMap, targets: PlanNode[], p: Patching, replacesInterfaces: boolean): void {
  for (const path of READ_SETTINGS) directives(r, path, root, p.values.unresolved);
  targets.forEach((node, i) => {
    const values = i === 0 ? p.values : p.values.quiet();
    if (replacesInterfaces) [node.interfaces, node.routes] = [[], []];
    const before = node.interfaces.length;
    const facts = readMachine(r, root, node, values);
    mergeInterfaces(node, before);
    node.interfacesKeySpan ??= facts.interfacesKeySpan;
    if (facts.hostname) node.name = facts.hostname;
    for (const s of facts.sysctls) node.sysctls = [...node.sysctls.filter((x) => x.name !== s.name), s];
    if (i === 0) applyCluster(p.part, facts);
  });
}

function applyCluster(part: PlanPart, facts: MachineFacts): void {
  const n = facts.networks;
  for (const kind of ['pods', 'services'] as const) {
    if (!n.lists[kind]) continue;
    part.networks.lists[kind] = n.lists[kind];
    part.networks.keySpans[kind] = n.keySpans[kind];
  }
  for (const key of ['nodeCidrMaskSize', 'nodeCidrMaskSizeIPv6', 'maxPods'] as const) if (n[key]) part.networks[key] = n[key];
  if (n.nodePortRange) part.networks.nodePortRange = n.nodePortRange;
  // Talos appends to clusterDNS: the first address stays the first.
  part.networks.clusterDNS ??= n.clusterDNS;
  if (facts.plugin) part.pluginAt = talosPlugin(facts.plugin);
  if (facts.endpoint) part.controlPlaneEndpoint = endpointLiteral(facts.endpoint);
}

/** The interfaces read from index `from` on merge into one already there with their name or MAC selector. */
function mergeInterfaces(node: PlanNode, from: number): void {
  for (const iface of node.interfaces.splice(from)) {
    const same = node.interfaces.find((i) => sameInterface(i, iface));
    if (!same) {
      node.interfaces.push(iface);
      continue;
    }
    same.addresses.push(...iface.addresses.map((a) => ({ ...a, iface: same })));
    same.listedAddresses += iface.listedAddresses;
    same.dhcp = iface.dhcp ?? same.dhcp;
    same.mac = iface.mac ?? same.mac;
    same.addressesKeySpan ??= iface.addressesKeySpan;
  }
}

const sameInterface = (a: NodeInterface, b: NodeInterface): boolean =>
  a.name || b.name ? a.name?.value === b.name?.value : a.mac !== undefined && b.mac !== undefined && a.mac.value.toLowerCase() === b.mac.value.toLowerCase();

/**
 * `$patch` directives (`$patch: delete`) under a setting read here: their effect depends on the config patched. In a
 * patch file it is written `$$patch`, which talhelper's envsubst turns into `$patch`.
 */
function directives(r: YamlReader, path: readonly string[], root: YAMLMap, out: Located<string>[]): void {
  let [node, rn] = [root as unknown, r];
  for (const key of path) [node, rn] = rn.child(rn.map(node), key);
  const visit = (n: unknown, rv: YamlReader, depth: number): void => {
    const [v, rvv] = rv.enter(n);
    if (depth > 16) return;
    if (isSeq(v)) for (const item of v.items) visit(item, rvv, depth + 1);
    if (!isMap(v)) return;
    for (const pair of v.items) {
      if (isScalar(pair.key) && (pair.key.value === '$patch' || pair.key.value === '$$patch'))
        out.push({ value: `$patch: ${String((pair.value as { value?: unknown } | null)?.value)}`, span: rvv.spanOf(pair) });
      else visit(pair.value, rvv, depth + 1);
    }
  };
  visit(node, rn, 0);
}
