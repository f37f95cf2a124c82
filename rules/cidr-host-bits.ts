import { networkKindName } from '../src/core/message-args';
import { bitsOf, formatCidr, formatIp, hasHostBits, naturalPrefix, networkOf } from '../src/values/ip';
import { defineRule } from '../src/rule-kinds/rule';
import { replaceScalar } from '../src/source/edits';

export default defineRule({
  meta: {
    id: 'cidr-host-bits',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'A CIDR under `networks` has host bits set (`10.244.1.0/16`); the finding names the network it means.',
    rationale:
      "Kubernetes parses CIDRs with Go's net.ParseCIDR, which silently clears the host bits: `10.244.1.0/16` is " +
      'accepted and means 10.244.0.0/16. The value is usually a typo, either the wrong prefix (/16 for /24) or an ' +
      'address where a network was meant, and the network really in force is 256 times larger (or smaller) than the ' +
      'author thought, which hides overlaps from review.',
    messages: {
      hostBits: '{network} "{value}" has host bits set, so it means {meant}: write "{meant}", or "{narrower}" if that smaller network was meant',
      hostBitsHost: '{network} "{value}" has host bits set, so it means {meant}: write "{meant}" ({address} is a host address, not the start of a network)',
      hostBitsReserved:
        'reserved network "{name}" has host bits set in "{value}", so it means {meant}: write "{meant}", or "{narrower}" if that smaller network was meant',
      hostBitsReservedHost:
        'reserved network "{name}" has host bits set in "{value}", so it means {meant}: write "{meant}" ({address} is a host address, not the start of a network)',
    },
    fix: 'unsafe',
  },
  check(plan, context) {
    for (const e of plan.networks.entries) {
      if (!e.cidr || !hasHostBits(e.cidr)) continue;
      const c = e.cidr;
      const meant = networkOf(c);
      const longer = naturalPrefix(c);
      const host = longer === bitsOf(c.family);
      const reserved = e.kind === 'reserved' && e.name !== undefined;
      const messageId = reserved ? (host ? 'hostBitsReservedHost' : 'hostBitsReserved') : host ? 'hostBitsHost' : 'hostBits';
      context.report({
        messageId,
        data: {
          network: networkKindName(e.kind),
          name: e.name ?? '',
          value: e.value,
          meant,
          narrower: formatCidr(c.family, c.address, longer),
          address: formatIp(c.family, c.address),
        },
        at: e.span,
        fix: replaceScalar(plan.source.text, e.span, e.value, meant, 'unsafe'),
      });
    }
  },
});
