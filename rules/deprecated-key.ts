import { renamedKeysIn } from '../src/formats/clusterplan/renamed-keys';
import { defineRule } from '../src/rule-kinds/rule';
import { replaceScalar } from '../src/source/edits';

export default defineRule({
  meta: {
    id: 'deprecated-key',
    defaultSeverity: 'warning',
    category: 'syntax',
    description: "A plan key that has a new name (a service's `on`, now `runsOn`): still read, with a safe fix that renames it.",
    rationale:
      'A plan is read by more tools than kube-netlint: Ansible templates it, Python scripts load it, yamllint checks it. ' +
      'Those read YAML 1.1, where an unquoted `on` is not a string but the boolean true, so `on: {roles: [worker]}` ' +
      'reaches them as `true: {roles: [worker]}` and a script that looks up `on` finds nothing. The new name means the ' +
      'same in every reader. The old one still works here, so a plan keeps its meaning until it is renamed.',
    messages: {
      renamed: '`{from}` is the old name of `{to}`: {why}; rename it to `{to}`',
      both: '`{from}` is the old name of `{to}`, which this entry also sets: `{from}` is not read; delete it',
      newKey: '`{to}` set here',
    },
    fix: 'safe',
  },
  check(plan, context) {
    for (const { document, reader } of plan.documents) {
      for (const { renamed, keySpan, newKeySpan } of renamedKeysIn(document, reader)) {
        const data = { from: renamed.from, to: renamed.to, why: renamed.why };
        if (newKeySpan) {
          context.report({ messageId: 'both', data, at: keySpan, related: [{ at: newKeySpan, messageId: 'newKey', data }] });
          continue;
        }
        // A key written through an alias (its text is elsewhere) gets no fix: replaceScalar checks the text.
        const fix = replaceScalar(plan.source.text, keySpan, renamed.from, renamed.to, 'safe');
        context.report({ messageId: 'renamed', data, at: keySpan, fix: fix && { ...fix, title: `Rename ${renamed.from} to ${renamed.to}` } });
      }
    }
  },
});
