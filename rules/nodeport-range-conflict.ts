import { apiPort } from '../src/analysis/component-services';
import { flowsOf } from '../src/analysis/required-flows';
import { formatPorts, type PortRange } from '../src/values/ports';
import { defineRule } from '../src/rule-kinds/rule';
import { COMPONENT_PORTS } from '../src/domain/component-ports';

/** Linux's default net.ipv4.ip_local_port_range: where outgoing connections get their source port. */
const EPHEMERAL: PortRange = [32768, 60999];

export default defineRule({
  meta: {
    id: 'nodeport-range-conflict',
    defaultSeverity: 'error',
    category: 'firewall',
    description: 'The NodePort range overlaps the ephemeral port range 32768-60999 or a port a component listens on, or is not a valid range.',
    rationale:
      'kube-proxy claims every port of the NodePort range on every node. Ports the node also uses for its own ' +
      'outgoing connections (Linux picks source ports from 32768-60999) collide with it: a NodePort service then ' +
      'receives replies meant for a local process, or connections fail at random. A range that covers a component ' +
      'port (the API server, etcd, the kubelet, the CNI) breaks that component as soon as a service takes the port.',
    messages: {
      invalid: 'nodePortRange "{value}" is not a valid port range: {error}',
      ephemeral:
        'the NodePort range {range} overlaps the ephemeral ports 32768-60999 that outgoing connections use: keep it below 32768 (the default is 30000-32767)',
      component: 'the NodePort range {range} covers ports the cluster listens on: {ports}; move the range off them (the default is 30000-32767)',
    },
  },
  check(plan, context) {
    const item = plan.networks.nodePortRange;
    if (!item) return;
    if (!item.range) {
      context.report({ messageId: 'invalid', data: { value: String(item.value), error: item.error! }, at: item.span });
      return;
    }
    const [first, last] = item.range;
    const range = formatPorts(item.range);
    if (first <= EPHEMERAL[1] && EPHEMERAL[0] <= last) context.report({ messageId: 'ephemeral', data: { range }, at: item.span });
    // What listens: the distribution's components and the ports of the CNI mode in force (not 10255, which is off).
    const cni = new Set(flowsOf(plan).map((f) => f.component));
    const listening = COMPONENT_PORTS.filter(
      (c) => c.ports && c.id !== 'kubelet-readonly' && (!c.distributions || c.distributions.includes(plan.distribution)) && (!c.cni || cni.has(c)),
    ).map((c) => ({ port: c.id === 'apiserver' ? apiPort(plan) : c.ports![0], component: c.component }));
    const hits = listening.filter((c) => c.port >= first && c.port <= last);
    if (hits.length) {
      const ports = hits.map((h) => `${h.port} (${h.component})`).join(', ');
      context.report({ messageId: 'component', data: { range, ports }, at: item.span });
    }
  },
});
