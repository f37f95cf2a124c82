import { etcdMembers, roleEntry } from '../src/analysis/roles';
import { nodeArg } from '../src/analysis/node-interfaces';
import { defineRule } from '../src/rule-kinds/rule';

/** etcd's advice: 3, 5 or 7 members; beyond 7 every write waits for more of them to agree. */
const MAX_RECOMMENDED = 7;

const failures = (n: number): string => (n === 1 ? '1 failure' : `${n} failures`);

export default defineRule({
  meta: {
    id: 'etcd-member-count',
    defaultSeverity: 'error',
    category: 'topology',
    description: 'An even number of etcd members (error), or more than seven (warning); stacked etcd counts the control-plane nodes.',
    rationale:
      'etcd commits a write when a majority of its members agree. 2 members need both, so they tolerate no more ' +
      'failures than 1 member does, 4 no more than 3, and an even count can split into two halves of which neither is ' +
      'a majority: the extra member adds a machine that can fail, not fault tolerance. kubespray stops on an even etcd ' +
      'group and EKS Anywhere refuses one. Beyond seven members every write waits for more of them, so etcd slows ' +
      'down while the tolerance gained is rarely needed; etcd recommends 3, 5 or 7. With stacked etcd (the default of ' +
      'kubeadm, k3s and RKE2) every control-plane node is a member.',
    messages: {
      evenStacked:
        'etcd has {count} members, the control-plane nodes (stacked etcd): {count} members tolerate {tolerated}, no more ' +
        'than {fewer} would, and an even split leaves no majority; use {advice} control-plane nodes',
      even:
        'etcd has {count} members, the nodes with the etcd role: {count} members tolerate {tolerated}, no more than ' +
        '{fewer} would, and an even split leaves no majority; use {advice} etcd nodes',
      tooManyStacked:
        'etcd has {count} members, the control-plane nodes (stacked etcd): more than the 7 etcd recommends, so every ' +
        'write waits for {quorum} of them; use 5 or 7 control-plane nodes',
      tooMany:
        'etcd has {count} members, the nodes with the etcd role: more than the 7 etcd recommends, so every write waits ' +
        'for {quorum} of them; use 5 or 7 etcd nodes',
      member: 'etcd member {node}',
    },
  },
  check(plan, context) {
    const { nodes, stacked, role } = etcdMembers(plan);
    const count = nodes.length;
    const even = count % 2 === 0;
    if (count === 0 || (!even && count <= MAX_RECOMMENDED)) return;
    // An even count is the last member's fault (one too many); too many, the first beyond seven.
    const culprit = even ? nodes[count - 1] : nodes[MAX_RECOMMENDED];
    const at = roleEntry(culprit, role)!.span;
    if (even) {
      context.report({
        messageId: stacked ? 'evenStacked' : 'even',
        data: {
          count,
          tolerated: failures((count - 1) >> 1),
          fewer: count - 1,
          advice: count < MAX_RECOMMENDED ? `${count - 1} or ${count + 1}` : MAX_RECOMMENDED,
        },
        at,
        related: nodes.filter((n) => n !== culprit).map((n) => ({ at: roleEntry(n, role)!.span, messageId: 'member', data: { node: nodeArg(n) } })),
      });
    } else {
      context.report({ messageId: stacked ? 'tooManyStacked' : 'tooMany', data: { count, quorum: (count >> 1) + 1 }, at, severity: 'warning' });
    }
  },
});
