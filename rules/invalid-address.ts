import { formatIp, networkOf } from '../src/values/ip';
import { nodeAddresses, nodeArg } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'invalid-address',
    defaultSeverity: 'error',
    category: 'identity',
    description:
      'A node address is malformed, or unusable on a node: network or broadcast address of its subnet, loopback, link-local, multicast, unspecified.',
    rationale:
      'Every node needs at least one valid unicast address that the other nodes reach it at: kubelet registers it as the ' +
      "node's InternalIP, etcd and the API server advertise it, and the CNI routes pod traffic to it. A typo (`10.0.0.256`, " +
      '`/33`) makes netplan or NetworkManager refuse the whole configuration; a loopback, link-local or multicast address ' +
      'cannot be reached from other nodes; and the first (network) and last (broadcast) address of an IPv4 subnet are not ' +
      'host addresses, so configuring one breaks the node or the whole segment. A malformed `networks.clusterDNS` makes ' +
      'kubelet write a broken resolv.conf into every pod.',
    messages: {
      malformed: 'address "{address}" is malformed: {reason}; write an address with an optional /prefix, such as "192.168.10.11/24" or "2001:db8::11/64"',
      mapped: 'address "{address}" is an IPv4-mapped IPv6 address: write the IPv4 address "{ipv4}"',
      special: 'address "{address}" is {what}, which cannot be a node\'s address: use the unicast address the other nodes reach it at',
      network: 'address "{address}" is the network address of {subnet}, not a host address: use one from {firstHost} to {lastHost}',
      broadcast: 'address "{address}" is the broadcast address of {subnet}, not a host address: use one from {firstHost} to {lastHost}',
      dnsMalformed: 'cluster DNS address "{address}" is malformed: {reason}; write one address inside the service CIDR, such as "10.96.0.10"',
      dnsPrefix: 'cluster DNS address "{address}" has a /prefix, but clusterDNS is one address: write "{bare}"',
      gatewayMalformed: 'route gateway "{address}" of node {node} is malformed: {reason}; write the gateway\'s address, such as "192.168.10.1"',
    },
  },
  check(plan, context) {
    for (const entry of nodeAddresses(plan)) {
      const address = entry.value;
      if (entry.error !== undefined) {
        context.report({ messageId: 'malformed', data: { address, reason: entry.error }, at: entry.span });
        continue;
      }
      const ip = entry.ip;
      if (!ip) continue;
      if (entry.mapped) {
        context.report({ messageId: 'mapped', data: { address, ipv4: formatIp(ip.family, ip.value) }, at: entry.span });
        continue;
      }
      if (entry.special) {
        context.report({ messageId: 'special', data: { address, what: entry.special }, at: entry.span });
        continue;
      }
      // An IPv4 subnet's first and last addresses are not hosts, except in /31 (RFC 3021) and /32.
      const subnet = entry.subnet;
      if (ip.family !== 4 || !subnet || subnet.prefix >= 31) continue;
      if (ip.value !== subnet.first && ip.value !== subnet.last) continue;
      context.report({
        messageId: ip.value === subnet.first ? 'network' : 'broadcast',
        data: { address, subnet: networkOf(subnet), firstHost: formatIp(4, subnet.first + 1n), lastHost: formatIp(4, subnet.last - 1n) },
        at: entry.span,
      });
    }

    for (const node of plan.nodes) {
      for (const route of node.routes) {
        const via = route.via;
        if (via?.error !== undefined)
          context.report({ messageId: 'gatewayMalformed', data: { address: via.value, node: nodeArg(node), reason: via.error }, at: via.span });
      }
    }

    const dns = plan.networks.clusterDNS;
    if (dns?.error !== undefined) {
      context.report({ messageId: 'dnsMalformed', data: { address: dns.value, reason: dns.error }, at: dns.span });
    } else if (dns?.ip && dns.subnet) {
      // `10.96.0.10/12` is a common slip: a service CIDR's prefix copied along.
      context.report({ messageId: 'dnsPrefix', data: { address: dns.value, bare: formatIp(dns.ip.family, dns.ip.value) }, at: dns.span });
    }
  },
});
