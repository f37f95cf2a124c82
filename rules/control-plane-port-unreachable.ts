import { defineFlowRule } from '../src/rule-kinds/flow-rule';

export default defineFlowRule({
  id: 'control-plane-port-unreachable',
  defaultSeverity: 'warning',
  description:
    'kube-controller-manager (10257) or kube-scheduler (10259) blocked between control-plane nodes, or the RKE2 supervisor port 9345 blocked from the nodes.',
  rationale:
    'The control-plane components are checked and scraped on their secure ports by the other control-plane nodes (leader election health, monitoring); RKE2 agents register through the supervisor on 9345 before they can reach anything else, so blocking it keeps every agent out of the cluster.',
});
