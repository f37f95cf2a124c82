import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'invalid-endpoint',
    defaultSeverity: 'error',
    category: 'addressing',
    description: '`controlPlaneEndpoint` is not an IP address or DNS name with an optional port.',
    rationale:
      'Every node joins the cluster at the control-plane endpoint: kubeadm writes it into the kubeconfig of each kubelet ' +
      'and into the API server certificate, and refuses a malformed one at `kubeadm init`. A typo here (`192.168.10.5;6443`, ' +
      'an IPv6 address without brackets before its port) stops the control plane from coming up, and the endpoint checks ' +
      '(placement inside the pod or service CIDR, HA) cannot run on it.',
    messages: {
      malformed:
        'control-plane endpoint "{value}" is malformed: {reason}; write an address or DNS name with an optional port, such as ' +
        '"192.168.10.5:6443", "api.example.com:6443" or "[2001:db8::5]:6443"',
    },
  },
  check(plan, context) {
    const endpoint = plan.controlPlaneEndpoint;
    if (endpoint?.error === undefined) return;
    context.report({ messageId: 'malformed', data: { value: endpoint.value, reason: endpoint.error }, at: endpoint.span });
  },
});
