// Reported by the engine while applying inline directives (src/engine/suppress.ts): metadata only.
import type { RuleMeta } from '../../core/types';

export const unusedDirective: RuleMeta = {
  id: 'unused-directive',
  defaultSeverity: 'warning',
  category: 'syntax',
  description: 'An inline `# kube-netlint-disable…` comment suppresses nothing (with a fix that removes it).',
  rationale:
    'A suppression that no longer suppresses anything is a trap: the problem it excused was fixed (or moved), and the ' +
    'comment would silently hide the next real finding on that line. As ESLint and Ruff do, the unused directive is ' +
    'reported with a safe fix that deletes it.',
  messages: {
    // No line number: the finding's position says where, and a message that changes when lines move would
    // change the finding's SARIF fingerprint.
    unusedLine: 'unused kube-netlint-{kind} directive: no {what} is reported on the line it covers',
    unusedBlock: 'unused kube-netlint-disable directive: no {what} is reported after it',
  },
  fix: 'safe',
};
