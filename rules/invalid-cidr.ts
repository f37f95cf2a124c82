import { networkKindName } from '../src/core/message-args';
import { nodeArg } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'invalid-cidr',
    defaultSeverity: 'error',
    category: 'addressing',
    description: 'A node, pod, service, trusted or reserved network under `networks`, or a route destination, is not a valid CIDR.',
    rationale:
      'kubeadm, kube-apiserver and kube-controller-manager parse the pod and service CIDRs at start-up and refuse a ' +
      'malformed one, so the control plane never comes up; a malformed node, trusted or reserved network silently ' +
      'drops out of every overlap and exposure check. Leading zeros are refused too: some tools read `010` as octal.',
    messages: {
      invalid: '{network} "{value}" is not a valid CIDR: {reason}',
      invalidTrusted: 'trusted network "{value}" is neither a valid address nor a valid CIDR: {reason}',
      invalidReserved: 'reserved network "{name}" has an invalid CIDR "{value}": {reason}',
      invalidRoute: 'route destination "{value}" of node {node} is neither `default` nor a valid CIDR: {reason}',
    },
  },
  check(plan, context) {
    for (const e of plan.networks.entries) {
      if (e.error === undefined) continue;
      const data = { value: e.value, reason: e.error };
      if (e.kind === 'trusted') context.report({ messageId: 'invalidTrusted', data, at: e.span });
      else if (e.kind === 'reserved' && e.name !== undefined) context.report({ messageId: 'invalidReserved', data: { ...data, name: e.name }, at: e.span });
      else context.report({ messageId: 'invalid', data: { ...data, network: networkKindName(e.kind) }, at: e.span });
    }
    for (const node of plan.nodes) {
      for (const { to } of node.routes) {
        if (to?.error !== undefined)
          context.report({ messageId: 'invalidRoute', data: { value: to.value, node: nodeArg(node), reason: to.error }, at: to.span });
      }
    }
  },
});
