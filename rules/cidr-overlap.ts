import { describeNetwork } from '../src/analysis/cluster-networks';
import { findOverlaps, type Interval } from '../src/values/intervals';
import { networkOf, type Cidr } from '../src/values/ip';
import { defineRule, type RelatedReport } from '../src/rule-kinds/rule';
import type { Span } from '../src/core/types';
import type { EffectiveNetwork, NetworkEntry, NetworkKind } from '../src/model/types';

/** One network taking part in the check: a declared entry, or a pod/service default in force. */
interface Side {
  kind: NetworkKind;
  cidr: Cidr;
  span: Span;
  /** How messages name it: `node network 192.168.10.0/24`, `the default pod CIDR of calico (192.168.0.0/16)`. */
  name: string;
  /** For a default: the key whose absence puts it in force (`pods`, `services`). */
  unsetKey?: EffectiveNetwork['unsetKey'];
}

const fromEntry = (e: NetworkEntry & { cidr: Cidr }): Side => ({ kind: e.kind, cidr: e.cidr, span: e.span, name: describeNetwork(e) });
const fromEffective = (n: EffectiveNetwork): Side => ({
  kind: n.kind,
  cidr: n.cidr,
  span: n.span,
  name: describeNetwork(n),
  unsetKey: n.unsetKey,
});

/** Per relation: the message when the reported side is declared, and when it is a default. */
const MESSAGE_IDS = {
  same: ['same', 'defaultSame'],
  contains: ['contains', 'defaultContains'],
  inside: ['inside', 'defaultInside'],
} as const;

export default defineRule({
  meta: {
    id: 'cidr-overlap',
    defaultSeverity: 'error',
    category: 'addressing',
    description: 'Node, pod, service and reserved networks overlap one another (pod and service defaults included).',
    rationale:
      'A pod or service CIDR that overlaps a node network, or a network the nodes must reach (a VPN, the office LAN, a ' +
      'peered VPC), makes the overlapping addresses ambiguous: kube-proxy and the CNI route them into the cluster, so ' +
      'nodes lose the real hosts, and pods and services that share addresses break each other. kubeadm has no overlap ' +
      "check, and the defaults are the usual trap: Calico's 192.168.0.0/16 matches many LANs and Cilium's 10.0.0.0/8 " +
      'many corporate networks.',
    messages: {
      contains: '{network} overlaps {other}: it contains the whole of {otherCidr}',
      inside: '{network} overlaps {other}: it lies inside {otherCidr}',
      same: '{network} overlaps {other}: both are {cidr}',
      defaultContains: '{network}, in force because networks.{key} is not set, overlaps {other}: it contains the whole of {otherCidr}',
      defaultInside: '{network}, in force because networks.{key} is not set, overlaps {other}: it lies inside {otherCidr}',
      defaultSame: '{network}, in force because networks.{key} is not set, overlaps {other}: both are {cidr}',
      otherNetwork: '{network}',
      otherDefault: '{network}, in force because networks.{key} is not set',
    },
  },
  check(plan, context) {
    const { lists } = plan.networks;
    const sides: Side[] = [];
    for (const e of [...(lists.nodes ?? []), ...(lists.reserved ?? [])]) if (e.cidr) sides.push(fromEntry(e as NetworkEntry & { cidr: Cidr }));
    for (const n of [...plan.pods, ...plan.services]) sides.push(fromEffective(n));

    // Two external networks overlapping each other is not the cluster's business: reserved networks
    // are the background, compared with the cluster's networks only.
    const intervals: Interval<Side>[] = sides.map((s) => ({
      family: s.cidr.family,
      first: s.cidr.first,
      last: s.cidr.last,
      item: s,
      background: s.kind === 'reserved',
    }));
    // Each network once, against the nearest network that contains (or equals) it.
    for (const { interval, partner } of findOverlaps(intervals)) {
      // The finding goes to a default (the key implying it), else to the entry later in the document.
      const [primary, other] = orderSides(interval.item, partner.item);
      const p = primary.cidr;
      const o = other.cidr;
      const relation = p.first === o.first && p.last === o.last ? 'same' : p.first <= o.first && p.last >= o.last ? 'contains' : 'inside';
      const messageId = MESSAGE_IDS[relation][primary.unsetKey === undefined ? 0 : 1];
      const related: RelatedReport[] =
        other.span[0] === primary.span[0] && other.span[1] === primary.span[1]
          ? []
          : [
              other.unsetKey
                ? { at: other.span, messageId: 'otherDefault', data: { network: other.name, key: other.unsetKey } }
                : { at: other.span, messageId: 'otherNetwork', data: { network: other.name } },
            ];
      context.report({
        messageId,
        data: { network: primary.name, key: primary.unsetKey ?? '', other: other.name, cidr: networkOf(p), otherCidr: networkOf(o) },
        at: primary.span,
        related,
      });
    }
  },
});

function orderSides(a: Side, b: Side): [Side, Side] {
  const aDefault = a.unsetKey !== undefined;
  const bDefault = b.unsetKey !== undefined;
  if (aDefault !== bDefault) return aDefault ? [a, b] : [b, a];
  return a.span[0] > b.span[0] ? [a, b] : [b, a];
}
