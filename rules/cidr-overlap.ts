import { networkArg } from '../src/analysis/cluster-networks';
import { findOverlaps, type Interval } from '../src/values/intervals';
import { networkOf, type Cidr } from '../src/values/ip';
import { defineRule, type RelatedReport } from '../src/rule-kinds/rule';
import type { Span } from '../src/core/types';
import type { NetworkArg } from '../src/core/message-args';
import type { EffectiveNetwork, NetworkEntry, NetworkKind, Plan } from '../src/model/types';

/** One network taking part in the check: a declared entry, or a pod/service default in force. */
interface Side {
  kind: NetworkKind;
  cidr: Cidr;
  span: Span;
  /** How messages name it: `node network 192.168.10.0/24`, `the default pod CIDR of calico (192.168.0.0/16)`. */
  name: NetworkArg;
  /** The same, with what puts a default in force (`…, in force because networks.pods is not set`). */
  inForce: NetworkArg;
  isDefault: boolean;
}

const side = (plan: Plan, n: (NetworkEntry & { cidr: Cidr }) | EffectiveNetwork): Side => ({
  kind: n.kind,
  cidr: n.cidr,
  span: n.span,
  name: networkArg(n),
  inForce: networkArg(n, plan),
  isDefault: 'unsetKey' in n && n.unsetKey !== undefined,
});

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
      otherNetwork: '{network}',
    },
  },
  check(plan, context) {
    const { lists } = plan.networks;
    const sides: Side[] = [];
    for (const e of [...(lists.nodes ?? []), ...(lists.reserved ?? [])]) if (e.cidr) sides.push(side(plan, e as NetworkEntry & { cidr: Cidr }));
    for (const n of [...plan.pods, ...plan.services]) sides.push(side(plan, n));

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
      const related: RelatedReport[] =
        other.span[0] === primary.span[0] && other.span[1] === primary.span[1]
          ? []
          : [{ at: other.span, messageId: 'otherNetwork', data: { network: other.inForce } }];
      context.report({
        messageId: relation,
        data: { network: primary.inForce, other: other.name, cidr: networkOf(p), otherCidr: networkOf(o) },
        at: primary.span,
        related,
      });
    }
  },
});

function orderSides(a: Side, b: Side): [Side, Side] {
  if (a.isDefault !== b.isDefault) return a.isDefault ? [a, b] : [b, a];
  return a.span[0] > b.span[0] ? [a, b] : [b, a];
}
