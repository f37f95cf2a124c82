// Directives in process: a directive that still silences some of its rules loses only the unused ones
// (as ESLint 9 fixes it), all in one pass; the messages say no line number (a SARIF fingerprint hashes
// them); and the comment the editor inserts ends in nothing a linter of YAML would flag.
import { describe, expect, it } from 'vitest';
import { applyFixes, lint, suppressionEdit, unusedDirective, type Diagnostic } from '../src/linter';

/** A plan whose one finding is cidr-host-bits on line 6, under a directive naming `list`. */
const plan = (list: string) =>
  `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec:\n  networks:\n    # kube-netlint-disable-next-line ${list} -- as the firewall team wrote it\n    trusted: [10.20.1.0/16]\n`;
const unused = (text: string): Diagnostic[] => lint(text).diagnostics.filter((d) => d.ruleId === unusedDirective.id);
const directiveOf = (text: string) => text.split('\n')[4];

describe('a partly used directive', () => {
  it('reports the unused rule at its name, with a safe fix that deletes it and its separator', () => {
    const text = plan('cidr-host-bits, duplicate-mac');
    const [d] = unused(text);
    expect(d.message).toBe('unused kube-netlint-disable-next-line directive: no "duplicate-mac" problem is reported on the line it covers');
    expect(text.slice(d.range.start.offset, d.range.end.offset)).toBe('duplicate-mac');
    expect(d.fix).toMatchObject({ safety: 'safe', title: 'Remove duplicate-mac from the directive' });
    const fixed = applyFixes(text, [d]).text;
    expect(directiveOf(fixed)).toBe('    # kube-netlint-disable-next-line cidr-host-bits -- as the firewall team wrote it');
    expect(lint(fixed).diagnostics).toEqual([]);
  });

  it('keeps the used rule wherever it stands among unused ones, fixing all of them in one pass', () => {
    const others = ['duplicate-mac', 'invalid-mac', 'cidr-overlap'];
    for (let at = 0; at <= others.length; at++) {
      for (const separator of [', ', ',', ' ']) {
        const list = [...others.slice(0, at), 'cidr-host-bits', ...others.slice(at)].join(separator);
        const text = plan(list);
        const found = unused(text);
        expect(found.length, list).toBe(3);
        const { text: fixed, applied } = applyFixes(text, found);
        expect(applied, list).toBe(3);
        expect(directiveOf(fixed), list).toBe('    # kube-netlint-disable-next-line cidr-host-bits -- as the firewall team wrote it');
        expect(lint(fixed).diagnostics, list).toEqual([]);
      }
    }
  });

  it('keeps two used rules and the names it does not know (invalid-directive reports those)', () => {
    const text = plan('duplicate-mac, cidr-host-bits, cidr-host-bitz, invalid-mac');
    const fixed = applyFixes(text, unused(text)).text;
    expect(directiveOf(fixed)).toBe('    # kube-netlint-disable-next-line cidr-host-bits, cidr-host-bitz -- as the firewall team wrote it');
  });

  it('is deleted whole when none of its rules is used, as before', () => {
    const text = plan('duplicate-mac, invalid-mac').replace('10.20.1.0/16', '10.20.0.0/16');
    const [d] = unused(text);
    expect(d.message).toBe('unused kube-netlint-disable-next-line directive: no problem from "duplicate-mac", "invalid-mac" is reported on the line it covers');
    expect(d.fix?.title).toBe('Remove the unused directive');
    expect(applyFixes(text, [d]).text).not.toContain('kube-netlint-disable');
  });
});

describe('unused-directive messages', () => {
  it('are the same wherever the directive moves, so fingerprints hashed from them are stable', () => {
    const stale = (text: string) => unused(text).map((d) => d.message);
    const text = `${plan('duplicate-mac')}# kube-netlint-disable-line cidr-overlap\n# kube-netlint-disable invalid-mac\n`;
    const moved = text.replace('spec:\n', 'spec:\n  # a comment above moves every line below it\n');
    expect(stale(text).length).toBe(3);
    expect(stale(moved)).toEqual(stale(text));
    for (const message of stale(text)) expect(message).not.toMatch(/\d/);
  });
});

describe('the disable comment offered for a finding', () => {
  it('ends with its reason marker, no space after it, and silences the finding', () => {
    const text = plan('duplicate-mac').replace(/ {4}# kube-netlint[^\n]*\n/, '');
    const [finding] = lint(text).diagnostics;
    const edit = suppressionEdit(text, finding)!;
    expect(edit.text).toBe('    # kube-netlint-disable-next-line cidr-host-bits --\n');
    expect(lint(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).diagnostics).toEqual([]);
  });
});
