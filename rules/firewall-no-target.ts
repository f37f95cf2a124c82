import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { firewallArg } from '../src/analysis/witness';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'firewall-no-target',
    defaultSeverity: 'warning',
    category: 'firewall',
    description: 'A firewall applies to no node.',
    rationale:
      'A firewall whose `appliesTo` selects no node filters nothing: the nodes it was written for run unfiltered, or ' +
      'under another firewall that lacks its rules. It usually means a role that no node has yet, or renamed nodes.',
    messages: {
      noTarget: '{firewall} applies to no node: {why}',
    },
  },
  check(plan, context) {
    const { targets } = firewallAnalysis(plan);
    for (const [firewall, nodes] of targets) {
      if (!firewall.appliesTo || nodes.length > 0) continue;
      const { roles, nodes: names, all } = firewall.appliesTo;
      const why = all
        ? 'the plan has no nodes'
        : [...roles.map((r) => `no node has the role "${r.value}"`), ...names.map((n) => `no node is named "${n.value}"`)].join(', ') ||
          'it names neither roles nor nodes';
      context.report({ messageId: 'noTarget', data: { firewall: firewallArg(firewall), why }, at: firewall.appliesTo.span });
    }
  },
});
