// The reachability rules are one check over the required-flow catalog, each reporting its own flows:
// a rule module gives its id, severity and texts; this gives the check and the messages' shape.
import { blockedFlows, flowsOf, type BlockedFlow } from '../analysis/required-flows';
import { deciderArg, deciderSpan, endpointArg, packetArg } from '../analysis/witness';
import { networkArg } from '../analysis/cluster-networks';
import { defineRule, type MessageData, type RelatedReport, type Rule } from './rule';
import type { Fix, RuleMeta } from '../core/types';
import { insertSequenceItem } from '../source/edits';
import { describeKey, portOf, protocolOf } from '../values/ports';
import { isPorted, protocolName } from '../values/protocols';
import type { FlowRuleId, Party } from '../domain/required-flows';

export const FLOW_MESSAGES = {
  blocked: '{packet} is denied by {decider}, but the cluster needs it for {component}{more}: allow it',
  destination: 'destination node',
  source: 'source',
  firewall: 'the firewall whose default decides',
} as const;

type FlowRuleMeta = Omit<RuleMeta, 'messages' | 'category' | 'id'> & { id: FlowRuleId };

export function defineFlowRule(meta: FlowRuleMeta): Rule {
  return defineRule({
    meta: { ...meta, category: 'firewall', messages: FLOW_MESSAGES, fix: 'unsafe' },
    check(plan, context) {
      const flows = flowsOf(plan).filter((f) => f.rule === meta.id);
      if (flows.length === 0 || plan.firewalls.length === 0) return;
      for (const b of blockedFlows(plan, flows)) {
        context.report({ messageId: 'blocked', data: messageData(b), at: deciderSpan(b.by), related: related(b), fix: allowFix(plan.source.text, b) });
      }
    },
  });
}

const FROM: Record<Party | 'internet', string> = {
  all: 'nodes',
  'control-plane': '"role:control-plane"',
  etcd: '"role:etcd"',
  trusted: 'trusted',
  internet: 'internet',
};

/**
 * An allow rule for the flow in the layer that blocks it: just above the host firewall's rule that denies
 * it, or after the last rule of the firewall whose default denies it, or of the (first) security group
 * when no security group allows it. Unsafe: it opens the firewall, as the cluster needs but as a reviewer
 * must see.
 */
function allowFix(text: string, b: BlockedFlow): Fix | undefined {
  const proto = protocolOf(b.flow.key);
  const service = isPorted(proto) ? `protocol: ${protocolName(proto)}, ports: ${portOf(b.flow.key)}` : `protocol: ${proto}`;
  const from = FROM[b.flow.from];
  const item = `{action: allow, ${service}, from: [${from}]}`;
  const title = `Allow ${describeKey(b.flow.key)} from ${from.replace(/"/g, '')}`;
  if (b.by.kind === 'rule') return insertSequenceItem(text, b.by.rule.span, 'before', item, 'unsafe', title);
  const last = b.by.firewall.rules.at(-1);
  return last && insertSequenceItem(text, last.span, 'after', item, 'unsafe', title);
}

function messageData(b: BlockedFlow): MessageData {
  const { source, destination } = b;
  const from = source.network
    ? endpointArg(source.ip, undefined, { network: networkArg(source.network) })
    : source.internet
      ? endpointArg(source.ip, undefined, { internet: true })
      : endpointArg(source.ip, source.node);
  const [one, many] = source.node ? ['node pair', 'node pairs'] : ['destination', 'destinations'];
  return {
    packet: packetArg(b.flow.key, from, endpointArg(destination.ip, destination.node)),
    decider: deciderArg(b.by),
    component: b.flow.component.component,
    more: { type: 'count', n: b.pairs - 1, one, many, aside: 'more' },
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
