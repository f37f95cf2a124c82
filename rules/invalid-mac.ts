import { macProblem } from '../src/values/mac';
import { nodeInterfaces } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

const ALL_ZERO = '00:00:00:00:00:00';
const BROADCAST = 'ff:ff:ff:ff:ff:ff';
/** Multicast blocks a MAC is copied from by mistake (a packet capture, a switch table). */
const KNOWN_GROUPS: [prefix: string, kind: string][] = [
  ['01:00:5e:', 'an IPv4 multicast MAC (01:00:5e:…)'],
  ['33:33:', 'an IPv6 multicast MAC (33:33:…)'],
  ['01:80:c2:', 'an IEEE 802.1 protocol MAC (01:80:c2:…, used by STP and LLDP)'],
];

/** What is wrong with a MAC that does not parse, more precisely than "not six hex octets". */
function malformedHint(text: string): string {
  if (text.trim() === '') return 'it is empty';
  const bad = text.match(/[^0-9a-f:.-]/i);
  if (bad) return bad[0] === ' ' ? 'it contains a space' : `"${bad[0]}" is not a hex digit`;
  const digits = text.replace(/[:.-]/g, '').length;
  if (digits !== 12) return `it has ${digits} hex digits instead of 12`;
  return 'its separators are mixed or misplaced';
}

/** The message for a well-formed MAC that macProblem() rejects. */
function unusable(n: string): { messageId: string; data: Record<string, string> } {
  if (n === ALL_ZERO) return { messageId: 'allZero', data: {} };
  if (n === BROADCAST) return { messageId: 'broadcast', data: {} };
  const known = KNOWN_GROUPS.find(([prefix]) => n.startsWith(prefix));
  if (known) return { messageId: 'knownGroup', data: { kind: known[1] } };
  // Otherwise most likely a typo in the first octet: suggest the MAC with the group bit cleared.
  const octet = n.slice(0, 2);
  const cleared = (parseInt(octet, 16) & 0xfe).toString(16).padStart(2, '0');
  return { messageId: 'multicast', data: { octet, unicast: cleared + n.slice(2) } };
}

export default defineRule({
  meta: {
    id: 'invalid-mac',
    defaultSeverity: 'error',
    category: 'identity',
    description: "An interface MAC is malformed, or cannot be a NIC's own address (all-zero, broadcast, multicast).",
    rationale:
      'Plans feed DHCP reservations, PXE boot entries, netplan `match: macaddress` stanzas and VM definitions. A malformed ' +
      'MAC is dropped or rejected by those tools; the all-zero and broadcast MACs are placeholders no NIC has; and a MAC ' +
      'with the group bit set (an odd first octet) is a multicast address that switches flood and hypervisors refuse to ' +
      'assign, so the machine never gets its reserved address or never boots from the network.',
    messages: {
      malformed: 'MAC "{mac}" is malformed: {hint}; {expected} (or "52-54-00-aa-bb-01", "5254.00aa.bb01")',
      allZero: 'MAC "{mac}" is the all-zero MAC, a placeholder no NIC has: write the interface\'s real MAC (see `ip link`)',
      broadcast: 'MAC "{mac}" is the broadcast MAC, which no NIC can have: write the interface\'s real MAC (see `ip link`)',
      multicast:
        'MAC "{mac}" is a multicast (group) MAC: the lowest bit of its first octet "{octet}" is set, but a NIC\'s own MAC ' +
        'is unicast, with an even first octet (a typo for "{unicast}"?)',
      knownGroup: 'MAC "{mac}" is {kind}, which no NIC has as its own: write the interface\'s real MAC (see `ip link`)',
    },
  },
  check(plan, context) {
    for (const iface of nodeInterfaces(plan)) {
      const mac = iface.mac;
      if (!mac) continue;
      if (mac.error !== undefined) {
        context.report({ messageId: 'malformed', data: { mac: mac.value, hint: malformedHint(mac.value), expected: mac.error }, at: mac.span });
        continue;
      }
      const n = mac.normalized;
      if (n === undefined || macProblem(n) === undefined) continue;
      const { messageId, data } = unusable(n);
      context.report({ messageId, data: { mac: mac.value, ...data }, at: mac.span });
    }
  },
});
