// kubespray inventories: `inventory.ini` / `hosts.ini` (Ansible's INI dialect) or `hosts.yaml`, with the
// group_vars and host_vars files beside them. An inventory imports its group_vars as layers (`kubespray-vars`):
// a variable set in several of them takes the value Ansible would (the deeper group, the later file), and
// a ClusterPlan that imports the inventory still conflicts with any of them. It imports each host's host_vars
// files (`kubespray-host-vars`) too, and reads the host's address from them itself (vars-files.ts).
import { Document, isMap } from 'yaml';
import type { Span } from '../../core/types';
import type { KeyNames } from '../../model/types';
import type { SchemaReport } from '../../schema/validate';
import type { ParsedDocument, ParseResult } from '../../source/parse';
import { YamlReader } from '../../source/yaml-nodes';
import { keptInAPlan, type ImportEntry, type InputFormat } from '../input-format';
import { Values } from '../located-values';
import { parseAnsibleIni, type IniInventory } from './ansible-ini'; // on demand
import { kubesprayAsserts } from './asserts'; // on demand
import { isIniInventory, isYamlInventory, looksLikeInventory } from './detect';
import { inventoryOfIni, inventoryOfYaml, readVars, type Inventory, type Vars } from './inventory';
import { INVENTORY_LAYER, readInventory } from './read'; // on demand
import { variablesPart } from './variables'; // on demand
import { groupVarsPaths, HOST_VARS_FORMAT, HOST_VARS_PATHS, hostVarsOf, unresolvedAddresses } from './vars-files';

/** An INI inventory has no YAML tree: its document stands for the parse, kept here. */
const iniInventories = new WeakMap<Document.Parsed, { ini: IniInventory; anchor: Span }>();

const keyNames: KeyNames = {
  ...keptInAPlan('the inventory'),
  pods: 'kube_pods_subnet',
  services: 'kube_service_addresses',
  nodeCidrMaskSize: 'kube_network_node_prefix',
  nodeCidrMaskSizeIPv6: 'kube_network_node_prefix_ipv6',
  maxPods: 'kubelet_max_pods',
  clusterDNS: 'skydns_server',
  nodePortRange: 'kube_apiserver_node_port_range',
  distribution: 'the distribution (kubeadm, for kubespray)',
  cniPlugin: 'kube_network_plugin',
  cniMode: 'the plugin mode (calico_vxlan_mode, calico_ipip_mode, flannel_backend_type, cilium_tunnel_mode)',
  controlPlaneEndpoint: 'loadbalancer_apiserver',
};

function inventoryOf(doc: Document.Parsed, reader = new YamlReader(doc)): Inventory {
  const ini = iniInventories.get(doc);
  return ini ? inventoryOfIni(ini.ini, ini.anchor) : inventoryOfYaml(doc, reader);
}

/** kubespray's checks of the variables an inventory sets, for any group or host. */
function validateInventory(contents: unknown, reader: YamlReader, document?: Document.Parsed): SchemaReport {
  const inventory = document ? inventoryOf(document, reader) : inventoryOfYaml({ contents: contents as Document.Parsed['contents'] }, reader);
  const sets = [...[...inventory.groups.values()].map((g) => g.vars), ...[...inventory.hosts.values()].map((h) => h.vars)];
  return { problems: kubesprayAsserts(sets) };
}

/** An INI inventory as one document; its problems are the kubespray part's, its comments may be directives. */
function parseIni(text: string, base: number, tick?: () => void): ParseResult {
  const ini = parseAnsibleIni(text, { base, tick });
  const doc = new Document(null) as unknown as Document.Parsed;
  doc.range = [base, base + text.length, base + text.length];
  const first = [...ini.groups.values()].find((g) => g.sections.length > 0)?.sections[0].span ?? ([base, base] as const);
  iniInventories.set(doc, { ini, anchor: first });
  const comments = ini.comments.filter((c) => c.text.includes('kube-netlint-')).map((c) => ({ span: c.span, text: c.text.replace(/^;/, '#') }));
  return { ok: true, documents: [{ doc, source: text, errors: [], warnings: [] }], comments };
}

/** Ansible's group depth: `all`, then the cluster group, then the groups in it. */
const depthOf = (group: string) => (group === 'all' ? 1 : group === 'k8s_cluster' || group === 'k8s-cluster' ? 2 : 3);

/** The group_vars files, `all` first and the deeper groups after (each a layer), then the host_vars files. */
function importsOf(doc: Document.Parsed): ImportEntry[] {
  const inventory = inventoryOf(doc);
  const groups = ['all', ...[...inventory.groups.keys()].filter((g) => g !== 'all')].sort((a, b) => depthOf(a) - depthOf(b));
  const entry = (path: string, span: Span, format: string, layer?: number): ImportEntry => ({
    span,
    path: { value: path, span },
    format: { value: format, span },
    optional: true,
    ...(layer === undefined ? {} : { layer }),
  });
  return [
    ...groups.flatMap((group) => {
      const span = inventory.groups.get(group)?.span ?? inventory.anchor;
      return groupVarsPaths(group).map((path) => entry(path, span, 'kubespray-vars', depthOf(group)));
    }),
    ...HOST_VARS_PATHS.map((path) => entry(path, inventory.anchor, HOST_VARS_FORMAT)),
  ];
}

export const kubespray: InputFormat = {
  id: 'kubespray',
  keyNames,
  looksLike: looksLikeInventory,
  // Forced, a YAML inventory stays YAML: only a text that is not YAML is read as INI.
  parse: (text, { base, filePath, force, tick }) => (isIniInventory(text, force ? undefined : filePath) ? parseIni(text, base, tick) : undefined),
  claims: (d) => iniInventories.has(d.doc) || isYamlInventory(d),
  imports: importsOf,
  impliedImports: true,
  read: (doc, tick, context) => readInventory(inventoryOf(doc), tick, hostVarsOf(context?.imported ?? [])),
  validate: (_, contents, reader, document) => validateInventory(contents, reader, document),
  fixable: false,
  firewallsElsewhere: true,
};

/** A variables file's variables. */
function varsOf(reader: YamlReader, contents: unknown): Vars {
  const vars: Vars = new Map();
  readVars(reader, contents, vars);
  return vars;
}

/** kubespray's checks of the variables a variables file sets. */
const validateVars = (_: unknown, contents: unknown, reader: YamlReader): SchemaReport => ({ problems: kubesprayAsserts([varsOf(reader, contents)]) });

/** What group_vars and host_vars files have in common: mappings of variables, read when an inventory imports them. */
const variablesFile = {
  keyNames,
  importedOnly: true,
  looksLike: () => false,
  claims: (d: ParsedDocument) => isMap(d.doc.contents),
  imports: () => [],
  validate: validateVars,
  fixable: false,
} satisfies Omit<InputFormat, 'id' | 'read'>;

/** A group_vars file: variables only, read when an inventory imports it. */
export const kubesprayVars: InputFormat = {
  ...variablesFile,
  id: 'kubespray-vars',
  read: (doc) => {
    const reader = new YamlReader(doc);
    const part = variablesPart(varsOf(reader, doc.contents), new Values(), reader.spanOf(doc.contents));
    part.layer = INVENTORY_LAYER + 1;
    return part;
  },
};

/**
 * A host_vars file: its host's variables, which the inventory that imports it reads the node's address from.
 * Its own part says nothing of the cluster (a host's settings of cluster variables are that host's alone); it
 * counts the templated address variables, as their file's.
 */
export const kubesprayHostVars: InputFormat = {
  ...variablesFile,
  id: HOST_VARS_FORMAT,
  read: (doc) => {
    const reader = new YamlReader(doc);
    const values = new Values();
    unresolvedAddresses(varsOf(reader, doc.contents), values);
    return {
      anchorSpan: reader.spanOf(doc.contents),
      networks: { lists: {}, keySpans: {}, entries: [] },
      nodes: [],
      firewalls: [],
      services: [],
      unresolved: values.unresolved,
    };
  },
};
