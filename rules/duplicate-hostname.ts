import { findDuplicates } from '../src/analysis/duplicates';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'duplicate-hostname',
    defaultSeverity: 'error',
    category: 'identity',
    description: 'Two nodes share one name (compared case-insensitively).',
    rationale:
      'The hostname becomes the Kubernetes node name: the second node to join with a name replaces or fights the first ' +
      '(its kubelet updates the same Node object). Cloned VMs are the usual cause. kubelet lower-cases names, so ' +
      '`Worker-1` and `worker-1` collide too.',
    messages: {
      duplicate: 'node name "{name}" is already used by node #{index}',
      duplicateCase: 'node name "{name}" is the same as "{first}" (node #{index}): node names are compared case-insensitively',
      first: 'first used here',
    },
  },
  check(plan, context) {
    const named = plan.nodes.filter((n) => n.name !== undefined);
    for (const { first, duplicate } of findDuplicates(named, (n) => n.name!.value.toLowerCase())) {
      context.report({
        messageId: duplicate.name!.value === first.name!.value ? 'duplicate' : 'duplicateCase',
        data: { name: duplicate.name!.value, index: first.index + 1, first: first.name!.value },
        at: duplicate.name!.span,
        related: [{ at: first.name!.span, messageId: 'first' }],
      });
    }
  },
});
