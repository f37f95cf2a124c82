import { findDuplicates } from '../src/analysis/duplicates';
import { formatIp, ipKey } from '../src/values/ip';
import { interfaceArg, nodeAddresses, nodeArg } from '../src/analysis/node-interfaces';
import type { AddressEntry } from '../src/model/types';
import { defineRule } from '../src/rule-kinds/rule';

/** messageId by where the first use is: [same spelling, another spelling of the address]. */
const MESSAGE_IDS = {
  otherNode: ['otherNode', 'otherNodeAs'],
  sameNode: ['sameNode', 'sameNodeAs'],
  sameInterface: ['sameInterface', 'sameInterfaceAs'],
} as const;

export default defineRule({
  meta: {
    id: 'duplicate-address',
    defaultSeverity: 'error',
    category: 'identity',
    description: 'One IP address on two nodes or interfaces, or twice on one interface (compared canonically, prefix ignored).',
    rationale:
      'An IP address must belong to one interface of one machine. Two nodes with one address answer ARP/neighbour ' +
      'discovery for each other, so connections reach a random machine: kubelet registers both with the same InternalIP, ' +
      "etcd peers and the API server talk to the wrong member, and the CNI routes one node's pod block to the other. " +
      'Cloned VMs and copy-pasted plan entries are the usual cause. IPv6 has many spellings of one address ' +
      '(`2001:db8::1`, `2001:0db8:0::1`), so addresses are compared by value, not by text.',
    messages: {
      otherNode: 'address "{address}" is already used by node {node} (interface {iface}): every node needs its own address',
      otherNodeAs: 'address "{address}" is {ip}, already used as "{first}" by node {node} (interface {iface}): every node needs its own address',
      sameNode: 'address "{address}" is already on interface {iface} of this node: an address belongs on one interface',
      sameNodeAs: 'address "{address}" is {ip}, already on interface {iface} of this node as "{first}": an address belongs on one interface',
      sameInterface: 'address "{address}" is listed twice on interface {iface}: remove one',
      sameInterfaceAs: 'address "{address}" is {ip}, already listed on interface {iface} as "{first}": remove one',
      first: 'first used here',
    },
  },
  check(plan, context) {
    // Special-use addresses (loopback, link-local...) are invalid-address's findings, and link-local
    // addresses legitimately repeat across links: they take no part here.
    const keyOf = (e: AddressEntry) => (e.ip && !e.special ? ipKey(e.ip) : undefined);
    for (const { first, duplicate } of findDuplicates(nodeAddresses(plan), keyOf)) {
      const where = first.iface === duplicate.iface ? 'sameInterface' : first.iface.node === duplicate.iface.node ? 'sameNode' : 'otherNode';
      const ip = duplicate.ip!;
      context.report({
        messageId: MESSAGE_IDS[where][first.value === duplicate.value ? 0 : 1],
        data: {
          address: duplicate.value,
          ip: formatIp(ip.family, ip.value),
          first: first.value,
          node: nodeArg(first.iface.node),
          iface: interfaceArg(first.iface),
        },
        at: duplicate.span,
        related: [{ at: first.span, messageId: 'first' }],
      });
    }
  },
});
