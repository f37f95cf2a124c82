import { networkArg } from '../src/analysis/cluster-networks';
import { contains, ipKey, networkOf, unmapIpv4 } from '../src/values/ip';
import { nodeArg, nodeNetworks } from '../src/analysis/node-interfaces';
import { hasRole } from '../src/analysis/roles';
import { connectedSubnet, usableAddresses } from '../src/analysis/topology';
import { CLIENT_LOAD_BALANCED } from '../src/domain/network-defaults';
import { defineRule, type RelatedReport } from '../src/rule-kinds/rule';
import type { Cidr } from '../src/values/ip';

export default defineRule({
  meta: {
    id: 'endpoint-placement',
    defaultSeverity: 'error',
    category: 'topology',
    description:
      '`controlPlaneEndpoint` inside the pod or service CIDR, or the address of one of several control-plane nodes; ' +
      'a warning when it is outside every node network.',
    rationale:
      'Every kubelet, kube-proxy and kubectl reaches the API server at the control-plane endpoint. Inside the pod or ' +
      'service CIDR, kube-proxy and the CNI route the address into the cluster network, where no API server listens. ' +
      "Equal to one control-plane node's address, it makes that node a single point of failure: when it is down, no " +
      'node reaches the API server, although the other control-plane nodes run it (EKS Anywhere and OpenShift refuse ' +
      "such endpoints). A VIP (kube-vip, keepalived) must be on the nodes' subnet to be announced there; a load " +
      'balancer elsewhere is fine, hence only a warning.',
    messages: {
      inCluster:
        'control-plane endpoint "{value}" is inside {network}: kube-proxy and the CNI route that address into the ' +
        'cluster network, where no API server listens; use the address of a load balancer or VIP on the node network',
      inClusterDefault:
        'control-plane endpoint "{value}" is inside {network}: kube-proxy ' +
        'and the CNI route that address into the cluster network; use an address on the node network, or set {key}',
      oneOfSeveral:
        'control-plane endpoint "{value}" is the address of control-plane node {node}, one of {count}: when that node is ' +
        'down, no node reaches the API server although the others run it; use a load balancer or a VIP (kube-vip, ' +
        'keepalived) in front of all {count}',
      outside:
        'control-plane endpoint "{value}" is outside every node network ({networks}): a VIP must be on the nodes\' subnet ' +
        'to be announced there; check the address, unless it is a load balancer on another network that the nodes route to',
      network: '{network}',
      nodeAddress: 'address of control-plane node {node}',
      nodeNetworks: 'node networks declared here',
    },
  },
  check(plan, context) {
    const endpoint = plan.controlPlaneEndpoint;
    const written = endpoint?.endpoint?.ip;
    if (!endpoint || !written) return; // a DNS name cannot be placed; a malformed one is invalid-endpoint's
    const ip = unmapIpv4(written) ?? written;
    const value = endpoint.value;

    const cluster = [...plan.pods, ...plan.services].find((n) => contains(n.cidr, ip));
    if (cluster) {
      const data = { value, network: networkArg(cluster, plan), key: plan.keyNames[cluster.kind] };
      const related: RelatedReport = { at: cluster.span, messageId: 'network', data };
      context.report({ messageId: cluster.unsetKey ? 'inClusterDefault' : 'inCluster', data, at: endpoint.span, related: [related] });
      return;
    }

    const controlPlane = plan.nodes.filter((n) => hasRole(n, 'control-plane'));
    const balanced = CLIENT_LOAD_BALANCED.includes(plan.distribution);
    const own = controlPlane.length > 1 && !balanced ? controlPlane.flatMap(usableAddresses).find((a) => ipKey(a.ip!) === ipKey(ip)) : undefined;
    if (own) {
      const node = nodeArg(own.iface.node);
      context.report({
        messageId: 'oneOfSeveral',
        data: { value, node, count: controlPlane.length },
        at: endpoint.span,
        related: [{ at: own.span, messageId: 'nodeAddress', data: { node } }],
      });
      return;
    }

    // The declared node networks, else the subnets the nodes' addresses connect them to; of the endpoint's family.
    const declared = nodeNetworks(plan);
    // Nodes whose subnets the plan does not say (an inventory's bare addresses) leave the question open.
    if (declared.length === 0 && plan.nodes.some((n) => usableAddresses(n).some((a) => a.subnetUnknown))) return;
    const networks: Cidr[] = (declared.length > 0 ? declared : plan.nodes.flatMap((n) => usableAddresses(n).map(connectedSubnet))).filter(
      (c) => c.family === ip.family,
    );
    if (networks.length === 0 || networks.some((c) => contains(c, ip))) return;
    const keySpan = declared.length > 0 ? plan.networks.keySpans.nodes : undefined;
    context.report({
      messageId: 'outside',
      data: { value, networks: [...new Set(networks.map(networkOf))].join(', ') },
      at: endpoint.span,
      related: keySpan ? [{ at: keySpan, messageId: 'nodeNetworks' }] : [],
      severity: 'warning',
    });
  },
});
