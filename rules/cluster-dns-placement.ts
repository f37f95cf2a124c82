import { familyName, networkArg } from '../src/analysis/cluster-networks';
import { contains, formatIp } from '../src/values/ip';
import { defineRule, type RelatedReport } from '../src/rule-kinds/rule';
import type { EffectiveNetwork, Plan } from '../src/model/types';

/** kubeadm's choice for the DNS service: the tenth address of the service CIDR (10.96.0.10). */
const DNS_OFFSET = 10n;

const relatedService = (plan: Plan, n: EffectiveNetwork): RelatedReport => ({ at: n.span, messageId: 'service', data: { network: networkArg(n, plan) } });

export default defineRule({
  meta: {
    id: 'cluster-dns-placement',
    defaultSeverity: 'error',
    category: 'addressing',
    description: '`networks.clusterDNS` outside the service CIDR, or its network address or first address (the `kubernetes` service).',
    rationale:
      "kubelet writes the cluster DNS address into every pod's resolv.conf, and the DNS service (CoreDNS) must get " +
      'exactly that ClusterIP, which kube-apiserver allocates only from the service CIDR. Outside it, the DNS service ' +
      "cannot be created with that address and every pod's name lookups time out. The network address (and, for IPv4, " +
      'the broadcast address) is never allocated, and the first address always goes to the `kubernetes` service, the ' +
      'API server itself. kubeadm and k3s use the tenth address (10.96.0.10, 10.43.0.10).',
    messages: {
      outside:
        'cluster DNS address "{value}" is outside {services}: the DNS service gets its address from the service CIDR; use an address inside it, such as {suggested}',
      noFamily: 'cluster DNS address "{value}" is {family}, but no service CIDR is {family}: use an address inside {services}, such as {suggested}',
      network: 'cluster DNS address "{value}" is the network address of {services}, which is never allocated to a service; use {suggested}',
      broadcast: 'cluster DNS address "{value}" is the broadcast address of {services}, which is never allocated to a service; use {suggested}',
      kubernetes:
        'cluster DNS address "{value}" is the first address of {services}, which belongs to the `kubernetes` service (the API server); use {suggested}',
      service: '{network}',
    },
  },
  check(plan, context) {
    const dns = plan.networks.clusterDNS;
    const ip = dns?.ip;
    if (!dns || !ip || plan.services.length === 0) return;
    const sameFamily = plan.services.filter((s) => s.cidr.family === ip.family);
    const services = sameFamily[0] ?? plan.services[0];
    const { family, first, last } = services.cidr;
    const suggested = formatIp(family, first + DNS_OFFSET <= last ? first + DNS_OFFSET : first + 2n);
    const data = { value: dns.value, services: networkArg(services), family: familyName(ip.family), suggested };
    const report = (messageId: string) => context.report({ messageId, data, at: dns.span, related: [relatedService(plan, services)] });

    if (sameFamily.length === 0) return report('noFamily');
    if (!contains(services.cidr, ip)) return report('outside');
    if (ip.value === first) return report('network');
    if (ip.value === first + 1n) return report('kubernetes');
    if (family === 4 && ip.value === last) report('broadcast');
  },
});
