// A talconfig.yaml → its part of the plan: nodes (hostname, controlPlane, ipAddress, networkInterfaces
// with addresses, DHCP, VLANs, routes and MAC selectors), the cluster's pod and service subnets, its
// CNI and endpoint, and the ingress firewalls. talhelper's `patches` are not read (docs/formats/talhelper.md).
import type { Document, YAMLMap } from 'yaml';
import { addressLiteral, endpointLiteral, networkEntry } from '../../model/literals';
import type { Firewall, Networks, PlanNode, PlanPart } from '../../model/types';
import { commaParts, spanOf, type Located, type YamlReader } from '../../source/yaml-nodes';
import { readFirewall, type WrittenFirewall } from './firewall';
import { endpointOf, readInterface } from '../talos/network';
import { Values } from '../located-values';

export function readTalconfig(document: Document.Parsed, reader: YamlReader, tick: () => void): PlanPart {
  const values = new Values();
  const root = reader.map(document.contents);
  const [nodesNode, rl] = reader.child(root, 'nodes');
  const written: { node: PlanNode; firewall?: WrittenFirewall; controlPlane: boolean }[] = rl.items(nodesNode).map((item, index) => {
    tick();
    return readNode(rl, item, index, values);
  });
  const nodes = written.map((w) => w.node);
  const firewalls: Firewall[] = [];
  // A node's own ingressFirewall replaces its group's.
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
  firewalls.forEach((f, i) => (f.index = i));
  const [cni, rc] = reader.child(root, 'cniConfig');
  const plugin = values.string(rc, rc.map(cni), 'name');
  const part: PlanPart = {
    anchorSpan: reader.keySpan(root, 'clusterName') ?? spanOf(document.contents),
    impliedDistribution: 'talos',
    // talhelper's `custom` and `none` both leave the CNI to the user: kube-netlint checks no CNI port then.
    pluginAt: plugin && { ...plugin, value: plugin.value === 'flannel' ? 'flannel' : 'none' },
    controlPlaneEndpoint: endpointLiteral(endpointOf(values.text(reader, root, 'endpoint'))),
    networks: readNetworks(reader, root, values),
    nodes,
    nodesKeySpan: reader.keySpan(root, 'nodes'),
    firewalls,
    firewallsKeySpan: firewalls.length > 0 ? firewalls[0].name!.span : undefined,
    services: [],
    unresolved: values.unresolved,
  };
  return part;
}

const childOf = (r: YamlReader, m: YAMLMap | undefined, key: string) => {
  const [node, reader] = r.child(m, key);
  return { node, reader };
};

function readNetworks(r: YamlReader, root: YAMLMap | undefined, values: Values): Networks {
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
  return { lists, keySpans, entries: [...(lists.pods ?? []), ...(lists.services ?? [])] };
}

function readNode(list: YamlReader, item: unknown, index: number, values: Values): { node: PlanNode; firewall?: WrittenFirewall; controlPlane: boolean } {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const controlPlaneAt = r.scalar<boolean>(m, 'controlPlane', 'boolean');
  const controlPlane = controlPlaneAt?.value === true;
  const roleSpan = controlPlaneAt?.span ?? r.spanOf(n);
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
  addEndpointAddress(node, r.text(m, 'ipAddress'), values);
  const firewallKey = r.keySpan(m, 'ingressFirewall');
  const firewall = firewallKey && {
    ...childOf(r, m, 'ingressFirewall'),
    keySpan: firewallKey,
    name: `ingressFirewall of ${node.name?.value ?? `node #${index + 1}`}`,
  };
  return { node, firewall, controlPlane };
}

/**
 * `ipAddress` (talosctl's endpoint for the node; a comma list, or a DNS name) is an address the node
 * has: when no interface lists it statically, a DHCP interface's reservation, else an address on an
 * interface the file does not describe (its subnet unknown). A templated one is listed, not judged.
 */
function addEndpointAddress(node: PlanNode, lit: Located<string> | undefined, values: Values): void {
  if (!lit) return;
  const interfaceFor = () => {
    let iface = node.interfaces.find((i) => i.dhcp?.value === true);
    if (!iface) {
      iface = { node, span: lit.span, addresses: [], listedAddresses: 0 };
      node.interfaces.push(iface);
    }
    return iface;
  };
  if (!values.resolved(lit)) {
    interfaceFor().listedAddresses++;
    return;
  }
  for (const part of commaParts(lit)) {
    const address = addressLiteral(part, { prefixKnown: false });
    if (!address.ip) continue; // a DNS name
    const listed = node.interfaces.some((i) => i.addresses.some((a) => a.ip && a.ip.family === address.ip!.family && a.ip.value === address.ip!.value));
    if (listed) continue;
    const iface = interfaceFor();
    iface.addresses.push({ ...address, iface });
    iface.listedAddresses++;
  }
}
