// A talconfig.yaml → its part of the plan: nodes (hostname, controlPlane, ipAddress, networkInterfaces with
// addresses, DHCP, VLANs, routes and MAC selectors), the cluster's pod and service subnets, its CNI and endpoint,
// and the ingress firewalls; then its patches, as talhelper applies them to the machine configs (apply.ts); every
// value with talenv.yaml's variables filled in (talenv.ts).
import type { Document, YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { addressLiteral, endpointLiteral, networkEntry } from '../../model/literals';
import type { Firewall, Networks, PlanNode, PlanPart } from '../../model/types';
import { commaParts, spanOf, type Located, type YamlReader } from '../../source/yaml-nodes';
import { writtenAsIp } from '../../values/ip';
import type { ImportedDocument } from '../input-format';
import type { OuterText } from '../k3s-ansible/scalar-text';
import { endpointOf, readInterface } from '../talos/network';
import { talosPlugin } from '../talos/read';
import { applyPatch, type Patching } from './apply';
import { readFirewall, selectorOf, type WrittenFirewall } from './firewall';
import { fileDocuments, inlineDocuments, patchFile, patchItems } from './patches';
import { envOf, TalenvValues } from './talenv';

/** What reading a talconfig.yaml needs besides its tree: its text (for inline patches) and the files it imports. */
export interface TalconfigContext {
  outer?: OuterText;
  imported: readonly ImportedDocument[];
}

interface WrittenNode {
  node: PlanNode;
  firewall?: WrittenFirewall;
  controlPlane: boolean;
  /** `ipAddress`, added once the patches are applied. */
  ipAddress?: Located<string>;
  patches: Located<string>[];
  overridePatches: boolean;
}

export function readTalconfig(document: Document.Parsed, reader: YamlReader, tick: () => void, context: TalconfigContext): PlanPart {
  const values = new TalenvValues(envOf(context.imported));
  const root = reader.map(document.contents);
  const [nodesNode, rl] = reader.child(root, 'nodes');
  const written = rl.items(nodesNode).map((item, index) => {
    tick();
    return readNode(rl, item, index, values);
  });
  const nodes = written.map((w) => w.node);
  const [cni, rc] = reader.child(root, 'cniConfig');
  const plugin = values.string(rc, rc.map(cni), 'name');
  const part: PlanPart = {
    anchorSpan: reader.keySpan(root, 'clusterName') ?? spanOf(document.contents),
    impliedDistribution: 'talos',
    pluginAt: plugin && talosPlugin(plugin),
    controlPlaneEndpoint: endpointLiteral(endpointOf(values.text(reader, root, 'endpoint'))),
    networks: readNetworks(reader, root, values),
    nodes,
    nodesKeySpan: reader.keySpan(root, 'nodes'),
    firewalls: [],
    services: [],
    unresolved: values.unresolved,
    substitutions: values.substitutions,
    problems: [],
  };
  const patched: Patching = { part, values, firewalls: [] };
  applyPatches(reader, root, written, patched, context, tick);
  for (const w of written) addEndpointAddress(w.node, w.ipAddress, values);
  // The nodes' names are final now: the firewalls name the nodes they apply to. Talos lists a patch's after talhelper's own.
  part.firewalls.push(...ingressFirewalls(reader, root, written, values));
  for (const { firewall, targets } of patched.firewalls) {
    firewall.appliesTo = selectorOf(targets, firewall.span);
    part.firewalls.push(firewall);
  }
  const { lists } = part.networks;
  part.networks.entries = [...(lists.pods ?? []), ...(lists.services ?? [])];
  part.firewalls.forEach((f, i) => (f.index = i));
  part.firewallsKeySpan = part.firewalls[0]?.name?.span;
  return part;
}

/** `ingressFirewall` of each group, then of each node: a node's own replaces its group's. */
function ingressFirewalls(reader: YamlReader, root: YAMLMap | undefined, written: WrittenNode[], values: TalenvValues): Firewall[] {
  const firewalls: Firewall[] = [];
  for (const [group, controlPlane] of [
    ['controlPlane', true],
    ['worker', false],
  ] as const) {
    const [g, rg] = reader.child(root, group);
    const gm = rg.map(g);
    const keySpan = rg.keySpan(gm, 'ingressFirewall');
    if (!keySpan) continue;
    const targets = written.filter((w) => w.controlPlane === controlPlane && !w.firewall).map((w) => w.node);
    const fw = readFirewall({ ...childOf(rg, gm, 'ingressFirewall'), keySpan, name: `ingressFirewall of ${group}` }, targets, values);
    if (fw) firewalls.push(fw);
  }
  for (const w of written) {
    const fw = w.firewall && readFirewall(w.firewall, [w.node], values);
    if (fw) firewalls.push(fw);
  }
  return firewalls;
}

/**
 * The patches in an order that keeps talhelper's for every node (its group's, its own, then the global ones) and
 * puts the control plane's after the workers' for the settings of the whole cluster.
 */
function applyPatches(reader: YamlReader, root: YAMLMap | undefined, written: WrittenNode[], p: Patching, context: TalconfigContext, tick: () => void): void {
  const group = (g: 'controlPlane' | 'worker') => {
    const [n, r] = reader.child(root, g);
    return patchItems(r, r.map(n));
  };
  const members = (controlPlane: boolean) => written.filter((w) => w.controlPlane === controlPlane);
  const ordered: { items: Located<string>[]; targets: PlanNode[] }[] = [];
  for (const [g, controlPlane] of [
    ['worker', false],
    ['controlPlane', true],
  ] as const) {
    ordered.push({
      items: group(g),
      targets: members(controlPlane)
        .filter((w) => !w.overridePatches)
        .map((w) => w.node),
    });
    for (const w of members(controlPlane)) ordered.push({ items: w.patches, targets: [w.node] });
  }
  ordered.push({ items: patchItems(reader, root), targets: written.map((w) => w.node) });
  for (const { items, targets } of ordered) {
    for (const item of items) {
      tick();
      for (const doc of documentsOf(item, p, context)) applyPatch(doc, targets, p);
    }
  }
}

/** A patch's documents: a file's, or those written inline (their YAML problems are input-syntax findings). */
function documentsOf(item: Located<string>, p: Patching, context: TalconfigContext) {
  const file = patchFile(item);
  if (file) {
    // A file named with a variable is not imported (the imports are known before talenv.yaml is read): unresolved.
    const path = p.values.resolved(file);
    if (path !== file) {
      if (path) p.values.unresolved.push(item);
      return [];
    }
    // No documents: the file is missing or broken, which its import or its syntax finding says.
    return fileDocuments(file, context.imported);
  }
  // Go templates in an inline patch are rendered from the machine config before it applies.
  if (item.value.includes('{{')) {
    p.values.unresolved.push({ ...item, value: item.value.split('\n', 1)[0] });
    return [];
  }
  const { documents, problems } = inlineDocuments(item, context.outer, 'the patch');
  p.part.problems!.push(...problems);
  return documents;
}

const childOf = (r: YamlReader, m: YAMLMap | undefined, key: string) => {
  const [node, reader] = r.child(m, key);
  return { node, reader };
};

function readNetworks(r: YamlReader, root: YAMLMap | undefined, values: TalenvValues): Networks {
  const lists: Networks['lists'] = {};
  const keySpans: Networks['keySpans'] = {};
  for (const [kind, key] of [
    ['pods', 'clusterPodNets'],
    ['services', 'clusterSvcNets'],
  ] as const) {
    keySpans[kind] = r.keySpan(root, key);
    const written = values.strings(r, root, key);
    if (written) lists[kind] = written.map((lit) => networkEntry(kind, lit));
  }
  return { lists, keySpans, entries: [] };
}

function readNode(list: YamlReader, item: unknown, index: number, values: TalenvValues): WrittenNode {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const controlPlaneAt = r.scalar<boolean>(m, 'controlPlane', 'boolean');
  const controlPlane = controlPlaneAt?.value === true;
  const roleSpan: Span = controlPlaneAt?.span ?? r.spanOf(n);
  const node: PlanNode = {
    index,
    isMapping: m !== undefined,
    span: r.spanOf(n),
    name: values.string(r, m, 'hostname'),
    // Talos runs etcd on every control-plane node.
    roles: controlPlane
      ? [
          { value: 'control-plane', span: roleSpan },
          { value: 'etcd', span: roleSpan },
        ]
      : [{ value: 'worker', span: roleSpan }],
    interfaces: [],
    interfacesKeySpan: r.keySpan(m, 'networkInterfaces'),
    routes: [],
    sysctls: [],
  };
  const [ifaces, ri] = r.child(m, 'networkInterfaces');
  for (const i of ri.items(ifaces)) readInterface(ri, i, node, values);
  const firewallKey = r.keySpan(m, 'ingressFirewall');
  const firewall = firewallKey && {
    ...childOf(r, m, 'ingressFirewall'),
    keySpan: firewallKey,
    name: `ingressFirewall of ${node.name?.value ?? `node #${index + 1}`}`,
  };
  return {
    node,
    firewall,
    controlPlane,
    ipAddress: r.text(m, 'ipAddress'),
    patches: patchItems(r, m),
    overridePatches: r.scalar<boolean>(m, 'overridePatches', 'boolean')?.value === true,
  };
}

/**
 * `ipAddress` (talosctl's endpoint for the node; a comma list, or a DNS name) is an address the node
 * has: when no interface lists it statically, a DHCP interface's reservation, else an address on an
 * interface the file does not describe (its subnet unknown). A templated one is listed, not judged; a DNS name
 * says the node has an address without saying which; one written as an address that does not parse is reported.
 */
function addEndpointAddress(node: PlanNode, written: Located<string> | undefined, values: TalenvValues): void {
  if (!written) return;
  const interfaceFor = () => {
    let iface = node.interfaces.find((i) => i.dhcp?.value === true);
    if (!iface) {
      iface = { node, span: written.span, addresses: [], listedAddresses: 0 };
      node.interfaces.push(iface);
    }
    return iface;
  };
  const lit = values.resolved(written);
  if (!lit) {
    interfaceFor().listedAddresses++;
    return;
  }
  for (const part of commaParts(lit)) {
    if (!writtenAsIp(part.value.replace(/\/\d*$/, ''))) {
      // A DNS name: the node has an address, which the file does not say.
      interfaceFor().addressUnknown = true;
      continue;
    }
    const address = addressLiteral(part, { prefixKnown: false });
    const { ip } = address;
    if (ip && node.interfaces.some((i) => i.addresses.some((a) => a.ip && a.ip.family === ip.family && a.ip.value === ip.value))) continue;
    const iface = interfaceFor();
    iface.addresses.push({ ...address, iface });
    iface.listedAddresses++;
  }
}
