import { findDuplicates } from '../src/analysis/duplicates';
import { interfaceArg, nodeArg } from '../src/analysis/node-interfaces';
import type { NodeInterface, PlanNode } from '../src/model/types';
import { defineRule } from '../src/rule-kinds/rule';

/**
 * Each node's interfaces with a well-formed MAC, one per distinct MAC within the node: interfaces of
 * one node may share a MAC (bonds, VLANs, bridges), so only the node's first use takes part.
 */
function* firstUsePerNode(nodes: PlanNode[]): Generator<NodeInterface> {
  for (const node of nodes) {
    const seen = new Set<string>();
    for (const iface of node.interfaces) {
      const mac = iface.mac?.normalized;
      if (mac === undefined || seen.has(mac)) continue;
      seen.add(mac);
      yield iface;
    }
  }
}

/** A MAC glob (`00:50:56:*`, `?`) as a regular expression, and the literal text it starts with (a `[class]` matches nothing here). */
function globOf(pattern: string): { prefix: string; re: RegExp } {
  const prefix = pattern.slice(0, pattern.search(/[*?[]/));
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return { prefix, re: new RegExp(`^${source}$`) };
}

/**
 * For each MAC pattern, the first interface of another node whose MAC it matches: the MACs are sorted
 * once, and each pattern only looks at those that start with its literal prefix.
 */
function* patternMatches(nodes: PlanNode[]): Generator<{ pattern: NodeInterface; match: NodeInterface }> {
  const byMac = nodes
    .flatMap((n) => n.interfaces.filter((i) => i.mac?.normalized !== undefined))
    .sort((a, b) => (a.mac!.normalized! < b.mac!.normalized! ? -1 : a.mac!.normalized! > b.mac!.normalized! ? 1 : 0));
  for (const node of nodes) {
    for (const iface of node.interfaces) {
      if (iface.mac?.pattern === undefined) continue;
      const { prefix, re } = globOf(iface.mac.pattern);
      let lo = 0;
      let hi = byMac.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byMac[mid].mac!.normalized! < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < byMac.length && byMac[i].mac!.normalized!.startsWith(prefix); i++) {
        const other = byMac[i];
        if (other.node !== node && re.test(other.mac!.normalized!)) {
          yield { pattern: iface, match: other };
          break;
        }
      }
    }
  }
}

export default defineRule({
  meta: {
    id: 'duplicate-mac',
    defaultSeverity: 'error',
    category: 'identity',
    description: "One MAC address on interfaces of two different nodes (every spelling compared), or a node's MAC pattern that matches another node's MAC.",
    rationale:
      'A MAC identifies a NIC on its layer-2 segment. Two machines with one MAC make switches flap the port the MAC is ' +
      'learnt on, DHCP hands both the same lease, and the nodes lose packets at random; the kubeadm install guide ' +
      "requires a unique MAC (and product_uuid) on every node for this reason. Cloned VMs that kept their template's MAC are the " +
      'usual cause. Interfaces of one node may share a MAC (bonds, VLAN sub-interfaces, bridges), so that is not reported. ' +
      'A MAC pattern (Talos\'s `hardwareAddr: "00:50:56:*"`) that also matches another node\'s NIC does not pin the ' +
      'interface it is meant for: a config copied to that machine picks the wrong link.',
    messages: {
      duplicate: 'MAC "{mac}" is already used by interface {iface} of node {node}: every machine needs its own MAC (a cloned VM?)',
      duplicateSpelling:
        'MAC "{mac}" is the same MAC as "{first}", already used by interface {iface} of node {node}: every machine needs ' + 'its own MAC (a cloned VM?)',
      first: 'first used here',
      pattern:
        'MAC pattern "{pattern}" also matches MAC "{mac}" of interface {iface} of node {node}, so it does not pin one NIC: ' +
        'select the interface by its exact MAC',
      matched: 'the MAC it matches',
    },
  },
  check(plan, context) {
    for (const { first, duplicate } of findDuplicates(firstUsePerNode(plan.nodes), (i) => i.mac!.normalized)) {
      const mac = duplicate.mac!;
      const firstMac = first.mac!;
      context.report({
        messageId: mac.value === firstMac.value ? 'duplicate' : 'duplicateSpelling',
        data: { mac: mac.value, first: firstMac.value, iface: interfaceArg(first), node: nodeArg(first.node) },
        at: mac.span,
        related: [{ at: firstMac.span, messageId: 'first' }],
      });
    }
    for (const { pattern, match } of patternMatches(plan.nodes)) {
      context.report({
        messageId: 'pattern',
        data: { pattern: pattern.mac!.value, mac: match.mac!.value, iface: interfaceArg(match), node: nodeArg(match.node) },
        at: pattern.mac!.span,
        related: [{ at: match.mac!.span, messageId: 'matched' }],
        severity: 'warning',
      });
    }
  },
});
