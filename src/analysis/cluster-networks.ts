// Shared by the CIDR rules: how a network is named in messages, and which per-node pod mask is in
// force for a family (kube-controller-manager's --node-cidr-mask-size* semantics).
import type { EffectiveNetwork, Located, NetworkEntry, NetworkKind, Plan } from '../model/types';
import { DEFAULT_NODE_CIDR_MASK, DEFAULT_NODE_PORT_RANGE } from '../domain/network-defaults';
import type { PortRange } from '../values/ports';
import type { Family } from '../values/ip';
import { nodeAddresses, nodeLabel } from './node-interfaces';
import type { Span } from '../core/types';

/** The NodePort range in force: the plan's when it is valid, else the default (an invalid one is nodeport-range-conflict's). */
export const nodePortRange = (plan: Plan): PortRange => plan.networks.nodePortRange?.range ?? DEFAULT_NODE_PORT_RANGE;

export const familyName = (family: Family): string => (family === 4 ? 'IPv4' : 'IPv6');

const KIND_LABELS: Record<NetworkKind, string> = {
  nodes: 'node network',
  pods: 'pod CIDR',
  services: 'service CIDR',
  trusted: 'trusted network',
  reserved: 'reserved network',
};

/** What one entry of a list is called: `pod CIDR`, `node network`, `reserved network`. */
export const kindLabel = (kind: NetworkKind): string => KIND_LABELS[kind];

/**
 * A network as messages name it: `pod CIDR 10.244.0.0/16`, `reserved network "office-vpn" (10.8.0.0/16)`,
 * or for a default `the default pod CIDR of calico (192.168.0.0/16)`.
 */
export function describeNetwork(n: NetworkEntry | EffectiveNetwork): string {
  if ('defaultOf' in n && n.defaultOf) return `${n.defaultOf} (${n.text})`;
  const entry = 'declared' in n && n.declared ? n.declared : (n as NetworkEntry);
  if (entry.kind === 'reserved' && entry.name !== undefined) return `reserved network "${entry.name}" (${entry.value})`;
  return `${kindLabel(entry.kind)} ${entry.value}`;
}

/**
 * A network as findings name it, with what puts a default in force: `the default pod CIDR of calico
 * (192.168.0.0/16), in force because networks.pods is not set` (the key as the plan's format writes it);
 * in the middle of a sentence the clause is closed by a comma.
 */
export function networkInForce(plan: Plan, n: NetworkEntry | EffectiveNetwork, { midSentence = false } = {}): string {
  const unset = 'unsetKey' in n && n.unsetKey ? `, in force because ${plan.keyNames[n.unsetKey]} is not set${midSentence ? ',' : ''}` : '';
  return `${describeNetwork(n)}${unset}`;
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

/** The smallest k with 2^k ≥ n (0 for n ≤ 1). */
export function ceilLog2(n: number): number {
  let k = 0;
  while (2 ** k < n) k++;
  return k;
}

/** What puts an IP family in the cluster, for messages: `pod CIDR fd00:10:244::/56`, `address "fd00::11/64" of node "cp-1"`. */
export interface FamilyWitness {
  span: Span;
  what: string;
}

/**
 * The IP families the cluster uses, each with the first thing that uses it: a pod or service network
 * in force (defaults included), a node network, or a node address.
 */
export function clusterFamilies(plan: Plan): Map<Family, FamilyWitness> {
  const found = new Map<Family, FamilyWitness>();
  const add = (family: Family, span: Span, what: () => string) => {
    if (!found.has(family)) found.set(family, { span, what: what() });
  };
  for (const n of [...plan.pods, ...plan.services]) add(n.cidr.family, n.span, () => describeNetwork(n));
  for (const e of plan.networks.lists.nodes ?? []) if (e.cidr) add(e.cidr.family, e.span, () => describeNetwork(e));
  for (const a of nodeAddresses(plan)) if (a.ip && !a.special) add(a.ip.family, a.span, () => `address "${a.value}" of node ${nodeLabel(a.iface.node)}`);
  return found;
}
