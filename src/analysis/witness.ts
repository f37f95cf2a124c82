// How findings of the firewall rules name packets and decisions: `tcp worker-01 (192.168.10.21) →
// master-01 (192.168.10.11):6443`, `rule 2 of firewall "control-plane"`, `rule "allow-api" (2) of …`,
// `security group "sg-workers" (no rule allows it)`. Every finding names a rule through ruleLabel or
// rulesLabel, so a rule's name shows everywhere alike.
import type { Firewall, FirewallRule, FirewallType, PlanNode, PlanService } from '../model/types';
import type { Span } from '../core/types';
import { formatAddress } from '../values/address-set';
import type { Decider } from './firewall-policy';
import type { IpAddress } from '../values/ip';
import { nodeLabel, primaryAddresses } from './node-interfaces';
import { portOf, protocolOf } from '../values/ports';
import { isPorted, protocolName } from '../values/protocols';

/** What findings call each type of firewall: the layer a decision is made in. */
const TYPE_NAMES: Record<FirewallType, [one: string, many: string]> = {
  host: ['firewall', 'firewalls'],
  'security-group': ['security group', 'security groups'],
};

/** `"control-plane"`, or `#2` for an unnamed firewall (its place in the plan). */
const firewallName = (f: Firewall): string => (f.name ? `"${f.name.value}"` : `#${f.index + 1}`);

/** `firewall "control-plane"`, `security group "sg-workers"`. */
export const firewallLabel = (f: Firewall): string => `${TYPE_NAMES[f.type][0]} ${firewallName(f)}`;

/** How a rule is named within its firewall: `"allow-api" (2)` when it has a name, else its number. */
const ruleNumber = (rule: FirewallRule): string => (rule.name ? `"${rule.name.value}" (${rule.index + 1})` : String(rule.index + 1));

/** `rule "allow-api" (2) of firewall "control-plane"`; unnamed, `rule 2 ("its comment") of firewall "control-plane"`. */
export function ruleLabel(rule: FirewallRule): string {
  const comment = !rule.name && rule.comment ? ` ("${rule.comment}")` : '';
  return `rule ${ruleNumber(rule)}${comment} of ${firewallLabel(rule.firewall)}`;
}

export function deciderLabel(by: Decider): string {
  if (by.kind === 'rule') return ruleLabel(by.rule);
  if (by.kind === 'default') return `the default action (${by.firewall.defaultAction}) of ${firewallLabel(by.firewall)}`;
  const [one, many] = TYPE_NAMES['security-group'];
  return `${by.groups.length > 1 ? many : one} ${listed(by.groups.map(firewallName))} (no rule allows it)`;
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

export const endpointLabel = (ip: IpAddress, node?: PlanNode): string => (node ? `${nodeLabel(node)} (${formatAddress(ip)})` : formatAddress(ip));

/** `tcp worker-01 (192.168.10.21) → master-01 (192.168.10.11):6443`; `IP-in-IP (protocol 4) a → b`. */
export function packetLabel(key: bigint, source: string, destination: string): string {
  const proto = protocolOf(key);
  return isPorted(proto) ? `${protocolName(proto)} ${source} → ${destination}:${portOf(key)}` : `${protocolName(proto)} ${source} → ${destination}`;
}

/** `"master-01" (192.168.10.11)` for the address a packet from `source` reaches, or `"master-01"` without one. */
export function destinationLabel(node: PlanNode, source: IpAddress): string {
  const ip = primaryAddresses(node).get(source.family);
  return ip ? endpointLabel(ip, node) : nodeLabel(node);
}

/**
 * `rule 2 of firewall "a"`, `rules 1 and 3 of firewall "a"`, `rule 1 of firewall "a" and rule 4 of firewall "b"`;
 * `total` counts rules beyond those given (`rules 1, 2, 3, 4, 5 and 995 more of firewall "a"`).
 */
export function rulesLabel(rules: readonly FirewallRule[], total = rules.length): string {
  if (total === 1) return ruleLabel(rules[0]);
  const shown = rules.slice(0, 5);
  const more = total - shown.length;
  const sameFirewall = shown.every((r) => r.firewall === shown[0].firewall);
  const parts = sameFirewall ? shown.map(ruleNumber) : shown.map(ruleLabel);
  const list = more > 0 ? `${parts.join(', ')} and ${more} more` : listed(parts);
  return sameFirewall ? `rules ${list} of ${firewallLabel(shown[0].firewall)}` : list;
}

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: readonly string[]): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0]);

export const serviceLabel = (s: PlanService): string => (s.name ? `service "${s.name.value}"` : `service #${s.index + 1}`);
