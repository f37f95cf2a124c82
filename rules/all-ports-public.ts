import { formatAddress, type AddressSet } from '../src/values/address-set';
import type { IpAddress } from '../src/values/ip';
import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import type { CompiledRule, PacketPolicy } from '../src/analysis/firewall-policy';
import type { Firewall } from '../src/model/types';
import { describeKey, serviceSet } from '../src/values/ports';
import { deciderSpan, firewallArg, ruleArg } from '../src/analysis/witness';
import { defineRule } from '../src/rule-kinds/rule';

const EVERYTHING = serviceSet('any', undefined);
// Port 0 is never a destination, so 1-65535 is every port.
const ALL_TCP = serviceSet(6, [[1, 65535]]);
const ALL_UDP = serviceSet(17, [[1, 65535]]);

/** What a rule opens in full: every packet, every tcp port, every udp port; undefined when less. */
function breadth(r: CompiledRule): string | undefined {
  if (r.service.covers(EVERYTHING)) return 'every protocol and port';
  const tcp = r.service.covers(ALL_TCP);
  const udp = r.service.covers(ALL_UDP);
  if (tcp && udp) return 'every tcp and udp port';
  return tcp ? 'every tcp port' : udp ? 'every udp port' : undefined;
}

export default defineRule({
  meta: {
    id: 'all-ports-public',
    defaultSeverity: 'error',
    security: {
      severity: 9.3,
      reason: 'every port the node serves is public, the kubelet API of every node included, and so is whatever is installed on it later.',
    },
    precision: 'very-high',
    category: 'exposure',
    description: 'A rule, or a default action, allows every port (or every protocol) from a public source.',
    rationale:
      'A rule that allows all ports from the internet publishes everything the node runs, today and after every ' +
      'future install: etcd, the kubelet, the overlay, databases, debug endpoints. It is the firewall equivalent of ' +
      'having none. Allow the ports the node serves, each from the sources that need it.',
    messages: {
      open: '{rule} allows {what} from the internet (e.g. from {source}): allow only the ports the nodes serve, each from the sources that need it',
      defaultOpen:
        'the default action (allow) of {firewall} lets the internet reach every port no rule decides (e.g. {service} from {source}): deny by default and allow only the ports the nodes serve',
    },
  },
  check(plan, context) {
    const analysis = firewallAnalysis(plan);
    // The policies of the node groups a firewall applies to, or the firewall alone when it applies to none.
    const policies = (f: Firewall): PacketPolicy[] => {
      const of = analysis.groups.flatMap((g) => (g.policy?.firewalls.includes(f) ? [g.policy] : []));
      return of.length ? of : [analysis.policyOfFirewall(f)];
    };
    for (const rules of analysis.compiled.values()) {
      for (const r of rules) {
        const what = r.allow ? breadth(r) : undefined;
        if (!what || !r.sources.intersects(analysis.internet)) continue;
        const source = publicSource(r, policies(r.rule.firewall), analysis.internet);
        if (source) context.report({ messageId: 'open', data: { rule: ruleArg(r.rule), what, source: formatAddress(source) }, at: r.rule.span });
      }
    }
    // A default that allows is the broadest rule of all (when no other firewall of its layer denies by
    // default, and the node's other layers let the internet through).
    const reported = new Set<object>();
    for (const policy of analysis.groups.flatMap((g) => (g.policy ? [g.policy] : []))) {
      for (const layer of policy.layers) {
        const by = layer.fallback.by;
        if (!layer.fallback.allow || by.kind !== 'default' || reported.has(by.firewall)) continue;
        // Witness a tcp port when one is open: `IP protocol 0` would be a puzzling example.
        for (const [first] of [...policy.runs(ALL_TCP), ...policy.runs(EVERYTHING)]) {
          const open = layer
            .parts(first)
            .find((p) => p.decision === layer.fallback)
            ?.sources.intersect(analysis.internet)
            .intersect(policy.allowed(first)).witness;
          if (!open) continue;
          reported.add(by.firewall);
          context.report({
            messageId: 'defaultOpen',
            data: { firewall: firewallArg(by.firewall), service: describeKey(first), source: formatAddress(open) },
            at: deciderSpan(by),
          });
          break;
        }
      }
    }
  },
});

/**
 * A public source the rule (not an earlier one of its layer) decides, on some run of the ports it opens,
 * that the node's other layers let through too.
 */
function publicSource(r: CompiledRule, policies: readonly PacketPolicy[], internet: AddressSet): IpAddress | undefined {
  for (const policy of policies) {
    const layer = policy.layers.find((l) => l.firewalls.includes(r.rule.firewall))!;
    for (const [first] of policy.runs(r.service)) {
      const decided = layer.parts(first).find((part) => part.decision.by.kind === 'rule' && part.decision.by.rule === r.rule);
      const source = decided?.sources.intersect(internet).intersect(policy.allowed(first)).witness;
      if (source) return source;
    }
  }
  return undefined;
}
