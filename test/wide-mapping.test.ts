// Duplicate keys are found in one pass over each mapping: yaml's own check compares every key with
// every earlier one, so a mapping of 60,000 keys (labels, sysctls, an extension field) took 18-23 s,
// in composition, where the time budget cannot stop it.
import { describe, expect, it } from 'vitest';
import { lint } from '../src/linter';

describe('a wide mapping', () => {
  it('is checked for duplicate keys in linear time, each repetition reported where it is', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `    k${i}: v${i}\n`).join('');
    const text = `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata:\n  name: x\n  labels:\n${keys}    k5: again\n    "k7": again\nspec:\n  nodes: []\n`;
    // How long it takes is test/timing's to judge.
    const found = lint(text).diagnostics;
    expect(found.map((d) => [d.ruleId, d.message, d.range.start.line, d.range.start.column])).toEqual([
      ['yaml-syntax', 'Map keys must be unique', 60006, 5],
      ['yaml-syntax', 'Map keys must be unique', 60007, 5],
    ]);
  });

  it('finds repetitions in small mappings too, each after the first', () => {
    const text = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n  nodes: []\n  x: {a: 1, b: 2, a: 3, c: 4, a: 5}\n';
    const found = lint(text).diagnostics.filter((d) => d.code === 'DUPLICATE_KEY');
    expect(found.map((d) => [d.range.start.line, d.range.start.column])).toEqual([
      [6, 19],
      [6, 31],
    ]);
  });

  it('keys equal only in text are not duplicates (1 and "1"), and merge keys may repeat', () => {
    const text =
      'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n  nodes: []\n  x: {1: a, "1": b}\n  y: &y {a: 1}\n  z: {<<: *y, <<: *y}\n';
    expect(lint(text).diagnostics.filter((d) => d.code === 'DUPLICATE_KEY')).toEqual([]);
  });
});
