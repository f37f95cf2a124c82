import { defineRule } from '../src/rule-kinds/rule';

/** How many unresolved values a message quotes. */
const QUOTED = 3;

export default defineRule({
  meta: {
    id: 'import-unresolved',
    defaultSeverity: 'info',
    category: 'syntax',
    description:
      'Values a template fills in (Jinja `{{ }}`, Go templates, `${VAR}`), and commands or rules an importer cannot follow, were not checked: one note per document, at the first.',
    rationale:
      'Inventories and machine configs are often templates: `ip: "{{ node_ip }}"`, `talosVersion: ${talosVersion}`. ' +
      'Until the template is rendered such a value says nothing, so no rule judges it: an address written as a variable ' +
      'is neither a duplicate nor a valid one. This note says how many values were passed over and where the first is, ' +
      'so that a clean result is not mistaken for a checked one. Lint the rendered files to check those values too.',
    messages: {
      unresolved: '{count} not checked because a template fills {them} in, or kube-netlint cannot follow {them}: {examples}',
    },
  },
  check(plan, context) {
    for (const found of plan.unresolved) {
      const values = [...found].sort((a, b) => a.span[0] - b.span[0]);
      const quoted = values.slice(0, QUOTED).map((v) => `"${v.value}"`);
      const examples = values.length > QUOTED ? `${quoted.join(', ')} and ${values.length - QUOTED} more` : quoted.join(', ');
      context.report({
        messageId: 'unresolved',
        data: { count: values.length === 1 ? '1 value was' : `${values.length} values were`, them: values.length === 1 ? 'it' : 'them', examples },
        at: values[0].span,
      });
    }
  },
});
