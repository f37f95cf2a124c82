import { networkArg, familyName } from '../src/analysis/cluster-networks';
import { bitsOf, sizeOf } from '../src/values/ip';
import { defineRule } from '../src/rule-kinds/rule';

/** kube-apiserver (and kubeadm's MaximumBitsForServiceSubnet) allows at most 20 host bits: /12 for IPv4, /108 for IPv6. */
const MAX_HOST_BITS = 20;
/** kubeadm's MinimumAddressesInServiceSubnet: the cluster DNS service is the tenth address. */
const MIN_SERVICE_ADDRESSES = 10n;

export default defineRule({
  meta: {
    id: 'service-cidr-size',
    defaultSeverity: 'error',
    category: 'addressing',
    description: 'A service CIDR is larger than /12 (IPv4) or /108 (IPv6), or holds fewer than 10 addresses.',
    rationale:
      'kube-apiserver allocates service IPs from a bitmap and refuses a service CIDR of more than 20 host bits (shorter ' +
      'than /12 for IPv4 or /108 for IPv6), so the API server does not start. At the other end, kubeadm places the ' +
      'cluster DNS service at the tenth address of the range (the first is the `kubernetes` service), so a range of ' +
      'fewer than 10 addresses leaves no room for DNS.',
    messages: {
      tooLarge:
        '{services} is too large: kube-apiserver refuses {family} service CIDRs shorter than /{minPrefix} (more than 2^20 addresses); use a /{minPrefix} or longer prefix',
      tooSmall: '{services} holds only {size} addresses, but the cluster DNS service takes the tenth: use a /{maxPrefix} or shorter prefix',
    },
  },
  check(plan, context) {
    for (const svc of plan.services) {
      const { family, prefix } = svc.cidr;
      const bits = bitsOf(family);
      const services = networkArg(svc);
      if (bits - prefix > MAX_HOST_BITS) {
        context.report({ messageId: 'tooLarge', data: { services, family: familyName(family), minPrefix: bits - MAX_HOST_BITS }, at: svc.span });
      } else if (sizeOf(svc.cidr) < MIN_SERVICE_ADDRESSES) {
        context.report({ messageId: 'tooSmall', data: { services, size: String(sizeOf(svc.cidr)), maxPrefix: bits - 4 }, at: svc.span });
      }
    }
  },
});
