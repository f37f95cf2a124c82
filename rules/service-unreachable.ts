import { defineFlowRule } from '../src/rule-kinds/flow-rule';

export default defineFlowRule({
  id: 'service-unreachable',
  defaultSeverity: 'warning',
  description: 'A declared service is blocked where it must be reachable: an internal one from the nodes, a public one from the internet.',
  rationale:
    'A `services` entry says a workload listens on some nodes. Declaring it and then firewalling its port shut is ' +
    'a plan that contradicts itself: an internal service (a database, a cache, a broker) is used by pods and node ' +
    'agents on other nodes, a public one (an ingress) by clients on the internet, and both fail at the first ' +
    'connection after the cluster is up. Internal services are checked from every node, public ones from a public ' +
    'address.',
});
