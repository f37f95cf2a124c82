import { hostnameProblem } from '../src/values/hostname';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'invalid-hostname',
    defaultSeverity: 'error',
    category: 'identity',
    description: 'A node name is not a lower-case RFC 1123 name (labels of a-z, 0-9 and "-", each at most 63 characters), or is longer than 63 characters.',
    rationale:
      'The hostname becomes the node name, which Kubernetes validates as a lower-case RFC 1123 subdomain, and the value of ' +
      'the `kubernetes.io/hostname` label, which holds at most 63 characters. A name that fails either check makes the ' +
      'kubelet fail to register the node, long after the machine was set up.',
    messages: { invalid: 'node name "{name}" is not a valid Kubernetes node name: {reason}' },
  },
  check(plan, context) {
    for (const node of plan.nodes) {
      if (!node.name) continue;
      const reason = hostnameProblem(node.name.value);
      if (reason) context.report({ messageId: 'invalid', data: { name: node.name.value, reason }, at: node.name.span });
    }
  },
});
