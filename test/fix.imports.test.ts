// Fix all fixes a plan as a whole: findings in the files it imports are fixed in those files, and the
// split plan ends as the same plan in one file does once fixed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixAll, lint, type Diagnostic } from '../src/linter';
import { fileSystemHost } from '../src/workspace/input-host';

const ROOT = join(__dirname, '..');
const SINGLE = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
const SPLIT = join(ROOT, 'fixtures', 'imports', 'split');

const options = (filePath: string) => ({ filePath, host: fileSystemHost });
const summary = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.ruleId}/${d.messageId ?? ''}`).sort();

describe('fix all on a plan split over files', () => {
  it('fixes the imported files too, and leaves what the one-file plan leaves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-fix-imports-'));
    cpSync(SPLIT, dir, { recursive: true });
    const plan = join(dir, 'plan.yaml');
    const workers = join(dir, 'firewalls', 'workers.yaml');
    const before = lint(readFileSync(plan, 'utf8'), options(plan));
    expect(before.diagnostics.some((d) => d.filePath === workers && d.fix)).toBe(true);

    const fixed = fixAll(readFileSync(plan, 'utf8'), options(plan), { unsafe: true });
    expect([...fixed.imported.keys()].sort()).toEqual([join(dir, 'firewalls', 'control-plane.yaml'), workers]);
    expect(fixed.result.diagnostics.filter((d) => d.fix)).toEqual([]);
    // Nothing is written here: the texts are the caller's to write.
    expect(readFileSync(workers, 'utf8')).toBe(readFileSync(join(SPLIT, 'firewalls', 'workers.yaml'), 'utf8'));

    const single = fixAll(readFileSync(SINGLE, 'utf8'), options(SINGLE), { unsafe: true });
    expect(summary(fixed.result.diagnostics)).toEqual(summary(single.result.diagnostics));
  });

  it('without a host, fixes the linted text only', () => {
    const plan = join(SPLIT, 'plan.yaml');
    const fixed = fixAll(readFileSync(plan, 'utf8'), { filePath: plan }, { unsafe: true });
    expect(fixed.imported.size).toBe(0);
  });
});

describe('--fix on a plan split over files (built bin/kube-netlint.js)', () => {
  it('writes the fixes of each file into it, keeping a BOM and CRLF line ends of an imported file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-fix-imports-cli-'));
    cpSync(SPLIT, dir, { recursive: true });
    const workers = join(dir, 'firewalls', 'workers.yaml');
    writeFileSync(workers, `\ufeff${readFileSync(workers, 'utf8').replace(/\n/g, '\r\n')}`);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), '--fix', '--unsafe-fixes', '--format', 'json', 'plan.yaml'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const written = readFileSync(workers, 'utf8');
    expect(written.startsWith('\ufeff')).toBe(true);
    expect(written.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(written).not.toBe(readFileSync(join(SPLIT, 'firewalls', 'workers.yaml'), 'utf8'));
    const report = JSON.parse(r.stdout) as { messages: { fix?: unknown }[] }[];
    expect(report.flatMap((f) => f.messages).filter((m) => m.fix)).toEqual([]);
  });
});
