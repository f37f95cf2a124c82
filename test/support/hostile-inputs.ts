// Shapes that made earlier code super-linear, shared by the behaviour tests and the timing guards
// (test/timing), so that both check the same input.

/** The worst `ignores` patterns that are still accepted: they cannot backtrack exponentially. */
export const WORST_ACCEPTED_PATTERNS = [
  '*a*b',
  '**a**b',
  '**/a/**',
  '**/{a,aa}{a,aa}*ab',
  '{a,aa}{a,aa}**/*ab',
  '{a,aa,aaa,aaaa}*a*b',
  '{a,aa}{a,aa}*a**b',
  '*[a]*[a]b',
  '!*a*c',
  `${'?'.repeat(200)}*a*b`,
];

/** A plan with one firewall of `count` single-address rules on one port, allow and deny in turn. */
export function manySingleAddressRules(count: number): string {
  const rules = Array.from(
    { length: count },
    (_, i) => `        - {action: ${i % 2 ? 'deny' : 'allow'}, protocol: tcp, ports: 6443, from: ["${20 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.7"]}\n`,
  ).join('');
  return `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n  networks: {nodes: [10.16.0.0/22]}\n  nodes:\n    - {name: cp-1, roles: [control-plane, etcd, worker], interfaces: [{name: eth0, addresses: [10.16.0.10/22]}]}\n  firewalls:\n    - name: cp\n      appliesTo: all\n      rules:\n${rules}`;
}
