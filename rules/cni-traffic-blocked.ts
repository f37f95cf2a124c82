import { defineFlowRule } from '../src/rule-kinds/flow-rule';

export default defineFlowRule({
  id: 'cni-traffic-blocked',
  defaultSeverity: 'error',
  description: "The CNI's port or protocol between two nodes is blocked (VXLAN, Geneve, BGP, IP-in-IP, WireGuard, health checks).",
  rationale:
    "Pods on different nodes talk through the CNI: encapsulated in VXLAN, Geneve or IP-in-IP, routed with BGP, or tunnelled over WireGuard, each on its own port or IP protocol between every pair of nodes. When it is blocked, pods on one node cannot reach pods (and services backed by pods) on another, while everything on a single node still works: the classic half-broken cluster. The plugin and mode come from `cni` (or the distribution's default CNI).",
});
