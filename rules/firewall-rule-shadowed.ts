import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import type { CompiledRule, PacketPolicy } from '../src/analysis/firewall-policy';
import { redundantRules, shadowedRules, type Shadowed } from '../src/analysis/shadowing';
import { ruleArg, rulesArg } from '../src/analysis/witness';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'firewall-rule-shadowed',
    defaultSeverity: 'warning',
    category: 'firewall',
    description: 'A firewall rule no packet can reach, because earlier rules already decide everything it matches.',
    rationale:
      'Firewalls decide by the first matching rule, so a rule below broader ones is dead code. When the earlier ' +
      "rules decide the opposite way, the author's intent is silently overridden: an `allow` for the API server " +
      'below a `deny` of everything never opens it, a `deny` of the internet below an `allow` of everything never ' +
      'closes anything. Shadowing is computed on address and port sets, not by comparing text, and across every ' +
      'firewall that applies to the same nodes (their rules form one list, in plan order).',
    messages: {
      opposite: '{rule} never matches: {covering} already {verb} every packet it matches, the opposite of this {action}',
      mixed: '{rule} never matches: {covering} already decide every packet it matches (some the opposite way)',
      redundant: '{rule} never matches: {covering} already {verb} every packet it matches; remove it',
      union: '{rule} adds nothing: {covering} already {verb} every packet it allows; remove it',
      earlier: 'an earlier rule that decides part of its packets',
      besides: 'a rule that allows part of its packets',
    },
  },
  check(plan, context) {
    const analysis = firewallAnalysis(plan);
    // Each rule is judged in every list (host firewalls) or union (security groups) it takes part in: the
    // layers of each node group, and a firewall that applies to no node alone. It is dead only if dead in all.
    const layers = new Set<PacketPolicy>(analysis.groups.flatMap((g) => g.policy?.layers ?? []));
    const inLayers = new Set([...layers].flatMap((p) => p.firewalls));
    for (const f of plan.firewalls) if (!inLayers.has(f)) layers.add(analysis.policyOfFirewall(f));
    const dead = new Map<CompiledRule['rule'], Shadowed>();
    const alive = new Set<CompiledRule['rule']>();
    const stop = () => context.pastDeadline();
    for (const layer of layers) {
      const found = layer.type === 'security-group' ? redundantRules(layer, stop) : shadowedRules(layer, stop);
      // Cut short, a layer's result is partial, and a rule is only dead if dead in all of its layers.
      if (context.pastDeadline()) return;
      const shadowed = new Map(found.map((s) => [s.rule.rule, s]));
      for (const r of layer.rules) {
        const s = shadowed.get(r.rule);
        if (!s) alive.add(r.rule);
        else if (!dead.has(r.rule)) dead.set(r.rule, s);
      }
    }
    for (const [rule, s] of dead) {
      if (alive.has(rule)) continue;
      const covering = rulesArg(
        s.by.map((b) => b.rule),
        s.count,
      );
      if (rule.firewall.type === 'security-group') {
        const verb = s.count > 1 ? 'allow' : 'allows';
        const related = s.by.map((b) => ({ at: b.rule.span, messageId: 'besides' }));
        context.report({ messageId: 'union', data: { rule: ruleArg(rule), covering, verb }, at: rule.span, related });
        continue;
      }
      const action = rule.action.value;
      const messageId = s.opposite === s.count ? 'opposite' : s.opposite === 0 ? 'redundant' : 'mixed';
      const earlier = s.by[0].rule.action.value;
      const verb = s.count > 1 ? earlier : earlier === 'allow' ? 'allows' : 'denies';
      context.report({
        messageId,
        data: { rule: ruleArg(rule), covering, verb, action },
        at: rule.span,
        related: s.by.map((b) => ({ at: b.rule.span, messageId: 'earlier' })),
      });
    }
  },
});
