import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { firewallArg, ruleArg, serviceArg } from '../src/analysis/witness';
import { replaceScalar } from '../src/source/edits';
import { defineRule } from '../src/rule-kinds/rule';
import type { FieldArg } from '../src/core/message-args';

export default defineRule({
  meta: {
    id: 'firewall-unknown-reference',
    defaultSeverity: 'error',
    category: 'firewall',
    description: "`from`, `appliesTo` or a service's `runsOn` names a role, node or network that does not exist, or a malformed CIDR.",
    rationale:
      'A reference that resolves to nothing matches nothing: an allow rule for `role:etcd-members` or `node:master-1` ' +
      '(for `master-01`) opens nothing, and the required flow it was meant for stays blocked; a firewall that applies ' +
      'to a misspelled node protects nothing. Typos in references are silent in every firewall tool, so they are ' +
      'errors here.',
    messages: {
      from: '{where} refers to "{ref}", which matches nothing: {why}{suggestion}',
      selector: '{where} refers to "{ref}", which selects no node: {why}{suggestion}',
    },
  },
  check(plan, context) {
    const { refs } = firewallAnalysis(plan);
    for (const firewall of plan.firewalls) {
      if (firewall.appliesTo) {
        for (const u of refs.select(firewall.appliesTo).unknown) {
          context.report({
            messageId: 'selector',
            data: {
              where: { type: 'field', key: 'appliesTo', of: firewallArg(firewall) },
              ref: u.at.value,
              why: u.why,
              suggestion: { type: 'suggestion', meant: u.meant },
            },
            at: u.at.span,
          });
        }
      }
      for (const rule of firewall.rules) {
        for (const ref of rule.from ?? []) {
          const r = refs.resolve(ref.value);
          if (r.ok) continue;
          const meant = r.meant && replaceScalar(plan.source.text, ref.span, ref.value, r.meant, 'unsafe');
          const suggestions = meant ? [{ title: `Change to ${r.meant}`, edits: meant.edits }] : undefined;
          context.report({
            messageId: 'from',
            data: { where: ruleArg(rule), ref: ref.value, why: r.error, suggestion: { type: 'suggestion', meant: r.meant } },
            at: ref.span,
            suggestions,
          });
        }
      }
    }
    for (const service of plan.declaredServices) {
      if (!service.on) continue;
      const where: FieldArg = { type: 'field', key: 'runsOn', of: serviceArg(service) };
      for (const u of refs.select(service.on).unknown)
        context.report({
          messageId: 'selector',
          data: { where, ref: u.at.value, why: u.why, suggestion: { type: 'suggestion', meant: u.meant } },
          at: u.at.span,
        });
    }
  },
});
