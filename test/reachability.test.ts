// node-unreachable's analysis: groups of nodes the network treats alike, and the pairs of groups
// without a path, exact for host routes and cheap for thousands of nodes on a few subnets.
import { describe, expect, it } from 'vitest';
import { groupNodes, unreachablePairs } from '../src/analysis/reachability';
import { planOf } from './support/plan-of';

/** A plan's nodes from `[address, ...routes as "to via"]` per node. */
function nodes(spec: [string, ...string[]][]) {
  const lines = ['apiVersion: kube-netlint/v1', 'kind: ClusterPlan', 'spec:', '  nodes:'];
  spec.forEach(([address, ...routes], i) => {
    lines.push(`    - name: n${i}`, `      interfaces: [{name: eth0, addresses: ["${address}"]}]`);
    if (routes.length) lines.push(`      routes: [${routes.map((r) => `{to: "${r.split(' ')[0]}", via: "${r.split(' ')[1]}"}`).join(', ')}]`);
  });
  return planOf(lines.join('\n') + '\n').nodes;
}

const names = (pairs: ReturnType<typeof unreachablePairs>) =>
  pairs.map((p) => `${p.from.nodes.map((n) => n.name!.value).join('+')} ${p.mutual ? '<->' : '->'} ${p.to.nodes.map((n) => n.name!.value).join('+')}`);

describe('reachability', () => {
  it('groups thousands of nodes by subnet and routes, and finds every subnet pair without a path once', () => {
    const spec: [string, ...string[]][] = [];
    for (let i = 0; i < 10_000; i++) spec.push([`10.${i % 4}.${1 + (i >> 8)}.${1 + (i & 127)}/16`]);
    const groups = groupNodes(nodes(spec));
    expect(groups.map((g) => g.nodes.length)).toEqual([2500, 2500, 2500, 2500]);
    const pairs = unreachablePairs(groups);
    expect(pairs.map((p) => [p.from.nodes[0].name!.value, p.to.nodes[0].name!.value, p.mutual])).toEqual([
      ['n0', 'n1', true],
      ['n0', 'n2', true],
      ['n0', 'n3', true],
      ['n1', 'n2', true],
      ['n1', 'n3', true],
      ['n2', 'n3', true],
    ]);
  });

  it('counts a default route of the right family, and not the other', () => {
    const pairs = unreachablePairs(
      groupNodes(
        nodes([
          ['10.1.0.1/24', 'default 10.1.0.254'],
          ['10.2.0.1/24', 'default 10.2.0.254'],
          ['fd00:3::1/64', 'default fd00:3::fffe'],
        ]),
      ),
    );
    expect(names(pairs)).toEqual(['n0 <-> n2', 'n1 <-> n2']);
  });

  it('is exact for routes narrower than a subnet', () => {
    // n3 reaches n0 through a host route, and n1 through a /25 that misses n2.
    const spec: [string, ...string[]][] = [
      ['10.1.0.11/24', 'default 10.1.0.1'],
      ['10.1.0.21/24', 'default 10.1.0.1'],
      ['10.1.0.200/24', 'default 10.1.0.1'],
      ['10.9.0.5/24', '10.1.0.11 10.9.0.1', '10.1.0.0/25 10.9.0.1'],
    ];
    const groups = groupNodes(nodes(spec));
    expect(groups.map((g) => g.nodes.map((n) => n.name!.value))).toEqual([['n0'], ['n1'], ['n2'], ['n3']]);
    expect(names(unreachablePairs(groups))).toEqual(['n3 -> n2']);
  });

  it('reports the direction that fails', () => {
    expect(names(unreachablePairs(groupNodes(nodes([['10.1.0.1/24', 'default 10.1.0.254'], ['10.2.0.1/24']]))))).toEqual(['n1 -> n0']);
    expect(names(unreachablePairs(groupNodes(nodes([['10.1.0.1/24'], ['10.2.0.1/24', 'default 10.2.0.254']]))))).toEqual(['n0 -> n1']);
  });
});
