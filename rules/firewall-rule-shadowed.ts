import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import type { CompiledRule, Policy } from '../src/analysis/firewall-policy';
import { shadowedRules, type Shadowed } from '../src/analysis/shadowing';
import { ruleLabel, rulesLabel } from '../src/analysis/witness';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'firewall-rule-shadowed',
    defaultSeverity: 'warning',
    category: 'firewall',
    description: 'A firewall rule no packet can reach, because earlier rules already decide everything it matches.',
    rationale:
      'Firewalls decide by the first matching rule, so a rule below broader ones is dead code. When the earlier ' +
      'rules decide the opposite way, the author\'s intent is silently overridden: an `allow` for the API server ' +
      'below a `deny` of everything never opens it, a `deny` of the internet below an `allow` of everything never ' +
      'closes anything. Shadowing is computed on address and port sets, not by comparing text, and across every ' +
      'firewall that applies to the same nodes (their rules form one list, in plan order).',
    messages: {
      opposite: '{rule} never matches: {covering} already {verb} every packet it matches, the opposite of this {action}',
      mixed: '{rule} never matches: {covering} already decide every packet it matches (some the opposite way)',
      redundant: '{rule} never matches: {covering} already {verb} every packet it matches; remove it',
      earlier: 'an earlier rule that decides part of its packets',
    },
  },
  check(plan, context) {
    const analysis = firewallAnalysis(plan);
    // Each rule is judged in every list it takes part in; it is dead only if dead in all of them.
    const lists: Policy[] = analysis.groups.flatMap((g) => (g.policy ? [g.policy] : []));
    const inLists = new Set(lists.flatMap((p) => p.firewalls));
    for (const f of plan.firewalls) if (!inLists.has(f)) lists.push(analysis.policyOfFirewall(f));
    const dead = new Map<CompiledRule['rule'], Shadowed>();
    const alive = new Set<CompiledRule['rule']>();
    for (const policy of lists) {
      const shadowed = new Map(shadowedRules(policy, () => context.pastDeadline()).map((s) => [s.rule.rule, s]));
      // Cut short, a list's result is partial, and a rule is only dead if dead in all of its lists.
      if (context.pastDeadline()) return;
      for (const r of policy.rules) {
        const s = shadowed.get(r.rule);
        if (!s) alive.add(r.rule);
        else if (!dead.has(r.rule)) dead.set(r.rule, s);
      }
    }
    for (const [rule, s] of dead) {
      if (alive.has(rule)) continue;
      const action = rule.action.value;
      const messageId = s.opposite === s.count ? 'opposite' : s.opposite === 0 ? 'redundant' : 'mixed';
      const covering = rulesLabel(s.by.map((b) => b.rule), s.count);
      const earlier = s.by[0].rule.action.value;
      const verb = s.count > 1 ? earlier : earlier === 'allow' ? 'allows' : 'denies';
      context.report({
        messageId,
        data: { rule: ruleLabel(rule), covering, verb, action },
        at: rule.span,
        related: s.by.map((b) => ({ at: b.rule.span, messageId: 'earlier' })),
      });
    }
  },
});
