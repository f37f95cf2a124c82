// The exposure rules are one set computation (src/analysis/exposure.ts) over different ports and
// unwanted sources: a rule module says what to check; this reports it with a witness packet.
import { formatAddress, PUBLIC } from '../values/address-set';
import { formatIp } from '../values/ip';
import { exposures, type Exposure, type ExposureQuery } from '../analysis/exposure';
import { nodeArg } from '../analysis/node-interfaces';
import { deciderArg, deciderSpan, destinationArg, endpointArg, packetArg } from '../analysis/witness';
import { defineRule, type RelatedReport, type Rule } from './rule';
import type { Fix, RuleMeta } from '../core/types';
import type { CountArg, MessageValue } from '../core/message-args';
import type { FirewallRule, Plan } from '../model/types';
import { firewallAnalysis } from '../analysis/firewall-analysis';
import { replaceScalar } from '../source/edits';

export interface ExposureCheck extends ExposureQuery {
  /** What is exposed, for the message: `the etcd API`, a service, or the component the witness packet reaches. */
  what: MessageValue | ((key: bigint) => MessageValue);
  /** Who must not reach it: `the internet`, `other hosts`. */
  whom: string;
  /** The `from` reference a fix narrows a public rule to (`trusted`, `nodes`, `"role:etcd"`); no fix without it. */
  narrowTo?: string;
}

const MESSAGES = {
  allowed: '{packet} is allowed by {decider}{more}: {what} must not be reachable from {whom}',
  destination: 'destination node',
  appliesTo: 'the nodes this firewall applies to',
};

/** The finding on a node no firewall applies to: not a message of the rules whose checks are all firewalledOnly. */
const UNFILTERED = {
  unfiltered: 'node {node} has no firewall and the public address {address}, so {packet} gets through: {what} must not be reachable from {whom}',
};

type ExposureRuleSpec = Omit<RuleMeta, 'messages' | 'category'> & {
  /** Every check of the rule is firewalledOnly (ports the plan does not say anything listens on). */
  firewalledOnly?: true;
  /** Every check is writtenPortsOnly (ports off or on the loopback unless configured); implies firewalledOnly. */
  writtenPortsOnly?: true;
  checks: (plan: Plan, options: Readonly<Record<string, unknown>>) => ExposureCheck[];
};

export function defineExposureRule({ checks, writtenPortsOnly, firewalledOnly = writtenPortsOnly, ...meta }: ExposureRuleSpec): Rule {
  const only = { ...(firewalledOnly && { firewalledOnly }), ...(writtenPortsOnly && { writtenPortsOnly }) };
  return defineRule({
    meta: { ...meta, category: 'exposure', messages: firewalledOnly ? MESSAGES : { ...MESSAGES, ...UNFILTERED } },
    check(plan, context) {
      if (plan.firewalls.length === 0 && !plan.nodes.length) return;
      for (const check of checks(plan, context.options)) {
        if (check.services.isEmpty || check.nodes.length === 0) continue;
        for (const e of exposures(plan, { ...check, ...only })) report(plan, e, check, context.report);
      }
    },
  });
}

function report(plan: Plan, e: Exposure, check: ExposureCheck, emit: Parameters<Rule['check']>[1]['report']): void {
  const { whom } = check;
  const what = typeof check.what === 'function' ? check.what(e.key) : check.what;
  if (e.kind === 'unfiltered') {
    const address = e.address.ip!;
    const from = PUBLIC.family(address.family).min!;
    const packet = packetArg(e.key, { type: 'endpoint', address: formatIp(address.family, from) }, endpointArg(address, e.destination));
    emit({ messageId: 'unfiltered', data: { node: nodeArg(e.destination), address: formatAddress(address), packet, what, whom }, at: e.address.span });
    return;
  }
  const related: RelatedReport[] = [];
  if (e.destination.name) related.push({ at: e.destination.name.span, messageId: 'destination' });
  const firewall = e.by.kind === 'rule' ? e.by.rule.firewall : e.by.firewall;
  if (firewall.appliesTo) related.push({ at: firewall.appliesTo.span, messageId: 'appliesTo' });
  const more: CountArg = { type: 'count', n: e.nodes, one: 'node', many: 'nodes', aside: 'on' };
  const packet = packetArg(e.key, endpointArg(e.source), destinationArg(e.destination, e.source, plan));
  const fix = e.by.kind === 'rule' && check.narrowTo ? narrowFix(plan, e.by.rule, check.narrowTo) : undefined;
  emit({ messageId: 'allowed', data: { packet, decider: deciderArg(e.by), more, what, whom }, at: deciderSpan(e.by), related, fix });
}

/**
 * Narrows a rule: each `from` entry that lets the internet in becomes `to` (the nodes, a role, or the
 * trusted networks). Unsafe: whoever relied on the wider source loses access. None when `to` is already
 * listed or resolves to nothing.
 */
function narrowFix(plan: Plan, rule: FirewallRule, to: string): Fix | undefined {
  const from = rule.from;
  const bare = to.replace(/"/g, '');
  const { refs, internet } = firewallAnalysis(plan);
  const target = refs.resolve(bare);
  if (!from || !target.ok || target.set.isEmpty || from.some((f) => f.value === bare)) return undefined;
  const text = plan.source.text;
  const open = from.filter((f) => {
    const r = refs.resolve(f.value);
    return r.ok && r.set.intersects(internet);
  });
  const edits = open.flatMap((f, i) => {
    const before = from[from.indexOf(f) - 1];
    // Later entries of a flow list are dropped with their comma, so the reference is not repeated.
    if (i > 0 && before && /^\s*,\s*$/.test(text.slice(before.span[1], f.span[0]))) return [{ start: before.span[1], end: f.span[1], text: '' }];
    // Inside quotes the reference goes in bare; a plain scalar needs quotes for `role:…`.
    const quoted = /^["']/.test(text.slice(f.span[0], f.span[0] + 1));
    return replaceScalar(text, f.span, f.value, quoted ? bare : to, 'unsafe')?.edits ?? [];
  });
  return edits.length ? { safety: 'unsafe', title: `Allow it from ${bare} only`, edits } : undefined;
}
