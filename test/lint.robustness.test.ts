// Bad input is normal input: hostile constructs and the limits, each with its own expected answer (the
// fuzzer, test/fuzz.test.ts, checks the general invariants on random damage).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { lint } from '../src/linter';
import type { Diagnostic } from '../src/core/types';
import { FIXTURES } from './support/fixtures';
import { checkInvariants } from './support/invariants';
import { generatePlan } from '../bench/generate';
import { RULES } from '../rules';
import { clock } from '../src/core/clock';

describe('lint() on hostile and broken input', () => {
  it('reports an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    const text = `apiVersion: kube-netlint/v1\nkind: ClusterPlan\n${levels.join('\n')}\n`;
    // A billion nodes, counted and never built: the finding names the count, at the heaviest alias.
    expect(checkInvariants(text).map((d) => [d.ruleId, d.range.start.line, d.message])).toEqual([
      ['yaml-syntax', 11, expect.stringMatching(/^aliases and merge keys expand this document to 1,234,567,913 nodes, more than the limit of 1,000,000 /)],
    ]);
  });

  it('lets a plan reuse an anchor on every node', () => {
    const nodes = Array.from({ length: 300 }, (_, i) =>
      [
        `    - name: w${i}`,
        `      roles: ${i === 0 ? '[control-plane]' : i === 1 ? '&roles [worker]' : '*roles'}`,
        `      interfaces: [{name: eth0, addresses: [10.0.${(i >> 7) + 1}.${(i & 127) + 1}/16]}]`,
      ].join('\n'),
    );
    const text = `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec:\n  networks: {nodes: [10.0.0.0/16]}\n  nodes:\n${nodes.join('\n')}\n`;
    // Only the plan-level note that there is no firewall: the aliases cost nothing.
    expect(checkInvariants(text).map((d) => d.ruleId)).toEqual(['no-firewall']);
  });

  it('survives deep nesting, empty and comment-only files, and CRLF line ends', () => {
    for (const depth of [100, 5000, 200_000]) {
      const nested = checkInvariants(`kind: ClusterPlan\nspec: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      expect(nested.map((d) => d.ruleId)).toEqual(['yaml-syntax']);
    }
    expect(lint('').isPlan).toBe(false);
    expect(lint('# only a comment\n# kind: ClusterPlan\n').isPlan).toBe(false);
    const crlf = 'apiVersion: kube-netlint/v1\r\nkind: ClusterPlan\r\nspec:\r\n  nodes:\r\n    - name: Bad_Name\r\n      roles: [control-plane]\r\n';
    const d = checkInvariants(crlf).find((x) => x.ruleId === 'invalid-hostname')!;
    expect(d.range.start).toMatchObject({ line: 5, column: 13 });
    expect(d.range.end).toMatchObject({ line: 5, column: 21 });
  });

  it('reports tab indentation where it is, and reads tabs elsewhere as spaces', () => {
    const plan = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec:\n  nodes:\n    - name: Bad_Name\n      roles: [control-plane]\n';
    const tabbed = checkInvariants(plan.replace('    - name', '\t- name'));
    expect(tabbed.find((d) => d.message === 'Tabs are not allowed as indentation')?.range.start).toMatchObject({ line: 5, column: 1 });
    expect(tabbed.every((d) => d.ruleId === 'yaml-syntax')).toBe(true);
    // A tab after the key's colon or before a comment is white space: the plan reads as without it.
    const spaced = checkInvariants(plan.replace('name: Bad', 'name:\tBad').replace('plane]', 'plane]\t# cp'));
    expect(spaced.map((d) => [d.ruleId, d.range.start.line, d.range.start.column])).toEqual(
      lint(plan).diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.column]),
    );
  });

  it('reports tags instead of instantiating them, and still runs the rules', () => {
    const text = [
      'apiVersion: kube-netlint/v1',
      'kind: ClusterPlan',
      'metadata: {name: !!binary aGVsbG8=, description: !!js/function "function () { throw 1 }"}',
      'spec:',
      '  nodes:',
      '    - name: !vault Bad_Name',
      '      roles: [control-plane]',
      '',
    ].join('\n');
    const found = checkInvariants(text).map((d) => [d.ruleId, d.severity, `${d.range.start.line}:${d.range.start.column}-${d.range.end.column}`, d.message]);
    const tag = (name: string) => `unsupported tag ${name}: its value is read as plain data (tags are never instantiated); remove the tag`;
    expect(found.filter(([id]) => id === 'yaml-syntax')).toEqual([
      ['yaml-syntax', 'warning', '3:18-26', tag('!!binary')],
      ['yaml-syntax', 'warning', '3:50-63', tag('!!js/function')],
      ['yaml-syntax', 'warning', '6:13-19', tag('!vault')],
    ]);
    // The tagged name is read as the string it is written as, and judged like any other.
    expect(found.find(([id]) => id === 'invalid-hostname')?.[2]).toBe('6:20-28');
    // A `%YAML 1.1` directive does not bring YAML 1.1's tags (or its yes/no booleans) back.
    const yaml11 = `%YAML 1.1\n---\n${text.replace('name: !vault Bad_Name', 'name: !!timestamp 2001-12-14').replace('roles:', 'labels: !!set {a: null}\n      roles:')}`;
    const tags = checkInvariants(yaml11)
      .filter((d) => d.ruleId === 'yaml-syntax')
      .map((d) => d.message);
    expect(tags).toEqual([tag('!!binary'), tag('!!js/function'), tag('!!timestamp'), tag('!!set')]);
    // The timestamp stays the name as written (not a Date), the set a mapping whose values are null.
    const messages = checkInvariants(yaml11).map((d) => d.message);
    expect(messages).toContain('node "2001-12-14" has no interfaces: list the interface the other nodes reach it at, with its address');
    expect(messages).toContain('spec.nodes[0].labels.a is null, expected string');
  });
});

describe('limits', () => {
  const plan = generatePlan({ nodes: 300 });

  it('refuses a text above the size limit with one finding on its first line', () => {
    const [d, ...rest] = lint(plan, { config: { limits: { maxFileSizeMB: 0.01 } } }).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'resource-limit', severity: 'error', range: { start: { line: 1, column: 1 }, end: { line: 1 } } });
    expect(d.message).toMatch(/^the file is 113\.4 KB, larger than the limit of 10\.2 KB, so it was not checked/);
    // Not a plan: nothing to say, as for any other file.
    expect(lint('a: 1\n'.repeat(10_000), { config: { limits: { maxFileSizeMB: 0.01 } } })).toEqual({ isPlan: false, diagnostics: [] });
    // The limit counts UTF-8 bytes, as on disk: 4,000 three-byte characters are over 0.01 MB (10,486 bytes).
    const wide = `kind: ClusterPlan\nmetadata: {description: "${'€'.repeat(4000)}"}\n`;
    expect(wide.length).toBeLessThan(10_486);
    expect(lint(wide, { config: { limits: { maxFileSizeMB: 0.01 } } }).diagnostics.map((x) => x.ruleId)).toEqual(['resource-limit']);
  });

  it('stops past the time budget and names the rules that did not run', () => {
    // Parsing 300 nodes alone takes longer than 1 ms, so not even the first rule runs.
    const cut = lint(plan, { config: { limits: { timeBudgetMs: 1 } } }).diagnostics;
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatchObject({ ruleId: 'resource-limit', severity: 'error' });
    expect(cut[0].message).toMatch(
      new RegExp(
        `^linting stopped after \\d+ ms, past the time budget of 1 ms, so ${RULES.length} rules did not run \\(plan-schema, invalid-hostname, duplicate-hostname, invalid-mac, duplicate-mac and ${RULES.length - 5} more\\)`,
      ),
    );
    // The default budget is far above what this plan needs.
    expect(lint(plan).diagnostics.map((d) => d.ruleId)).not.toContain('resource-limit');
  });

  it('stops between rules, names exactly the rules left, and judges no directive unused', () => {
    // A clock that stands still until the third rule has run, then jumps past the budget.
    let now = 0;
    const stub = vi.spyOn(clock, 'now').mockImplementation(() => now);
    const third = RULES[2];
    const check = third.check.bind(third);
    const slow = vi.spyOn(third, 'check').mockImplementation((plan, context) => {
      check(plan, context);
      now = 1e9;
    });
    const text = readFileSync(join(FIXTURES, 'invalid-directive', 'valid', 'known-rules.yaml'), 'utf8');
    let found: Diagnostic[];
    try {
      found = lint(text, { config: { limits: { timeBudgetMs: 1000 } } }).diagnostics;
    } finally {
      stub.mockRestore();
      slow.mockRestore();
    }
    const [, , , ...left] = RULES.map((r) => r.meta.id);
    expect(found.map((d) => d.ruleId)).toEqual(['resource-limit']);
    expect(found[0].message).toBe(
      `linting stopped after 1000000000 ms, past the time budget of 1000 ms, so ${left.length} rules did not run (${left.slice(0, 5).join(', ')} and ${left.length - 5} more): raise limits.timeBudgetMs (--time-budget)`,
    );
    // Without the stop, the directives are used: the rules they silence do report.
    expect(lint(text).diagnostics.map((d) => d.ruleId)).toEqual([]);
  });

  it('checks the budget while parsing too, so a large plan stops at the first check past it', () => {
    const large = generatePlan({ nodes: 5000 }); // 1.4 MB
    // A clock that moves 1 ms each time it is read, so time is the count of budget checks; a real clock
    // would make "soon" a matter of the machine's speed.
    let now = 0;
    const stub = vi.spyOn(clock, 'now').mockImplementation(() => now++);
    let composed = false;
    let cut: Diagnostic[];
    try {
      cut = lint(large, { config: { limits: { timeBudgetMs: 20 } }, onComposed: () => (composed = true) }).diagnostics;
    } finally {
      stub.mockRestore();
    }
    // Stopped inside the parse, which never finished: the budget is checked often enough that 21 checks
    // come before its end.
    expect(composed).toBe(false);
    expect(cut.map((d) => [d.ruleId, d.range.start.line, d.range.start.column])).toEqual([['resource-limit', 1, 1]]);
    // The lint's start, 21 checks up to the first past the budget, and the reading for the message.
    expect(cut[0].message).toMatch(new RegExp(`^linting stopped after 22 ms, past the time budget of 20 ms, so ${RULES.length} rules did not run`));
  });
});
