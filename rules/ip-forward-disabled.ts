import { clusterFamilies, familyName } from '../src/analysis/cluster-networks';
import type { Family } from '../src/values/ip';
import { nodeArg } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

/**
 * The switches that turn forwarding off for a family: the global one, and the per-interface ones for
 * all interfaces and for those created later (the CNI's veth and tunnel devices are created later).
 */
const FORWARDING: Record<string, Family> = {
  'net.ipv4.ip_forward': 4,
  'net.ipv4.conf.all.forwarding': 4,
  'net.ipv4.conf.default.forwarding': 4,
  'net.ipv6.conf.all.forwarding': 6,
  'net.ipv6.conf.default.forwarding': 6,
};

const isOff = (value: string | number | boolean): boolean => value === false || value === 0 || (typeof value === 'string' && value.trim() === '0');

export default defineRule({
  meta: {
    id: 'ip-forward-disabled',
    defaultSeverity: 'error',
    category: 'topology',
    description: 'A node\'s sysctls turn IP forwarding off (`net.ipv4.ip_forward: "0"`), or IPv6 forwarding off while the cluster uses IPv6.',
    rationale:
      'A node forwards packets between the pods on it and the rest of the network: every pod packet that leaves or ' +
      "enters a node is routed by the node's kernel, which drops it when forwarding is off. kubeadm's preflight checks " +
      'refuse a node without `net.ipv4.ip_forward = 1` (and `net.ipv6.conf.default.forwarding = 1` when the cluster uses ' +
      'IPv6), and a node whose forwarding is turned off later (a hardening baseline, a sysctl.d file) joins but drops ' +
      'all pod traffic to and from other nodes. A family the cluster does not use may stay off.',
    messages: {
      off:
        'sysctl {name} is {value} on node {node}, which turns {family} forwarding off: the node drops pod traffic to and ' + 'from other nodes; set it to "1"',
      usesFamily: 'the cluster uses {family}: {what}',
    },
  },
  check(plan, context) {
    const families = clusterFamilies(plan);
    for (const node of plan.nodes) {
      for (const s of node.sysctls) {
        const family = FORWARDING[s.name];
        const witness = family && families.get(family);
        if (!witness || !isOff(s.value)) continue;
        context.report({
          messageId: 'off',
          data: { name: s.name, value: JSON.stringify(s.value), node: nodeArg(node), family: familyName(family) },
          at: s.span,
          related: [{ at: witness.span, messageId: 'usesFamily', data: { family: familyName(family), what: witness.what } }],
        });
      }
    }
  },
});
