// The reachability rules are one check over the required-flow catalog, each reporting its own flows:
// a rule module gives its id, severity and texts; this gives the check and the messages' shape.
import { blockedFlows, flowsOf, type BlockedFlow } from '../analysis/required-flows';
import { deciderLabel, deciderSpan, endpointLabel, packetLabel } from '../analysis/witness';
import { describeNetwork } from '../analysis/cluster-networks';
import { defineRule, type RelatedReport, type Rule } from '../engine/rule';
import type { RuleMeta } from '../engine/types';
import type { FlowRuleId } from '../../rules/catalogs/required-flows';

export const FLOW_MESSAGES = {
  blocked: '{packet} is denied by {decider}, but the cluster needs it for {component}{more}: allow it',
  destination: 'destination node',
  source: 'source',
  firewall: 'the firewall whose default decides',
} as const;

type FlowRuleMeta = Omit<RuleMeta, 'messages' | 'category' | 'id'> & { id: FlowRuleId };

export function defineFlowRule(meta: FlowRuleMeta): Rule {
  return defineRule({
    meta: { ...meta, category: 'firewall', messages: FLOW_MESSAGES },
    check(plan, context) {
      const flows = flowsOf(plan).filter((f) => f.rule === meta.id);
      if (flows.length === 0 || plan.firewalls.length === 0) return;
      for (const b of blockedFlows(plan, flows)) {
        context.report({ messageId: 'blocked', data: messageData(b), at: deciderSpan(b.by), related: related(b) });
      }
    },
  });
}

function messageData(b: BlockedFlow): Record<string, string> {
  const { source, destination } = b;
  const from = source.network ? `${endpointLabel(source.ip)} (${describeNetwork(source.network)})` : endpointLabel(source.ip, source.node);
  const others = b.pairs - 1;
  const more = others > 0 ? ` (and ${others} more ${source.network ? 'destination' : 'node pair'}${others > 1 ? 's' : ''})` : '';
  return {
    packet: packetLabel(b.flow.key, from, endpointLabel(destination.ip, destination.node)),
    decider: deciderLabel(b.by),
    component: b.flow.component.component,
    more,
  };
}

function related(b: BlockedFlow): RelatedReport[] {
  const out: RelatedReport[] = [];
  const dest = b.destination.node.name?.span;
  if (dest) out.push({ at: dest, messageId: 'destination' });
  const src = b.source.network?.span ?? b.source.node?.name?.span;
  if (src) out.push({ at: src, messageId: 'source' });
  // An explicit default is reported at its value: the firewall's name says whose it is.
  if (b.by.kind === 'default' && b.by.firewall.defaultActionAt && b.by.firewall.name) out.push({ at: b.by.firewall.name.span, messageId: 'firewall' });
  return out;
}
