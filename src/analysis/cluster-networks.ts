// Shared by the CIDR rules: the message argument that names a network, and which per-node pod mask is in
// force for a family (kube-controller-manager's --node-cidr-mask-size* semantics).
import type { EffectiveNetwork, Located, NetworkEntry, Plan } from '../model/types';
import { DEFAULT_NODE_CIDR_MASK, DEFAULT_NODE_PORT_RANGE } from '../domain/network-defaults';
import type { PortRange } from '../values/ports';
import type { Family } from '../values/ip';
import { nodeAddresses, nodeArg } from './node-interfaces';
import type { Span } from '../core/types';
import type { AddressArg, NetworkArg, NodeMaskArg } from '../core/message-args';

/** The NodePort range in force: the plan's when it is valid, else the default (an invalid one is nodeport-range-conflict's). */
export const nodePortRange = (plan: Plan): PortRange => plan.networks.nodePortRange?.range ?? DEFAULT_NODE_PORT_RANGE;

export const familyName = (family: Family): string => (family === 4 ? 'IPv4' : 'IPv6');

/**
 * A network as messages name it: `pod CIDR 10.244.0.0/16`, `reserved network "office-vpn" (10.8.0.0/16)`,
 * or for a default `the default pod CIDR of calico (192.168.0.0/16)`. Given the plan, a default also says
 * what puts it in force: `…, in force because networks.pods is not set` (the key as the plan's format writes it).
 */
export function networkArg(n: NetworkEntry | EffectiveNetwork, inForceIn?: Plan): NetworkArg {
  if ('defaultOf' in n && n.defaultOf) {
    const unsetKey = inForceIn && n.unsetKey ? inForceIn.keyNames[n.unsetKey] : undefined;
    return { type: 'network', kind: n.kind, cidr: n.text, defaultOf: n.defaultOf, ...(unsetKey !== undefined && { unsetKey }) };
  }
  const entry = 'declared' in n && n.declared ? n.declared : (n as NetworkEntry);
  return { type: 'network', kind: entry.kind, cidr: entry.value, ...(entry.kind === 'reserved' && entry.name !== undefined && { name: entry.name }) };
}

export type MaskKey = 'nodeCidrMaskSize' | 'nodeCidrMaskSizeIPv6';

export interface NodeMask {
  value: number;
  /** The plan's value when the mask comes from the document; undefined when the default applies. */
  set?: Located<number>;
  /** The key that sets (or would set) the mask for this family. */
  key: MaskKey;
}

/**
 * The per-node pod block in force for a family. IPv4: nodeCidrMaskSize, else 24. IPv6 beside an IPv4
 * pod CIDR (dual-stack): nodeCidrMaskSizeIPv6, else 64. IPv6 alone: nodeCidrMaskSizeIPv6, else
 * nodeCidrMaskSize (kube-controller-manager applies --node-cidr-mask-size to the only family), else 64.
 */
export function nodeMaskInForce(plan: Plan, family: Family): NodeMask {
  const { nodeCidrMaskSize: v4, nodeCidrMaskSizeIPv6: v6 } = plan.networks;
  if (family === 4) return v4 ? { value: v4.value, set: v4, key: 'nodeCidrMaskSize' } : { value: DEFAULT_NODE_CIDR_MASK[4], key: 'nodeCidrMaskSize' };
  if (v6) return { value: v6.value, set: v6, key: 'nodeCidrMaskSizeIPv6' };
  const dualStack = plan.pods.some((p) => p.cidr.family === 4);
  if (!dualStack && v4) return { value: v4.value, set: v4, key: 'nodeCidrMaskSize' };
  return { value: DEFAULT_NODE_CIDR_MASK[6], key: dualStack ? 'nodeCidrMaskSizeIPv6' : 'nodeCidrMaskSize' };
}

/**
 * The mask as messages name it: `node mask /24`, or `the default node mask /24`; with its family,
 * `IPv4 node mask /24`; given the plan, a default also says which key is not set.
 */
export function nodeMaskArg(mask: NodeMask, family?: Family, unsetIn?: Plan): NodeMaskArg {
  const arg: NodeMaskArg = { type: 'node-mask', prefix: mask.value, ...(family && { family: familyName(family) }) };
  return mask.set ? arg : { ...arg, isDefault: true, ...(unsetIn && { unsetKey: unsetIn.keyNames[mask.key] }) };
}

/** The smallest k with 2^k ≥ n (0 for n ≤ 1). */
export function ceilLog2(n: number): number {
  let k = 0;
  while (2 ** k < n) k++;
  return k;
}

/** What puts an IP family in the cluster, for messages: `pod CIDR fd00:10:244::/56`, `address "fd00::11/64" of node "cp-1"`. */
export interface FamilyWitness {
  span: Span;
  what: NetworkArg | AddressArg;
}

/**
 * The IP families the cluster uses, each with the first thing that uses it: a pod or service network
 * in force (defaults included), a node network, or a node address.
 */
export function clusterFamilies(plan: Plan): Map<Family, FamilyWitness> {
  const found = new Map<Family, FamilyWitness>();
  const add = (family: Family, span: Span, what: () => NetworkArg | AddressArg) => {
    if (!found.has(family)) found.set(family, { span, what: what() });
  };
  for (const n of [...plan.pods, ...plan.services]) add(n.cidr.family, n.span, () => networkArg(n));
  for (const e of plan.networks.lists.nodes ?? []) if (e.cidr) add(e.cidr.family, e.span, () => networkArg(e));
  for (const a of nodeAddresses(plan))
    if (a.ip && !a.special) add(a.ip.family, a.span, () => ({ type: 'address', value: a.value, node: nodeArg(a.iface.node) }));
  return found;
}
