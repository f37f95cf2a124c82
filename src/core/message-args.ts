// Message arguments as data: what a finding names (a node, a network and where it comes from, the rule
// that decides a packet, a packet, a count, a list, a suggestion), and the one renderer that words them.
// Plain values, no model objects, so a finding's arguments could be serialised; analysis builds them
// from the model (src/analysis/witness.ts, node-interfaces.ts, cluster-networks.ts).

/** A node: `"worker-1"`, or `#3` (its 1-based place in the plan) when it has no name. */
export interface NodeArg {
  type: 'node';
  name?: string;
  /** 0-based place in the plan's nodes. */
  index: number;
}

/** Several nodes alike, the first standing for them all: `node "worker-7" (and 999 other nodes on 10.0.0.0/24)`. */
export interface NodesArg {
  type: 'nodes';
  first: NodeArg;
  total: number;
  /** What the others share with the first, as the rule words it (`with the same subnets and routes`). */
  alike?: string;
}

/** A node's interface: `"eth0"`, or `#2` (its 1-based place in the node's interfaces). */
export interface InterfaceArg {
  type: 'interface';
  name?: string;
  index: number;
}

/** A declared service: `service "ingress"`, or `service #2`; with its exposure, `service "ingress" (exposure: internal)`. */
export interface ServiceArg {
  type: 'service';
  name?: string;
  index: number;
  exposure?: string;
}

/** A firewall, named for its layer: `firewall "control-plane"`, `firewall #2`, `security group "sg-workers"`. */
export interface FirewallArg {
  type: 'firewall';
  kind: 'host' | 'security-group';
  name?: string;
  index: number;
}

/** A firewall rule: `rule "allow-api" (2) of firewall "cp"`; unnamed, `rule 2 ("its comment") of firewall "cp"`. */
export interface RuleArg {
  type: 'rule';
  name?: string;
  index: number;
  comment?: string;
  firewall: FirewallArg;
}

/** A decision by a firewall's default: `the default action (deny) of firewall "cp"`. */
export interface DefaultActionArg {
  type: 'default-action';
  action: string;
  firewall: FirewallArg;
}

/** Security groups none of whose rules allows a packet: `security groups "a" and "b" (no rule allows it)`. */
export interface NoAllowArg {
  type: 'no-allow';
  groups: FirewallArg[];
}

/** What decides a packet: a rule, a firewall's default, or security groups that allow none of it. */
export type DeciderArg = RuleArg | DefaultActionArg | NoAllowArg;

export type NetworkKindName = 'nodes' | 'pods' | 'services' | 'trusted' | 'reserved';

/**
 * A network and where it comes from: `pod CIDR 10.244.0.0/16`, `reserved network "office-vpn" (10.8.0.0/16)`,
 * `the default pod CIDR of calico (192.168.0.0/16)`, with `unsetKey` `…, in force because networks.pods is not set`.
 */
export interface NetworkArg {
  type: 'network';
  kind: NetworkKindName;
  cidr: string;
  /** A reserved network's name. */
  name?: string;
  /** For a default: whose it is (`the default pod CIDR of calico`). */
  defaultOf?: string;
  /** For a default named with what puts it in force: the unset key, as the plan's format writes it. */
  unsetKey?: string;
}

/**
 * The per-node pod block in force: `node mask /24`, `IPv4 node mask /24`, `the default IPv4 node mask /24`, and with
 * `unsetKey` `the default IPv4 node mask /24 (networks.nodeCidrMaskSize is not set)`.
 */
export interface NodeMaskArg {
  type: 'node-mask';
  prefix: number;
  family?: string;
  isDefault?: true;
  unsetKey?: string;
}

/** An address of a node: `address "fd00::11/64" of node "cp-1"`. */
export interface AddressArg {
  type: 'address';
  value: string;
  node: NodeArg;
}

/**
 * One end of a packet: `"master-01" (192.168.10.11)`, `"master-01"`, `203.0.113.5`, `10.244.0.1 (pod CIDR
 * 10.244.0.0/16)`, `203.0.113.5 (the internet)`.
 */
export interface EndpointArg {
  type: 'endpoint';
  address?: string;
  node?: NodeArg;
  network?: NetworkArg;
  internet?: true;
}

/** `tcp worker-01 (192.168.10.21) → master-01 (192.168.10.11):6443`; `IP-in-IP (protocol 4) a → b`. */
export interface PacketArg {
  type: 'packet';
  /** As findings name the protocol (values/protocols protocolName): `tcp`, `IP-in-IP (protocol 4)`. */
  protocol: string;
  port?: number;
  from: EndpointArg;
  to: EndpointArg;
}

/** A key of a model object: `appliesTo of firewall "cp"`, `runsOn of service "ingress"`. */
export interface FieldArg {
  type: 'field';
  key: string;
  of: FirewallArg | ServiceArg;
}

/**
 * `3 nodes`. As an aside after a name, nothing when there is nothing to add: `more` says how many
 * more there are (` (and 2 more node pairs)`), `on` how many share it (` (on 3 nodes)`, for more than one).
 */
export interface CountArg {
  type: 'count';
  n: number;
  one: string;
  many: string;
  aside?: 'more' | 'on';
}

/**
 * `a`, `a and b`, `a, b and c`, `a, b and 995 more` when `total` counts items beyond those given. Rules of
 * one firewall and firewalls of one kind share their noun: `rules 1 and 3 of firewall "a"`, `security groups "a" and "b"`.
 */
export interface ListArg {
  type: 'list';
  items: MessageValue[];
  total?: number;
}

/** What a misspelt name probably meant: `; did you mean "k3s"?`, nothing without a guess. */
export interface SuggestionArg {
  type: 'suggestion';
  meant?: string;
}

export type MessageArg =
  | NodeArg
  | NodesArg
  | InterfaceArg
  | ServiceArg
  | FirewallArg
  | DeciderArg
  | NetworkArg
  | NodeMaskArg
  | AddressArg
  | EndpointArg
  | PacketArg
  | FieldArg
  | CountArg
  | ListArg
  | SuggestionArg;

export type MessageValue = string | number | MessageArg;

/** Where an argument stands in its sentence: an aside closed by a comma reads on only in the middle. */
export interface RenderContext {
  midSentence?: boolean;
}

const KIND_NAMES: Record<NetworkKindName, string> = {
  nodes: 'node network',
  pods: 'pod CIDR',
  services: 'service CIDR',
  trusted: 'trusted network',
  reserved: 'reserved network',
};

/** What one entry of a network list is called: `pod CIDR`, `node network`, `reserved network`. */
export const networkKindName = (kind: NetworkKindName): string => KIND_NAMES[kind];

const FIREWALL_NOUNS: Record<FirewallArg['kind'], [one: string, many: string]> = {
  host: ['firewall', 'firewalls'],
  'security-group': ['security group', 'security groups'],
};

/** `"name"`, or `#3` for an unnamed item (1-based). */
const named = (a: { name?: string; index: number }): string => (a.name !== undefined ? `"${a.name}"` : `#${a.index + 1}`);

/** A rule within its firewall: `"allow-api" (2)` when it has a name, else its number. */
const ruleNumber = (r: RuleArg): string => (r.name !== undefined ? `"${r.name}" (${r.index + 1})` : String(r.index + 1));

const firewallText = (f: FirewallArg): string => `${FIREWALL_NOUNS[f.kind][0]} ${named(f)}`;

const sameFirewall = (a: FirewallArg, b: FirewallArg): boolean => a.kind === b.kind && a.index === b.index;

/** `a`, `a and b`, `a, b and c`; with `more`, `a, b, c and 5 more`. */
function listed(parts: readonly string[], more = 0): string {
  if (more > 0) return `${parts.join(', ')} and ${more} more`;
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

function renderList({ items, total = items.length }: ListArg, context: RenderContext): string {
  if (total === 1 && items.length === 1) return renderValue(items[0], context);
  const more = total - items.length;
  if (items.length > 0 && items.every((i) => typeof i === 'object' && i.type === 'rule')) {
    const { firewall } = items[0];
    if (items.every((r) => sameFirewall(r.firewall, firewall))) return `rules ${listed(items.map(ruleNumber), more)} of ${firewallText(firewall)}`;
  }
  if (items.length > 0 && items.every((i) => typeof i === 'object' && i.type === 'firewall')) {
    const { kind } = items[0];
    if (items.every((g) => g.kind === kind)) return `${FIREWALL_NOUNS[kind][1]} ${listed(items.map(named), more)}`;
  }
  return listed(
    items.map((i) => renderValue(i, context)),
    more,
  );
}

function renderNetwork(n: NetworkArg, { midSentence = false }: RenderContext): string {
  const name =
    n.defaultOf !== undefined
      ? `${n.defaultOf} (${n.cidr})`
      : n.kind === 'reserved' && n.name !== undefined
        ? `reserved network "${n.name}" (${n.cidr})`
        : `${KIND_NAMES[n.kind]} ${n.cidr}`;
  return n.unsetKey !== undefined ? `${name}, in force because ${n.unsetKey} is not set${midSentence ? ',' : ''}` : name;
}

function renderEndpoint(e: EndpointArg): string {
  if (e.node) return e.address !== undefined ? `${named(e.node)} (${e.address})` : named(e.node);
  const address = e.address ?? '';
  if (e.network) return `${address} (${renderNetwork(e.network, {})})`;
  return e.internet ? `${address} (the internet)` : address;
}

function renderCount({ n, one, many, aside }: CountArg): string {
  const counted = `${n} ${n === 1 ? one : many}`;
  if (aside === 'more') return n > 0 ? ` (and ${n} more ${n === 1 ? one : many})` : '';
  if (aside === 'on') return n > 1 ? ` (on ${counted})` : '';
  return counted;
}

/** The one wording of every message argument. */
export function renderArg(arg: MessageArg, context: RenderContext = {}): string {
  switch (arg.type) {
    case 'node':
    case 'interface':
      return named(arg);
    case 'nodes': {
      const others = arg.total - 1;
      const first = `node ${named(arg.first)}`;
      if (others <= 0) return first;
      return `${first} (and ${others.toLocaleString('en-US')} other node${others === 1 ? '' : 's'}${arg.alike ? ` ${arg.alike}` : ''})`;
    }
    case 'service':
      return `service ${named(arg)}${arg.exposure !== undefined ? ` (exposure: ${arg.exposure})` : ''}`;
    case 'firewall':
      return firewallText(arg);
    case 'rule': {
      const comment = arg.name === undefined && arg.comment ? ` ("${arg.comment}")` : '';
      return `rule ${ruleNumber(arg)}${comment} of ${firewallText(arg.firewall)}`;
    }
    case 'default-action':
      return `the default action (${arg.action}) of ${firewallText(arg.firewall)}`;
    case 'no-allow':
      return `${renderList({ type: 'list', items: arg.groups }, context)} (no rule allows it)`;
    case 'network':
      return renderNetwork(arg, context);
    case 'node-mask': {
      const mask = `${arg.family !== undefined ? `${arg.family} ` : ''}node mask /${arg.prefix}`;
      if (!arg.isDefault) return mask;
      return `the default ${mask}${arg.unsetKey !== undefined ? ` (${arg.unsetKey} is not set)` : ''}`;
    }
    case 'address':
      return `address "${arg.value}" of node ${named(arg.node)}`;
    case 'endpoint':
      return renderEndpoint(arg);
    case 'packet': {
      const to = renderEndpoint(arg.to);
      return `${arg.protocol} ${renderEndpoint(arg.from)} → ${arg.port !== undefined ? `${to}:${arg.port}` : to}`;
    }
    case 'field':
      return `${arg.key} of ${renderArg(arg.of)}`;
    case 'count':
      return renderCount(arg);
    case 'list':
      return renderList(arg, context);
    case 'suggestion':
      return arg.meant !== undefined ? `; did you mean "${arg.meant}"?` : '';
  }
}

export const renderValue = (value: MessageValue, context: RenderContext = {}): string =>
  typeof value === 'object' ? renderArg(value, context) : String(value);

/**
 * Fills a template's `{name}` placeholders. An argument followed by more of its sentence (a space, then
 * a word) stands mid-sentence, so an aside it carries is closed by a comma. `missing` is called for a
 * placeholder without data.
 */
export function fillTemplate(template: string, data: Readonly<Record<string, MessageValue>>, missing: (key: string) => never): string {
  return template.replace(/\{(\w+)\}/g, (placeholder: string, key: string, offset: number) => {
    if (!(key in data)) missing(key);
    const end = offset + placeholder.length;
    return renderValue(data[key], { midSentence: / \w/.test(template.slice(end, end + 2)) });
  });
}
