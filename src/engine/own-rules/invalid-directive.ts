// Reported by the engine while applying inline directives (src/engine/suppress.ts): metadata only.
import type { RuleMeta } from '../../core/types';

export const invalidDirective: RuleMeta = {
  id: 'invalid-directive',
  defaultSeverity: 'error',
  category: 'syntax',
  description: 'An inline `# kube-netlint-…` comment names an unknown rule or is not a known directive.',
  rationale:
    'A suppression comment with a misspelt rule id or directive suppresses nothing, so the finding its author meant to ' +
    'accept with a reason still fails the build, or worse, the author believes a rule is silenced when it is not. ' +
    'Reporting the comment itself says exactly what to correct.',
  messages: {
    unknownRule: 'unknown rule "{id}" in a kube-netlint directive{suggestion}',
    unknownDirective: 'unknown directive "{word}": expected kube-netlint-disable-next-line, -disable-line, -disable or -enable',
  },
};
