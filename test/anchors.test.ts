// Anchors, aliases and merge keys cost what the plan written out costs (audit B1-B3), and every stage
// answers to the time budget: conversion to plain values, the model, and a rule that polls it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generatePlan } from '../bench/generate';
import { lint } from '../src/linter';
import { byCodePoints } from '../src/core/order';
import { clusterPlanOf } from '../src/formats/clusterplan';
import { PAST_DEADLINE } from '../src/core/deadline';
import { parseDocuments } from '../src/source/parse';
import { toPlainValue } from '../src/source/plain-value';
import { SourceFile } from '../src/source/source-file';
import type { Diagnostic } from '../src/core/types';
import { RULES } from '../rules';
import { clock } from '../src/core/clock';

const ROOT = join(__dirname, '..');
function parsedPlan(text: string) {
  const parsed = parseDocuments(text);
  if (!parsed.ok) throw new Error('does not parse');
  return parsed.documents[0].doc;
}
const findings = (ds: Diagnostic[]) => ds.map((d) => `${d.ruleId}: ${d.message}`).sort();
const header = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n  networks: {nodes: [10.0.0.0/24]}\n  nodes: []\n';

describe('anchors, aliases and merge keys', () => {
  it('a plan whose workers merge a node template gives the findings of the same plan written out', () => {
    // Mistakes in what the template gives (forwarding off) and in what a node gives (a duplicate name).
    const broken = (text: string) => text.replaceAll('ip_forward: "1"', 'ip_forward: "0"').replace('name: worker-5', 'name: worker-4');
    const plain = lint(broken(generatePlan({ nodes: 300, perSubnet: 100 }))).diagnostics;
    const templated = lint(broken(generatePlan({ nodes: 300, perSubnet: 100, template: true }))).diagnostics;
    expect(plain.length).toBeGreaterThan(0);
    expect(findings(templated)).toEqual(findings(plain));
  });

  it('a 3,000-node template plan is linted whole within the default budget (it took 169 s)', () => {
    const found = lint(generatePlan({ nodes: 3000, template: true })).diagnostics;
    expect(found.map((d) => d.ruleId)).not.toContain('resource-limit');
    expect(found.map((d) => d.ruleId)).not.toContain('yaml-syntax');
  });

  it('one anchor with 100,000 aliases is read in linear time (it took 112 s)', () => {
    const text = `${header}  x: [&a v${', *a'.repeat(100_000)}]\n`;
    const found = lint(text).diagnostics;
    expect(found.map((d) => d.ruleId)).toEqual(['plan-schema']);
  });

  it('a merge fan-out is refused as an alias bomb at the heaviest alias, before anything is built (it exhausted the heap)', () => {
    const n = 3000;
    const keys = Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join(', ');
    const text = `${header}  big: &big {${keys}}\n  copies:\n${Array.from({ length: n }, (_, i) => `    - {<<: *big, id: ${i}}\n`).join('')}`;
    const found = lint(text).diagnostics;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'yaml-syntax', code: 'RESOURCE_EXHAUSTION', range: { start: { line: 9, column: 12 } } });
    expect(found[0].message).toMatch(
      /^aliases and merge keys expand this document to [\d,]+ nodes, more than the limit of [\d,]+ \(an alias bomb or a merge fan-out\?\)/,
    );
  });

  it("merged keys never replace the map's own, and earlier sources win over later ones (YAML 1.1 merge)", () => {
    const doc = parsedPlan('a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc: {<<: [*b, *a], z: 3, w: 3}\n');
    const plain = toPlainValue(doc);
    expect(plain.ok && (plain.value as Record<string, unknown>).c).toEqual({ y: 2, z: 3, x: 1, w: 3 });
  });
});

describe('positions through nested templates', () => {
  it("a value a node takes from a template of a template is located at the node's own merge", () => {
    const text = [
      'apiVersion: kube-netlint/v1',
      'kind: ClusterPlan',
      'metadata: {name: x}',
      'spec:',
      '  networks: {nodes: [10.0.0.0/24]}',
      '  x-templates:',
      '    base: &base {sysctls: {net.ipv4.ip_forward: "0"}}',
      '    worker: &worker {<<: *base, roles: [worker]}',
      '  nodes:',
      '    - {name: cp-1, roles: [control-plane], interfaces: [{name: eth0, addresses: [10.0.0.10/24]}]}',
      '    - <<: *worker',
      '      name: w-1',
      '      interfaces: [{name: eth0, addresses: [10.0.0.11/24]}]',
      '    - <<: *worker',
      '      name: w-2',
      '      interfaces: [{name: eth0, addresses: [10.0.0.12/24]}]',
      '',
    ].join('\n');
    const found = lint(text, { config: { rules: { 'plan-schema': 'off' } } }).diagnostics.filter((d) => d.ruleId === 'ip-forward-disabled');
    expect(found.map((d) => [d.range.start.line, d.range.start.column])).toEqual([
      [11, 11],
      [14, 11],
    ]);
  });
});

describe('the time budget in every stage', () => {
  /** Lints with a clock that stands still until `jump` is called, then is far past any budget. */
  function withClock(text: string, arm: (jump: () => void) => () => void): Diagnostic[] {
    let now = 0;
    const stub = vi.spyOn(clock, 'now').mockImplementation(() => now);
    const restore = arm(() => (now = 1e9));
    try {
      return lint(text, { config: { limits: { timeBudgetMs: 1000 } } }).diagnostics;
    } finally {
      stub.mockRestore();
      restore();
    }
  }

  it('conversion to plain values and the model check the clock as they go', () => {
    const doc = parsedPlan(generatePlan({ nodes: 2000, template: true }));
    const past = clock.now() - 1;
    expect(() => toPlainValue(doc, past)).toThrow(PAST_DEADLINE);
    const plain = toPlainValue(doc);
    expect(() => clusterPlanOf([{ document: doc, value: plain.ok && plain.value }], new SourceFile(''), past)).toThrow(PAST_DEADLINE);
  });

  it('a rule that sees the deadline pass stops, and is named first among the rules that did not finish', () => {
    const text = generatePlan({ nodes: 10 });
    const third = RULES[2];
    const found = withClock(text, (jump) => {
      const spy = vi.spyOn(third, 'check').mockImplementation((_plan, context) => {
        jump();
        expect(context.pastDeadline()).toBe(true);
      });
      return () => spy.mockRestore();
    });
    const left = RULES.slice(2).map((r) => r.meta.id);
    expect(found.map((d) => d.ruleId)).toEqual(['resource-limit']);
    expect(found[0].message).toContain(`so ${left.length} rules did not run (${left.slice(0, 5).join(', ')} and ${left.length - 5} more)`);
  });
});

describe('directives', () => {
  const plan =
    'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n  nodes:\n    - name: Bad_Name # kube-netlint-disable-line invalid-hostname\r\r\n';

  it('a directive on a line ending in \\r\\r\\n is honoured', () => {
    expect(lint(plan).diagnostics.map((d) => d.ruleId)).not.toContain('invalid-hostname');
    expect(lint(plan).diagnostics.map((d) => d.ruleId)).not.toContain('invalid-directive');
  });

  it('directives in documents that are not plans are neither judged nor deleted', () => {
    const other = 'apiVersion: v1\nkind: ConfigMap # kube-netlint-disable-line\ndata: {a: b} # kube-netlint-disable-next-line cidr-overlap\n---\n';
    const found = lint(`${other}${plan.replace('\r\r\n', '\n')}# kube-netlint-disable-line\n`).diagnostics;
    // Only the plan's own stray directive is unused.
    expect(found.filter((d) => d.ruleId === 'unused-directive').map((d) => d.range.start.line)).toEqual([11]);
  });
});

describe('a complex mapping key', () => {
  it('is one finding at its line, with no runtime warning from the process', () => {
    const file = join(ROOT, 'fixtures', 'yaml-syntax', 'invalid', 'complex-key.yaml');
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), '--format', 'json', file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual([['yaml-syntax', 6]]);
  });
});

describe('report order', () => {
  it('sorts by code points, whatever the locale: astral characters after U+E000-U+FFFF', () => {
    const words = ['z', 'ä', '\u{1F600}', '\uFF5E', 'a', 'ab', ''];
    const byBytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(byCodePoints)).toEqual(byBytes);
    expect(byBytes).toEqual(['', 'a', 'ab', 'z', 'ä', '\uFF5E', '\u{1F600}']);
  });
});
