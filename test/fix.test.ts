// applyFixes: safe fixes only unless asked, overlapping fixes left for the next pass, text outside the
// edits untouched.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixFile } from '../src/cli/fix-file';
import { applyFixes } from '../src/linter';
import { lint } from '../src/linter';
import type { Diagnostic, Fix } from '../src/core/types';
import { insertSequenceItem } from '../src/source/edits';

const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const diag = (fix: Fix): Diagnostic => ({ ruleId: 'r', severity: 'warning', message: 'm', range: at, related: [], fix });
const edit = (start: number, end: number, text: string, safety: Fix['safety'] = 'safe') => diag({ safety, title: 't', edits: [{ start, end, text }] });

describe('applyFixes', () => {
  const text = 'a: 1 # keep\nb: 2\nc: 3\n';

  it('applies safe fixes and skips unsafe ones unless asked', () => {
    const fixes = [edit(3, 4, '10'), edit(15, 16, '20', 'unsafe')];
    expect(applyFixes(text, fixes)).toEqual({ text: 'a: 10 # keep\nb: 2\nc: 3\n', applied: 1 });
    expect(applyFixes(text, fixes, { unsafe: true })).toEqual({ text: 'a: 10 # keep\nb: 20\nc: 3\n', applied: 2 });
  });

  it('leaves a fix that overlaps an earlier one for the next pass, whatever the report order', () => {
    const r = applyFixes(text, [edit(15, 16, 'x'), edit(12, 17, ''), edit(0, 4, 'a: 0')]);
    expect(r).toEqual({ text: 'a: 0 # keep\nc: 3\n', applied: 2 });
  });

  it('changes nothing without fixes', () => {
    expect(applyFixes(text, [])).toEqual({ text, applied: 0 });
  });
});

describe('insertSequenceItem', () => {
  const apply = (text: string, fix: Fix | undefined) => applyFixes(text, fix ? [diag(fix)] : [], { unsafe: true }).text;
  const item = (text: string, needle: string): [number, number] => [text.indexOf(needle), text.indexOf(needle) + needle.length];

  it('adds a block sequence item before or after another, keeping indentation, comments and CRLF line ends', () => {
    const text = 'rules:\r\n  - {a: 1}  # first\r\n  - {b: 2}\r\n';
    expect(apply(text, insertSequenceItem(text, item(text, '{a: 1}'), 'before', '{n: 0}', 'unsafe', 't'))).toBe(
      'rules:\r\n  - {n: 0}\r\n  - {a: 1}  # first\r\n  - {b: 2}\r\n',
    );
    expect(apply(text, insertSequenceItem(text, item(text, '{a: 1}'), 'after', '{n: 0}', 'unsafe', 't'))).toBe(
      'rules:\r\n  - {a: 1}  # first\r\n  - {n: 0}\r\n  - {b: 2}\r\n',
    );
    const last = 'rules:\n  - {b: 2}';
    expect(apply(last, insertSequenceItem(last, item(last, '{b: 2}'), 'after', '{n: 0}', 'unsafe', 't'))).toBe('rules:\n  - {b: 2}\n  - {n: 0}');
  });

  it('refuses flow sequences and items that share a line with other content', () => {
    const flow = 'rules: [{a: 1}, {b: 2}]\n';
    expect(insertSequenceItem(flow, item(flow, '{b: 2}'), 'before', '{n: 0}', 'unsafe', 't')).toBeUndefined();
    const nested = '- - {a: 1}\n';
    expect(insertSequenceItem(nested, item(nested, '{a: 1}'), 'after', '{n: 0}', 'unsafe', 't')).toBeUndefined();
  });
});

describe('fixFile (--fix)', () => {
  const stale = join(__dirname, '..', 'fixtures', 'unused-directive', 'invalid', 'stale.yaml');
  const text = readFileSync(stale, 'utf8').replace(/\n/g, '\r\n');
  const fix = (path: string, bom: boolean) => fixFile(path, text, bom, lint(text, { filePath: path }), {}, false);

  it('writes the fixed text back with the BOM the file had, and its CRLF line ends', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'knl-fix-')), 'plan.yaml');
    const { result, writeErrors } = fix(path, true);
    expect(writeErrors).toEqual([]);
    const written = readFileSync(path, 'utf8');
    expect(written.startsWith('\ufeff')).toBe(true);
    expect(written.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(result.diagnostics.map((d) => d.ruleId)).not.toContain('unused-directive');
  });

  it('reports the file as it is when the fixes cannot be written', () => {
    const { result, writeErrors } = fix(join(tmpdir(), 'knl-no-such-dir', 'plan.yaml'), false);
    expect(writeErrors.map((e) => (e.error as NodeJS.ErrnoException).code)).toEqual(['ENOENT']);
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('unused-directive');
  });
});
