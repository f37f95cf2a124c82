// What the findings of the firewall rules name, as message arguments (src/core/message-args.ts): packets
// (`tcp worker-01 (192.168.10.21) → master-01 (192.168.10.11):6443`), the rule or default that decides
// them, firewalls, rules and services. Every finding names a rule through ruleArg, so a rule's name shows
// everywhere alike.
import type { Firewall, FirewallRule, Plan, PlanNode, PlanService } from '../model/types';
import type { Span } from '../core/types';
import type { DeciderArg, EndpointArg, FirewallArg, ListArg, NetworkArg, PacketArg, RuleArg, ServiceArg } from '../core/message-args';
import { formatAddress, PUBLIC } from '../values/address-set';
import type { Decider } from './firewall-policy';
import type { IpAddress } from '../values/ip';
import { nodeArg, primaryAddresses, publicAddress } from './node-interfaces';
import { portOf, protocolOf } from '../values/ports';
import { isPorted, protocolName } from '../values/protocols';

/** `firewall "control-plane"`, `security group "sg-workers"`, `firewall #2`. */
export const firewallArg = (f: Firewall): FirewallArg => ({ type: 'firewall', kind: f.type, name: f.name?.value, index: f.index });

/** `rule "allow-api" (2) of firewall "control-plane"`; unnamed, `rule 2 ("its comment") of firewall "control-plane"`. */
export const ruleArg = (rule: FirewallRule): RuleArg => ({
  type: 'rule',
  name: rule.name?.value,
  index: rule.index,
  comment: rule.comment,
  firewall: firewallArg(rule.firewall),
});

/**
 * `rule 2 of firewall "a"`, `rules 1 and 3 of firewall "a"`, `rule 1 of firewall "a" and rule 4 of firewall "b"`;
 * `total` counts rules beyond those given (`rules 1, 2, 3, 4, 5 and 995 more of firewall "a"`).
 */
export const rulesArg = (rules: readonly FirewallRule[], total = rules.length): ListArg => ({ type: 'list', items: rules.slice(0, 5).map(ruleArg), total });

export function deciderArg(by: Decider): DeciderArg {
  if (by.kind === 'rule') return ruleArg(by.rule);
  if (by.kind === 'default') return { type: 'default-action', action: by.firewall.defaultAction, firewall: firewallArg(by.firewall) };
  return { type: 'no-allow', groups: by.groups.map(firewallArg) };
}

/**
 * Where a decision is written: the rule, the `defaultAction` value, or for an implicit default the firewall's
 * name; for security groups that allow none of a packet, the first group's name.
 */
export function deciderSpan(by: Decider): Span {
  if (by.kind === 'rule') return by.rule.span;
  const f = by.firewall;
  return (by.kind === 'default' ? f.defaultActionAt?.span : undefined) ?? f.name?.span ?? f.span;
}

/** `"master-01" (192.168.10.11)`, or the address alone; `from` says what else it is (a network, the internet). */
export const endpointArg = (ip: IpAddress, node?: PlanNode, from?: { network?: NetworkArg; internet?: true }): EndpointArg => ({
  type: 'endpoint',
  address: formatAddress(ip),
  ...(node && { node: nodeArg(node) }),
  ...from,
});

/**
 * `"master-01" (192.168.10.11)` for the address a packet from `source` reaches, or `"master-01"` without one: from
 * the internet, the node's public address when it has one of that family, else the address the cluster uses.
 */
export function destinationArg(node: PlanNode, source: IpAddress, plan: Plan): EndpointArg {
  const exposed = PUBLIC.has(source) ? publicAddress(node, source.family)?.ip : undefined;
  const ip = exposed ?? primaryAddresses(node, plan).get(source.family);
  return ip ? endpointArg(ip, node) : { type: 'endpoint', node: nodeArg(node) };
}

/** The packet of a service key (protocol and port) from one endpoint to another. */
export function packetArg(key: bigint, from: EndpointArg, to: EndpointArg): PacketArg {
  const proto = protocolOf(key);
  return { type: 'packet', protocol: protocolName(proto), ...(isPorted(proto) && { port: portOf(key) }), from, to };
}

/** `service "ingress"`, `service #2`; with its exposure, `service "ingress" (exposure: internal)`. */
export const serviceArg = (s: PlanService, withExposure = false): ServiceArg => ({
  type: 'service',
  name: s.name?.value,
  index: s.index,
  ...(withExposure && { exposure: s.exposure }),
});
