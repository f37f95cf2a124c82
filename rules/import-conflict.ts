import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'import-conflict',
    defaultSeverity: 'error',
    category: 'syntax',
    description: 'A value is set both in a plan and in a file it imports (or in two imported files).',
    rationale:
      'A plan split over files (`spec.imports`) is one plan: lists such as nodes and firewalls add up, but a single value ' +
      'such as the distribution or the pod CIDRs can hold only one setting. Two files that set it disagree, or will the ' +
      'day one of them changes; which one the installer reads depends on the tool. The first one (the importing file, then ' +
      'imports in order) is used for the other checks.',
    messages: {
      conflict: '{key} is set here and in another file of this plan: set it in one place',
      first: '{key} set here first (this value is the one checked)',
    },
  },
  check(plan, context) {
    for (const conflict of plan.conflicts) {
      const key = plan.keyNames[conflict.key];
      context.report({ messageId: 'conflict', data: { key }, at: conflict.second, related: [{ at: conflict.first, messageId: 'first', data: { key } }] });
    }
  },
});
