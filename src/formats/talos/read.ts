// A Talos machine config → its part of the plan: the machine's node (hostname, type, interfaces,
// sysctls), the cluster's networks, CNI and endpoint, the kubelet's maxPods and cluster DNS; and each
// ingress firewall document → a host firewall: NetworkDefaultActionConfig's default (`block` denies, `accept`,
// Talos's default, allows), each NetworkRuleConfig's rule (src/formats/talos/rules.ts). The firewalls of a
// file combine as one ordered list on its node: the rules in file order, denied by default when any says block.
import type { Document, YAMLMap } from 'yaml';
import { addressLiteral, endpointLiteral, networkEntry, portItem } from '../../model/literals';
import type { Firewall, FirewallRule, Networks, NodeInterface, PlanNode, PlanPart, Sysctl } from '../../model/types';
import { spanOf, type Located, type YamlReader } from '../../source/yaml-nodes';
import { Values } from '../located-values';
import { talosKind } from './detect';
import { endpointOf, readInterface } from './network';
import { readRule } from './rules';

export function readTalosDocument(document: Document.Parsed, reader: YamlReader, tick: () => void): PlanPart {
  const values = new Values();
  const root = reader.map(document.contents);
  const part: PlanPart = {
    anchorSpan: spanOf(document.contents),
    impliedDistribution: 'talos',
    networks: { lists: {}, keySpans: {}, entries: [] },
    nodes: [],
    firewalls: [],
    services: [],
    unresolved: values.unresolved,
  };
  const kind = talosKind(document.contents);
  if (kind === 'machine') readMachineConfig(reader, root!, part, values, tick);
  else if (kind) part.firewalls.push(readFirewallDocument(reader, root!, kind, values));
  return part;
}

function readMachineConfig(reader: YamlReader, root: YAMLMap, part: PlanPart, values: Values, tick: () => void): void {
  tick();
  const [machine, rm] = reader.child(root, 'machine');
  const mm = rm.map(machine);
  part.anchorSpan = reader.keySpan(root, 'machine') ?? part.anchorSpan;
  const type = values.string(rm, mm, 'type');
  const roleSpan = type?.span ?? part.anchorSpan;
  const [network, rn] = rm.child(mm, 'network');
  const nm = rn.map(network);
  const node: PlanNode = {
    index: 0,
    isMapping: true,
    span: part.anchorSpan,
    name: values.string(rn, nm, 'hostname'),
    // `init` is the older name of the first control-plane node; every control-plane node runs etcd.
    roles:
      type?.value === 'controlplane' || type?.value === 'init'
        ? [
            { value: 'control-plane', span: roleSpan },
            { value: 'etcd', span: roleSpan },
          ]
        : [{ value: 'worker', span: roleSpan }],
    interfaces: [],
    interfacesKeySpan: rn.keySpan(nm, 'interfaces'),
    routes: [],
    sysctls: readSysctls(rm, mm),
  };
  const [ifaces, ri] = rn.child(nm, 'interfaces');
  for (const item of ri.items(ifaces)) readInterface(ri, item, node, values);
  // Without interfaces configured Talos takes DHCP on every link: the node has an address the file does not say.
  if (!node.interfaces.some((i) => i.listedAddresses > 0 || i.dhcp?.value === true)) {
    const unknown: NodeInterface = { node, span: node.span, addresses: [], listedAddresses: 0, addressUnknown: true };
    node.interfaces.push(unknown);
  }
  part.nodes.push(node);

  const [kubelet, rk] = rm.child(mm, 'kubelet');
  const km = rk.map(kubelet);
  const [extra, re] = rk.child(km, 'extraConfig');
  const maxPods = re.scalar<number>(re.map(extra), 'maxPods', 'number');
  const dns = values.strings(rk, km, 'clusterDNS')?.[0];

  const [cluster, rc] = reader.child(root, 'cluster');
  const cm = rc.map(cluster);
  const [clusterNetwork, rcn] = rc.child(cm, 'network');
  const cnm = rcn.map(clusterNetwork);
  part.networks = readNetworks(rcn, cnm, values);
  part.networks.maxPods = maxPods;
  if (dns) part.networks.clusterDNS = addressLiteral(dns);
  const masks = extraArgs(rc, cm, 'controllerManager', values);
  part.networks.nodeCidrMaskSize = number(masks('node-cidr-mask-size-ipv4') ?? masks('node-cidr-mask-size'));
  part.networks.nodeCidrMaskSizeIPv6 = number(masks('node-cidr-mask-size-ipv6'));
  part.networks.nodePortRange = portItem(extraArgs(rc, cm, 'apiServer', values)('service-node-port-range'));
  const [cni, rcni] = rcn.child(cnm, 'cni');
  const plugin = values.string(rcni, rcni.map(cni), 'name');
  // `custom` and `none` leave the CNI to the user: no CNI port is required then.
  if (plugin) part.pluginAt = { ...plugin, value: plugin.value === 'flannel' ? 'flannel' : 'none' };
  const [cp, rcp] = rc.child(cm, 'controlPlane');
  part.controlPlaneEndpoint = endpointLiteral(endpointOf(values.text(rcp, rcp.map(cp), 'endpoint')));
  // A worker joins the control plane at the endpoint, which other machine configs describe.
  if (!node.roles.some((r) => r.value === 'control-plane')) part.joins = rcp.keySpan(rcp.map(cp), 'endpoint') ?? roleSpan;
}

function readNetworks(r: YamlReader, m: YAMLMap | undefined, values: Values): Networks {
  const networks: Networks = { lists: {}, keySpans: {}, entries: [] };
  for (const [kind, key] of [
    ['pods', 'podSubnets'],
    ['services', 'serviceSubnets'],
  ] as const) {
    networks.keySpans[kind] = r.keySpan(m, key);
    const written = values.strings(r, m, key);
    if (!written) continue;
    networks.lists[kind] = written.map((lit) => networkEntry(kind, lit));
    networks.entries.push(...networks.lists[kind]);
  }
  return networks;
}

/** A component's `extraArgs` value, by flag name. */
function extraArgs(r: YamlReader, cluster: YAMLMap | undefined, component: string, values: Values): (flag: string) => Located<string> | undefined {
  const [c, rc] = r.child(cluster, component);
  const [args, ra] = rc.child(rc.map(c), 'extraArgs');
  const am = ra.map(args);
  return (flag) => values.string(ra, am, flag);
}

const number = (lit: Located<string> | undefined): Located<number> | undefined =>
  lit && /^\d+$/.test(lit.value) ? { ...lit, value: Number(lit.value) } : undefined;

/** `machine.sysctls`, with slash-separated names read as dotted ones, as sysctl(8) does. */
function readSysctls(r: YamlReader, machine: YAMLMap | undefined): Sysctl[] {
  const [sysctls, rs] = r.child(machine, 'sysctls');
  const out: Sysctl[] = [];
  for (const pair of rs.map(sysctls)?.items ?? []) {
    const [v, rv] = rs.enter(pair.value);
    const value = (v as { value?: unknown } | undefined)?.value;
    if (!['string', 'number', 'boolean'].includes(typeof value)) continue;
    out.push({
      name: String((pair.key as { value?: unknown }).value).replaceAll('/', '.'),
      value: value as Sysctl['value'],
      span: rv.spanOf(v),
      keySpan: rs.spanOf(pair.key),
    });
  }
  return out;
}

function readFirewallDocument(reader: YamlReader, root: YAMLMap, kind: 'NetworkDefaultActionConfig' | 'NetworkRuleConfig', values: Values): Firewall {
  const span = spanOf(root);
  const name = values.string(reader, root, 'name');
  const firewall: Firewall = {
    index: 0,
    span,
    name: { value: kind === 'NetworkRuleConfig' && name ? `NetworkRuleConfig ${name.value}` : kind, span: reader.keySpan(root, 'kind') ?? span },
    // A machine config's firewall is its machine's: every node of its file, unless an import says which.
    appliesTo: { span, all: true, roles: [], nodes: [], implied: true },
    type: 'host',
    defaultAction: 'allow',
    rules: [],
  };
  if (kind === 'NetworkDefaultActionConfig') {
    firewall.defaultActionAt = values.string(reader, root, 'ingress');
    if (firewall.defaultActionAt?.value === 'block') firewall.defaultAction = 'deny';
    return firewall;
  }
  const add = (rule: Omit<FirewallRule, 'firewall' | 'index'>) => firewall.rules.push({ ...rule, firewall, index: firewall.rules.length });
  readRule(add, reader, root, span, values, { closing: true });
  return firewall;
}
