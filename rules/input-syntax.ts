import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'input-syntax',
    defaultSeverity: 'error',
    category: 'syntax',
    description: 'A line of an input that is not YAML (an INI inventory) does not parse: the line is reported, the rest is still read.',
    rationale:
      'kube-netlint reads some inputs in their own syntax, Ansible INI inventories among them. A line that does not ' +
      'parse (an unterminated quote, a section header without `]`, a host range such as `node[10:01]` that expands to ' +
      'nothing) is one the installer refuses or reads differently from what its author meant: a host that silently ' +
      'drops out of a group is a node the cluster never gets. The rest of the file is still read and checked. ' +
      'YAML syntax is `yaml-syntax`.',
    messages: {
      syntax: '{message}',
    },
  },
  check(plan, context) {
    for (const p of plan.problems) context.report({ messageId: 'syntax', data: { message: p.message }, at: p.span });
  },
});
