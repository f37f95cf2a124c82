import { networkArg } from '../src/analysis/cluster-networks';
import { hostCidr, type IpAddress } from '../src/values/ip';
import { nodeAddresses } from '../src/analysis/node-interfaces';
import { documentationRange } from '../src/domain/special-ranges';
import { defineRule } from '../src/rule-kinds/rule';
import type { Span } from '../src/core/types';

export default defineRule({
  meta: {
    id: 'placeholder-address',
    defaultSeverity: 'warning',
    category: 'addressing',
    description:
      'A node address, gateway, endpoint, cluster DNS address or network lies in a documentation range (192.0.2.0/24, ' +
      '198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32).',
    rationale:
      'The documentation ranges of RFC 5737 and RFC 3849 exist so that examples never collide with real networks: no ' +
      'real network uses them. A plan that contains one was copied from an example and not finished, and every check ' +
      'computed from the placeholder (overlaps, reachability, firewall sources) describes the example, not the cluster.',
    messages: {
      address:
        '{what} "{value}" is in the documentation range {range}, which no real network uses: an example left in the plan; replace it with the real {noun}',
      network: '{network} is in the documentation range {range}, which no real network uses: an example left in the plan; replace it with the real network',
    },
  },
  check(plan, context) {
    const address = (what: string, noun: string, value: string, ip: IpAddress | undefined, at: Span) => {
      const range = ip && documentationRange(hostCidr(ip));
      if (range) context.report({ messageId: 'address', data: { what, value, range, noun }, at });
    };
    for (const a of nodeAddresses(plan)) address('address', 'address', a.value, a.ip, a.span);
    for (const node of plan.nodes) for (const r of node.routes) if (r.via) address('gateway', 'gateway', r.via.value, r.via.ip, r.via.span);
    const endpoint = plan.controlPlaneEndpoint;
    if (endpoint) address('control-plane endpoint', 'endpoint', endpoint.value, endpoint.endpoint?.ip, endpoint.span);
    const dns = plan.networks.clusterDNS;
    if (dns) address('cluster DNS address', 'address', dns.value, dns.ip, dns.span);
    for (const e of plan.networks.entries) {
      const range = e.cidr && documentationRange(e.cidr);
      if (range) context.report({ messageId: 'network', data: { network: networkArg(e), range }, at: e.span });
    }
  },
});
