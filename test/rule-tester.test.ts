// The rule tester runs a rule alone: the built-in rules neither run nor are known, while the engine
// still reports its own findings (here a directive naming a rule outside the registry, and a crash).
import { describe, expect, it } from 'vitest';
import { defineRule } from '../src/rule-kinds/rule';
import { runRule } from './support/rule-tester';

// Two nodes share a MAC, and "Lab_2" is not a valid node name (invalid-hostname's finding).
const PLAN = `apiVersion: kube-netlint/v1
kind: ClusterPlan
spec:
  nodes:
    - {name: lab-1, interfaces: [{name: eth0, mac: "52:54:00:aa:bb:01", addresses: [10.0.0.11/24]}]}
    - {name: Lab_2, interfaces: [{name: eth0, mac: "52:54:00:aa:bb:01", addresses: [10.0.0.12/24]}]}
`;

/** A rule of the test's own: one finding per node, at its name. */
const perNode = defineRule({
  meta: {
    id: 'per-node',
    defaultSeverity: 'info',
    category: 'identity',
    description: 'Every node.',
    rationale: 'A rule for the tester.',
    messages: { node: 'node {name}' },
  },
  check(plan, context) {
    for (const n of plan.nodes) if (n.name) context.report({ messageId: 'node', data: { name: n.name.value }, at: n.name.span });
  },
});

describe('runRule', () => {
  it('runs a built-in rule by id, and no other', () => {
    const run = runRule('duplicate-mac', PLAN);
    expect(run.diagnostics.map((d) => [d.ruleId, d.messageId, d.range.start.line])).toEqual([['duplicate-mac', 'duplicate', 6]]);
    // The related location's message is recorded, though the diagnostic does not name it.
    expect([...run.messages].sort()).toEqual(['duplicate-mac/duplicate', 'duplicate-mac/first']);
  });

  it('runs a rule object that is not built in', () => {
    const run = runRule(perNode, PLAN);
    expect(run.diagnostics.map((d) => d.message)).toEqual(['node lab-1', 'node Lab_2']);
  });

  it("keeps the engine's own findings: a directive for a rule outside the registry, a crash", () => {
    const disabled = PLAN.replace('    - {name: Lab_2', '    # kube-netlint-disable-next-line invalid-hostname\n    - {name: Lab_2');
    expect(runRule(perNode, disabled).diagnostics.map((d) => d.ruleId)).toEqual(['per-node', 'invalid-directive', 'per-node']);
    const crashing = defineRule({
      meta: perNode.meta,
      check() {
        throw new Error('boom');
      },
    });
    expect(runRule(crashing, PLAN).diagnostics.map((d) => [d.ruleId, d.message])).toEqual([['rule-crash', 'rule "per-node" failed on this plan: boom']]);
  });
});
