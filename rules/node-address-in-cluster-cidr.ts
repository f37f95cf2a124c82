import { networkArg } from '../src/analysis/cluster-networks';
import { nodeArg, nodeNetworks } from '../src/analysis/node-interfaces';
import { usableAddresses } from '../src/analysis/topology';
import { IntervalSet } from '../src/values/intervals';
import { contains } from '../src/values/ip';
import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'node-address-in-cluster-cidr',
    defaultSeverity: 'error',
    category: 'addressing',
    description: 'A node address lies inside the pod or service CIDR in force (declared, or the default), whether or not `networks.nodes` is declared.',
    rationale:
      'The CNI routes the pod CIDR to pods, and kube-proxy captures the service CIDR for ClusterIPs, on every node. A ' +
      'node whose own address lies inside either range is reached through the wrong route or NATed away: other nodes ' +
      'and pods lose it, and it may lose its own API server. The defaults are the usual trap: a k3s node on 10.42.x.x, ' +
      "a kubeadm node inside 10.96.0.0/12, a LAN on 192.168.1.x under Calico's default 192.168.0.0/16.",
    messages: {
      inPods:
        'address "{address}" of node {node} lies inside {network}: the CNI routes those addresses to pods, so traffic to ' +
        'the node goes astray; renumber the node, or set {key} to a CIDR that does not contain it',
      inServices:
        'address "{address}" of node {node} lies inside {network}: kube-proxy captures those addresses as service IPs, ' +
        'so traffic to the node goes astray; renumber the node, or set {key} to a CIDR that does not contain it',
      network: '{network}',
    },
  },
  check(plan, context) {
    const cluster = [...plan.pods, ...plan.services];
    if (cluster.length === 0) return;
    // Indexed once: an address inside none of them costs one lookup.
    const anyCluster = new IntervalSet(cluster.map((n) => n.cidr));
    // An address inside a declared node network is left to cidr-overlap: that node network overlaps the
    // pod or service CIDR (both contain the address), and cidr-overlap reports the networks once.
    const declared = new IntervalSet(nodeNetworks(plan));
    for (const node of plan.nodes) {
      for (const entry of usableAddresses(node)) {
        const ip = entry.ip!;
        if (!anyCluster.has(ip.family, ip.value) || declared.has(ip.family, ip.value)) continue;
        const network = cluster.find((n) => contains(n.cidr, ip))!;
        const inForce = networkArg(network, plan);
        context.report({
          messageId: network.kind === 'pods' ? 'inPods' : 'inServices',
          data: { address: entry.value, node: nodeArg(node), network: inForce, key: plan.keyNames[network.kind] },
          at: entry.span,
          related: [{ at: network.span, messageId: 'network', data: { network: inForce } }],
        });
      }
    }
  },
});
