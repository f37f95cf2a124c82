// A Talos machine config → its part of the plan: the machine's node (hostname, type, interfaces,
// sysctls), the cluster's networks, CNI and endpoint, the kubelet's maxPods and cluster DNS; and each
// ingress firewall document → a host firewall: NetworkDefaultActionConfig's default (`block` denies, `accept`,
// Talos's default, allows), each NetworkRuleConfig's rule (src/formats/talos/rules.ts). The firewalls of a
// file combine as one ordered list on its node: the rules in file order, denied by default when any says block.
import type { Document, YAMLMap } from 'yaml';
import { endpointLiteral } from '../../model/literals';
import type { Firewall, FirewallRule, NodeInterface, PlanNode, PlanPart } from '../../model/types';
import { spanOf, type Located, type YamlReader } from '../../source/yaml-nodes';
import { Values } from '../located-values';
import { talosKind } from './detect';
import { readMachine } from './machine';
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
  part.anchorSpan = reader.keySpan(root, 'machine') ?? part.anchorSpan;
  const node: PlanNode = { index: 0, isMapping: true, span: part.anchorSpan, roles: [], interfaces: [], routes: [], sysctls: [] };
  const facts = readMachine(reader, root, node, values);
  const roleSpan = facts.type?.span ?? part.anchorSpan;
  node.name = facts.hostname;
  // `init` is the older name of the first control-plane node; every control-plane node runs etcd.
  node.roles =
    facts.type?.value === 'controlplane' || facts.type?.value === 'init'
      ? [
          { value: 'control-plane', span: roleSpan },
          { value: 'etcd', span: roleSpan },
        ]
      : [{ value: 'worker', span: roleSpan }];
  node.interfacesKeySpan = facts.interfacesKeySpan;
  node.sysctls = facts.sysctls;
  // Without interfaces configured Talos takes DHCP on every link: the node has an address the file does not say.
  if (!node.interfaces.some((i) => i.listedAddresses > 0 || i.dhcp?.value === true)) {
    const unknown: NodeInterface = { node, span: node.span, addresses: [], listedAddresses: 0, addressUnknown: true };
    node.interfaces.push(unknown);
  }
  part.nodes.push(node);
  part.networks = facts.networks;
  // `custom` and `none` leave the CNI to the user: no CNI port is required then.
  if (facts.plugin) part.pluginAt = talosPlugin(facts.plugin);
  part.controlPlaneEndpoint = endpointLiteral(facts.endpoint);
  // A worker joins the control plane at the endpoint, which other machine configs describe.
  if (!node.roles.some((r) => r.value === 'control-plane')) part.joins = facts.endpointKeySpan ?? roleSpan;
}

/** Talos's CNI names: `flannel` is installed; `custom` and `none` leave the CNI to the user (no CNI port is required). */
export const talosPlugin = (name: Located<string>): Located<string> => ({ ...name, value: name.value === 'flannel' ? 'flannel' : 'none' });

export function readFirewallDocument(reader: YamlReader, root: YAMLMap, kind: 'NetworkDefaultActionConfig' | 'NetworkRuleConfig', values: Values): Firewall {
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
