import { defineRule } from '../src/rule-kinds/rule';

export default defineRule({
  meta: {
    id: 'no-firewall',
    defaultSeverity: 'info',
    category: 'firewall',
    description: 'The plan has nodes but no firewall, so the reachability and exposure rules had nothing to check.',
    rationale:
      "kube-netlint checks required flows and public exposure against the plan's firewalls. A plan without any " +
      'treats every node as unfiltered: required flows pass, and only nodes with a public address of their own are ' +
      'checked for exposure. This note says so, so that a clean result is not mistaken for a checked firewall. Plans ' +
      'whose filtering lives elsewhere (cloud security groups managed apart) can turn it off.',
    messages: {
      none: 'the plan has {nodes} but no firewall: required flows were not checked, and exposure only for nodes with a public address of their own (add {key} to check them)',
      unknown:
        'the plan has {nodes} and no firewall, and its files do not say how the nodes are filtered (a cloud firewall, a host firewall kept elsewhere): required flows and exposure were not checked (add {key} to check them)',
      unread:
        'the plan has {nodes} and firewalls kube-netlint could not read (none of their rules is written out: see import-unresolved): required flows and exposure were not checked',
    },
  },
  check(plan, context) {
    const count = plan.nodes.filter((n) => n.isMapping).length;
    if (count === 0 || plan.firewalls.length > 0) return;
    context.report({
      messageId: plan.firewallsUnknown === 'unread' ? 'unread' : plan.firewallsUnknown ? 'unknown' : 'none',
      data: { nodes: count === 1 ? '1 node' : `${count} nodes`, key: plan.keyNames.firewalls },
      at: plan.firewallsKeySpan ?? plan.anchorSpan,
    });
  },
});
