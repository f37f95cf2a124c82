import { AddressSet, PUBLIC } from '../src/values/address-set';
import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { deciderKey, type DeciderKey } from '../src/analysis/firewall-policy';
import { RangeSet } from '../src/values/range-set';
import { describeKey } from '../src/values/ports';
import { deciderArg, deciderSpan, destinationArg, endpointArg, packetArg } from '../src/analysis/witness';
import { primaryAddresses } from '../src/analysis/node-interfaces';
import { defineRule, type MessageData } from '../src/rule-kinds/rule';
import type { CountArg } from '../src/core/message-args';

const EVERY_KEY = RangeSet.of(0n, 256n * 65536n - 1n);
const PUBLIC_V6 = new AddressSet(RangeSet.EMPTY, PUBLIC.v6);
const PUBLIC_V4_SIZE = PUBLIC.v4.size;

export default defineRule({
  meta: {
    id: 'ipv6-exposure-gap',
    defaultSeverity: 'error',
    security: {
      severity: 6.5,
      reason: 'a port the IPv4 rules show was meant to be closed is open to every IPv6 address; how bad that is depends on what listens on the port.',
    },
    precision: 'high',
    category: 'exposure',
    description: 'A port closed to most of the public IPv4 internet is open to the whole public IPv6 internet.',
    rationale:
      'Firewalls are often written for IPv4 only (iptables rules without their ip6tables twins, security groups ' +
      'with 0.0.0.0/0 replaced by an office range but ::/0 left in place). The IPv4 restriction shows the port was ' +
      'meant to be closed, yet every public IPv6 address still reaches it, and IPv6 scanning of cloud ranges is ' +
      'routine. Restrict IPv6 the same way, or deny `::/0` for the port. A port counts as restricted for IPv4 when ' +
      'most public IPv4 addresses (more than half) are refused, so a blocklist of a few addresses is not one; only ' +
      'nodes with an IPv6 address in the plan are checked.',
    messages: {
      gap: '{service} is closed to most public IPv4 sources, but every public IPv6 address reaches it: {packet} is allowed by {decider}{more}; restrict IPv6 the same way',
    },
  },
  check(plan, context) {
    const found = new Map<DeciderKey, { data: MessageData; at: readonly [number, number]; keys: Set<bigint> }>();
    for (const group of firewallAnalysis(plan).groups) {
      // Nodes without an IPv6 address in the plan cannot be reached over IPv6.
      const destination = group.nodes.find((n) => primaryAddresses(n, plan).has(6));
      const { policy } = group;
      if (!policy || !destination) continue;
      for (const [first] of policy.runs(EVERY_KEY)) {
        const allowed = policy.allowed(first);
        if (!allowed.covers(PUBLIC_V6) || allowed.v4.intersect(PUBLIC.v4).size * 2n > PUBLIC_V4_SIZE) continue;
        const source = PUBLIC_V6.witness!;
        const by = policy.decide(first, source).by;
        const seen = found.get(deciderKey(by));
        if (seen) {
          seen.keys.add(first);
          continue;
        }
        const packet = packetArg(first, endpointArg(source), destinationArg(destination, source, plan));
        found.set(deciderKey(by), { data: { service: describeKey(first), packet, decider: deciderArg(by) }, at: deciderSpan(by), keys: new Set([first]) });
      }
    }
    for (const { data, at, keys } of found.values()) {
      const more: CountArg = { type: 'count', n: keys.size - 1, one: 'port range', many: 'port ranges', aside: 'more' };
      context.report({ messageId: 'gap', data: { ...data, more }, at });
    }
  },
});
