// The suppression the editor offers is the engine's own: applying it silences exactly the finding it is
// for, and nothing is offered that the engine would ignore (the review's "Disable resource-limit"
// action inserted a comment the engine never reads). Fix all applies what --fix applies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { codeActionsFor, FIX_ALL, fixAllAction } from '../server/code-actions';
import { fixAll, lint, resourceLimit, suppressionEdit, type Diagnostic } from '../src/linter';

const BROKEN = readFileSync(join(__dirname, '..', 'fixtures', 'examples', 'broken-plan.yaml'), 'utf8');
const apply = (text: string, e: { start: number; end: number; text: string }) => text.slice(0, e.start) + e.text + text.slice(e.end);
const same = (a: Diagnostic, b: Diagnostic) => a.ruleId === b.ruleId && a.message === b.message;

describe('suppression', () => {
  it('silences each finding it is offered for, and only that one, with no directive finding', () => {
    const found = lint(BROKEN).diagnostics;
    let offered = 0;
    for (const d of found) {
      const edit = suppressionEdit(BROKEN, d);
      if (!edit) continue;
      offered++;
      const after = lint(apply(BROKEN, edit)).diagnostics;
      expect(
        after.some((a) => same(a, d)),
        d.message,
      ).toBe(false);
      expect(after.filter((a) => a.ruleId === 'invalid-directive')).toEqual([]);
      // Every other finding is still reported (one line down).
      expect(after.length).toBe(found.length - found.filter((o) => o.range.start.line === d.range.start.line && o.ruleId === d.ruleId).length);
    }
    expect(offered).toBeGreaterThan(10);
  });

  it('is not offered for findings directives cannot silence, nor for syntax errors', () => {
    const big = lint(BROKEN, { config: { limits: { timeBudgetMs: 0 } } }).diagnostics.find((d) => d.ruleId === resourceLimit.id)!;
    expect(big).toBeDefined();
    expect(suppressionEdit(BROKEN, big)).toBeUndefined();
    const syntax = lint('apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec: [\n').diagnostics[0];
    expect(syntax.ruleId).toBe('yaml-syntax');
    expect(suppressionEdit('apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec: [\n', syntax)).toBeUndefined();
  });

  it("keeps CRLF line ends and the line's indentation", () => {
    const crlf = BROKEN.replace(/\n/g, '\r\n');
    const d = lint(crlf).diagnostics.find((x) => x.ruleId === 'duplicate-mac')!;
    const edit = suppressionEdit(crlf, d)!;
    expect(edit.text).toMatch(/^ +# kube-netlint-disable-next-line duplicate-mac --\r\n$/);
  });

  it('reaches the editor as quick fixes, and fix all as one edit of the text', () => {
    const doc = TextDocument.create('file:///plan.yaml', 'yaml', 1, BROKEN);
    const found = lint(BROKEN).diagnostics;
    const whole = { start: doc.positionAt(0), end: doc.positionAt(BROKEN.length) };
    const actions = codeActionsFor(doc, found, whole, () => ({ range: whole, message: '' }));
    // One per rule and line: line 53's two apiserver-unreachable findings share theirs.
    const silenced = new Set(found.filter((d) => suppressionEdit(BROKEN, d)).map((d) => `${d.ruleId}@${d.range.start.line}`));
    expect(actions.filter((a) => a.title.startsWith('Disable ')).length).toBe(silenced.size);
    expect(actions.some((a) => a.title === `Disable ${resourceLimit.id} for this line`)).toBe(false);
    // Safe fixes only, as --fix applies them: the stale directive's deletion.
    const stale = join(__dirname, '..', 'fixtures', 'unused-directive', 'invalid', 'stale');
    const fixed = fixAll(readFileSync(`${stale}.yaml`, 'utf8'), {});
    expect(fixed.text).toBe(readFileSync(`${stale}.fixed.yaml`, 'utf8'));
    const [action] = fixAllAction(doc, { text: fixed.text, imported: [] });
    expect(action.kind).toBe(FIX_ALL);
    expect(action.edit!.changes![doc.uri][0].newText).toBe(fixed.text);
    expect(fixAllAction(doc, undefined)).toEqual([]);
  });
});

describe('suggestions', () => {
  const plan = (body: string) => `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec:\n${body}`;
  const apply = (text: string, e: { start: number; end: number; text: string }) => text.slice(0, e.start) + e.text + text.slice(e.end);

  it('offer what a misspelt rule id in a directive meant, and applying it leaves no directive finding', () => {
    const text = plan('  networks:\n    # kube-netlint-disable-next-line cidr-host-bit -- as written by the firewall team\n    trusted: [10.20.1.0/16]\n');
    const [d] = lint(text).diagnostics.filter((x) => x.ruleId === 'invalid-directive');
    expect(d.suggestions).toEqual([{ title: 'Change to cidr-host-bits', edits: [expect.objectContaining({ text: 'cidr-host-bits' })] }]);
    expect(lint(apply(text, d.suggestions![0].edits[0])).diagnostics).toEqual([]);
  });

  it("offer what a misspelt source meant, as the editor's quick fix and in the JSON output", () => {
    const text = plan(
      '  networks: {nodes: [10.0.0.0/24]}\n  nodes:\n    - {name: cp-1, roles: [control-plane, etcd, worker], interfaces: [{name: eth0, addresses: [10.0.0.10/24]}]}\n  firewalls:\n    - name: all\n      appliesTo: all\n      rules:\n        - {action: allow, protocol: tcp, ports: 6443, from: [nodez]}\n',
    );
    const d = lint(text).diagnostics.find((x) => x.ruleId === 'firewall-unknown-reference')!;
    expect(d.suggestions?.map((s) => s.title)).toEqual(['Change to nodes']);
    expect(lint(apply(text, d.suggestions![0].edits[0])).diagnostics.filter((x) => x.ruleId === 'firewall-unknown-reference')).toEqual([]);
    const doc = TextDocument.create('file:///plan.yaml', 'yaml', 1, text);
    const at = { start: doc.positionAt(d.range.start.offset), end: doc.positionAt(d.range.end.offset) };
    const actions = codeActionsFor(doc, [d], at, () => ({ range: at, message: '' }));
    expect(actions.map((a) => a.title)).toContain('Change to nodes');
  });
});
