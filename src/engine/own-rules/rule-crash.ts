// Reported by the engine when a rule throws: the lint goes on, and the bug is visible, not silent.
import type { RuleMeta } from '../../core/types';

export const ruleCrash: RuleMeta = {
  id: 'rule-crash',
  defaultSeverity: 'error',
  category: 'syntax',
  description: 'A rule failed on this plan (a bug in kube-netlint: please report it).',
  rationale:
    'A rule that throws must not hide the findings of the others, nor pass silently: the crash is reported ' +
    'at the plan with the rule id and the error, and every other rule still runs.',
  messages: { crashed: 'rule "{rule}" failed on this plan: {error}' },
};
