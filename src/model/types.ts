// The plan model: typed values that each keep the span of the YAML node they came from.
import type { Document } from 'yaml';
import type { Endpoint } from '../values/endpoint';
import type { Cidr, IpAddress } from '../values/ip';
import type { PortRange } from '../values/ports';
import type { Span } from '../core/types';
import type { SourceFile } from '../source/source-file';
import type { Located, YamlReader } from '../source/yaml-nodes';
import type { CniPlugin, Distribution } from '../domain/network-defaults';
import type { NetworkList } from '../domain/network-names';
import type { SchemaReport } from '../schema/validate';

export type { Located } from '../source/yaml-nodes';
export type { CniPlugin, Distribution } from '../domain/network-defaults';

export type NetworkKind = NetworkList | 'reserved';

/** A CIDR literal under `networks`; `cidr` is set when it parses, `error` says why not. */
export interface NetworkEntry extends Located<string> {
  kind: NetworkKind;
  /** Reserved networks have a name; the others are named by their kind. */
  name?: string;
  cidr?: Cidr;
  error?: string;
}

/** A pod or service network in force: declared, or the distribution's / CNI's default. */
export interface EffectiveNetwork {
  kind: 'pods' | 'services';
  cidr: Cidr;
  text: string;
  /** The declared entry, or for a default the node whose presence (or absence) implies it. */
  span: Span;
  declared?: NetworkEntry;
  /** For a default: where it comes from, e.g. `the default pod CIDR of calico`. */
  defaultOf?: string;
  /** For a default: the `networks` key whose absence puts it in force. */
  unsetKey?: 'pods' | 'services';
}

/** An address with an optional `/prefix`; `ip` is set when it parses, `error` says why not. */
export interface AddressLiteral extends Located<string> {
  /** The address; written as an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`), the IPv4 address it stands for. */
  ip?: IpAddress;
  /** The subnet written with the address (`/24`), when there is one; none for an IPv4-mapped address. */
  subnet?: Cidr;
  /** Written as an IPv4-mapped IPv6 address. */
  mapped?: boolean;
  /** Why the address cannot be a host's own (`a loopback address`), when it cannot. */
  special?: string;
  /** The format writes no prefix for the address: its subnet is unknown, not a host route (rules needing it stay silent). */
  subnetUnknown?: true;
  error?: string;
}

export interface AddressEntry extends AddressLiteral {
  iface: NodeInterface;
}

export interface MacEntry extends Located<string> {
  /** Lower-case, colon-separated: equal for every spelling of one MAC. */
  normalized?: string;
  /** A glob that selects interfaces by MAC (Talos `00:50:56:*`), lower-case: not a MAC, and never invalid. */
  pattern?: string;
  error?: string;
}

export interface NodeInterface {
  node: PlanNode;
  span: Span;
  name?: Located<string>;
  mac?: MacEntry;
  dhcp?: Located<boolean>;
  addresses: AddressEntry[];
  /** Items listed under `addresses`, whatever their type (a number is the schema's finding, but listed). */
  listedAddresses: number;
  /** The interface has an address the format does not say (kubespray's default-route address): not a node without one. */
  addressUnknown?: true;
  addressesKeySpan?: Span;
}

/** A route's destination: a CIDR, a bare address (a host route), or `default` (all addresses of the gateway's family). */
export interface RouteDestination extends Located<string> {
  isDefault: boolean;
  /** Set when it parses; for `default`, only when the gateway does (it gives the family). */
  cidr?: Cidr;
  error?: string;
}

export interface Route {
  node: PlanNode;
  /** The whole list item. */
  span: Span;
  to?: RouteDestination;
  via?: AddressLiteral;
  metric?: Located<number>;
}

/** One declared sysctl; `name` is dotted (`net/ipv4/ip_forward` is read as `net.ipv4.ip_forward`). */
export interface Sysctl extends Located<string | number | boolean> {
  name: string;
}

export interface PlanNode {
  index: number;
  /** False when the list item is not a mapping (the schema reports it; rules about content skip it). */
  isMapping: boolean;
  /** The whole list item. */
  span: Span;
  name?: Located<string>;
  roles: Located<string>[];
  interfaces: NodeInterface[];
  interfacesKeySpan?: Span;
  routes: Route[];
  sysctls: Sysctl[];
}

export interface Networks {
  keySpan?: Span;
  /** Undefined when the list is not set; the key spans say where each list is. */
  lists: Partial<Record<Exclude<NetworkKind, 'reserved'>, NetworkEntry[]>> & { reserved?: NetworkEntry[] };
  keySpans: Partial<Record<NetworkKind, Span>>;
  /** Every entry of every list (nodes, pods, services, trusted, reserved), in that order. */
  entries: NetworkEntry[];
  nodeCidrMaskSize?: Located<number>;
  nodeCidrMaskSizeIPv6?: Located<number>;
  /** The kubelet's maxPods, when the plan sets it. */
  maxPods?: Located<number>;
  clusterDNS?: AddressLiteral;
  nodePortRange?: PortItem;
}

/** `controlPlaneEndpoint`; `endpoint` is set when it parses, `error` says why not. */
export interface EndpointLiteral extends Located<string> {
  endpoint?: Endpoint;
  error?: string;
}

/**
 * What one input document says about the plan, as its input format reads it: the plan is merged from
 * the parts of its documents (src/model/build.ts).
 */
export interface PlanPart {
  /** Where plan-wide findings point: ClusterPlan's `spec` key. */
  anchorSpan: Span;
  distributionAt?: Located<string>;
  /** The distribution the format itself stands for (a talconfig.yaml is Talos), when no document names one. */
  impliedDistribution?: Distribution;
  pluginAt?: Located<string>;
  modeAt?: Located<string>;
  controlPlaneEndpoint?: EndpointLiteral;
  networks: Networks;
  nodes: PlanNode[];
  nodesKeySpan?: Span;
  firewalls: Firewall[];
  firewallsKeySpan?: Span;
  services: PlanService[];
  /** Values a template fills in (`{{ ip }}`, `${talosVersion}`): not judged, only counted (import-unresolved). */
  unresolved?: Located<string>[];
  /** The format's own defaults for what the document leaves out (kubespray's pod CIDR), where it has its own. */
  defaults?: FormatDefaults;
  /**
   * Set for a layer of variables (Ansible's inventory and group_vars): among layered parts a value set in
   * several takes the highest layer's (the later part's on a tie), as Ansible's precedence does, and is no conflict.
   */
  layer?: number;
  /**
   * Where the document says its nodes join a control plane it does not describe (a k3s agent's `server`,
   * a kubeadm JoinConfiguration, a ClusterConfiguration that `kubeadm init` reads on a control-plane node it
   * does not list): the plan then lacks no control plane.
   */
  joins?: Span;
  /** The document's format never says how nodes are filtered (InputFormat.firewallsElsewhere). */
  firewallsUnknown?: boolean;
  /**
   * The document defines firewalls kube-netlint could not read, none of whose rules is known (a Terraform security
   * group whose rules are all `dynamic`): they are counted (import-unresolved), and the nodes' filtering is unknown.
   */
  firewallsUnread?: true;
  /** Lines of the document's own syntax that do not parse (an INI inventory's): input-syntax reports them. */
  problems?: { span: Span; message: string }[];
  /** Values written in one place and used in another (talhelper's `${VAR}` from talenv.yaml). */
  substitutions?: Substitution[];
}

/**
 * A value written in one place and used in another (talhelper's `${VAR}`, filled in from talenv.yaml): a finding
 * at the one gets the other as a related location, so that both the value and where it lands are in view.
 */
export interface Substitution {
  /** The value's text (in talenv.yaml). */
  value: Span;
  /** The scalar it is used in (in talconfig.yaml): the whole `${VAR}`, or a scalar it is part of. */
  use: Span;
  /** How the use names it: `${clusterEndpointIP}`. */
  name: string;
}

/** Defaults an input format (an installer) applies instead of the distribution's, with where they come from. */
export interface FormatDefaults {
  /** Who applies them, for messages: `kubespray`. */
  by: string;
  pods?: string[];
  services?: string[];
  /** The network plugin and its mode when nothing sets them (kubespray: calico with VXLAN). */
  plugin?: CniPlugin;
  mode?: string;
  /** Where a finding about a default points: the key or document that implies it. */
  span: Span;
}

/** A value set in two documents of one plan (a file and one it imports): the first one holds. */
export interface Conflict {
  /** Which value: named as the plan's format writes its key (KeyNames). */
  key: keyof KeyNames;
  first: Span;
  second: Span;
}

/** The keys findings name, as the plan's input format writes them (ClusterPlan: `networks.pods`). */
export interface KeyNames {
  pods: string;
  services: string;
  /** The node networks. */
  nodes: string;
  /** The prefix length of each node's pod block, IPv4 (or the only family), and IPv6 in a dual-stack cluster. */
  nodeCidrMaskSize: string;
  nodeCidrMaskSizeIPv6: string;
  maxPods: string;
  trusted: string;
  clusterDNS: string;
  nodePortRange: string;
  distribution: string;
  cniPlugin: string;
  cniMode: string;
  controlPlaneEndpoint: string;
  /** Where the plan's firewalls are written, as a message says it (`firewalls`, with its backticks). */
  firewalls: string;
}

/** One document of the plan's input set. */
export interface PlanDocument {
  document: Document.Parsed;
  /** The document as plain JS (what the schema validates). */
  value: unknown;
  reader: YamlReader;
  /** Its input format's schema check, when the format has a schema. */
  validate?: (value: unknown, contents: unknown, reader: YamlReader, document?: Document.Parsed) => SchemaReport;
}

export interface Plan {
  /** The text every span of the plan indexes: the linted file, then each imported one (see SourceSet). */
  source: SourceFile;
  /** The linted document, then the documents it imports, in import order. */
  documents: readonly PlanDocument[];
  /** Values that two of those documents set. */
  conflicts: Conflict[];
  /** How the linted document's format names the keys findings mention. */
  keyNames: KeyNames;
  /** The `spec` key, or the document when there is none: where plan-wide findings point. */
  anchorSpan: Span;
  /**
   * The clock.now() time past which the file's time budget is spent: shared analysis that can grow
   * faster than the plan (firewall policies) checks it and throws PAST_DEADLINE, as rules poll it.
   */
  deadline: number;
  distribution: Distribution;
  distributionAt?: Located<string>;
  cni: { plugin: CniPlugin; pluginAt?: Located<string>; mode?: string; modeAt?: Located<string> };
  controlPlaneEndpoint?: EndpointLiteral;
  networks: Networks;
  pods: EffectiveNetwork[];
  services: EffectiveNetwork[];
  nodes: PlanNode[];
  /** The `nodes` key, where findings about the node list as a whole point. */
  nodesKeySpan?: Span;
  firewalls: Firewall[];
  /** Whether `spec.firewalls` is set (an empty list is a decision, not an omission). */
  firewallsKeySpan?: Span;
  /** `spec.services` (not to be confused with `services`, the service CIDRs in force). */
  declaredServices: PlanService[];
  /** Per document with templated values, those values in order (import-unresolved reports them). */
  unresolved: Located<string>[][];
  /**
   * No firewall in the plan, and its nodes come from a format that never carries one (`elsewhere`), or its
   * firewalls could not be read (`unread`): whether the nodes are filtered is unknown, so nodes without a
   * firewall are not judged exposed (no-firewall says so).
   */
  firewallsUnknown: false | 'elsewhere' | 'unread';
  /** Where a document says its nodes join a control plane described elsewhere (PlanPart.joins). */
  joins?: Span;
  /** The input-syntax problems of the plan's documents. */
  problems: { span: Span; message: string }[];
  /** The values of the plan's documents used elsewhere (PlanPart.substitutions). */
  substitutions: Substitution[];
}

/** `appliesTo` / `runsOn`: `all`, or roles and node names (a node matching either is selected). */
export interface Selector {
  span: Span;
  all: boolean;
  roles: Located<string>[];
  nodes: Located<string>[];
  /** Not written but implied by the format (a Talos machine config's firewall is its machine's): an import's `appliesTo` replaces it. */
  implied?: boolean;
}

/** One item of `ports`: a port or a range; `range` is set when it is valid, `error` says why not. */
export interface PortItem extends Located<string | number> {
  range?: PortRange;
  error?: string;
}

export interface FirewallRule {
  firewall: Firewall;
  index: number;
  /** The whole list item: where findings about the rule point. */
  span: Span;
  /** A security group's rule may leave `action` out: it allows, and `action` is located at the whole rule. */
  action: Located<'allow' | 'deny'>;
  /** `any` when unset. */
  protocol: number | 'any';
  protocolAt?: Located<string | number>;
  /** Undefined when unset (all ports); invalid items are left out of `ranges`. */
  ports?: PortItem[];
  portsKeySpan?: Span;
  /** Undefined when unset (any source). */
  from?: Located<string>[];
  /**
   * Only packets that come in through one of these node interfaces (a firewalld zone's `--add-interface`): the
   * sources the plan's node interfaces route through them (src/analysis/arrival.ts). Undefined: any interface.
   */
  arrivesOn?: Located<string>[];
  comment?: string;
  /** What findings call the rule: `rule "allow-api" (2) of firewall "control-plane"`. */
  name?: Located<string>;
  description?: string;
}

/**
 * `host`: an ordered list, first match wins, then `defaultAction` (iptables, nftables, firewalld). `security-group`:
 * a union of allows, unordered, denying what no rule allows (AWS security groups, Hetzner Cloud firewalls).
 */
export type FirewallType = 'host' | 'security-group';

export interface Firewall {
  index: number;
  span: Span;
  name?: Located<string>;
  appliesTo?: Selector;
  /** `host` unless `type: security-group` is written. */
  type: FirewallType;
  /** For a security group always `deny`: it denies what no rule allows, whatever `defaultAction` says. */
  defaultAction: 'allow' | 'deny';
  /** The `defaultAction` value; unset means deny. */
  defaultActionAt?: Located<string>;
  /** Rules with a valid action, in order (others, and a security group's deny rules, are the schema's findings). */
  rules: FirewallRule[];
}

/** An entry of `spec.services`: a workload listening on nodes. */
export interface PlanService {
  index: number;
  span: Span;
  name?: Located<string>;
  protocol: number | 'any';
  /** The `port` and `ports` items; an invalid one matches no port. None written: every port. */
  ports: PortItem[];
  /** The `port` item, also in `ports`: the schema wants a number there, so a string is its finding. */
  port?: PortItem;
  on?: Selector;
  exposure: 'internal' | 'public';
  exposureAt?: Located<string>;
}
