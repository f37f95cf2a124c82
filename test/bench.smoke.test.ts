// The bench's generator makes plans that are clean, so the bench times the full rule set on a real
// plan, and one injected mistake is found among thousands of nodes; the bench itself runs on a small plan.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../bench/generate';
import { lint } from '../src/engine/lint';

describe('bench plans', () => {
  it('generates a clean 2,500-node plan over several subnets', () => {
    const text = generatePlan({ nodes: 2500 });
    const result = lint(text);
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('finds one cloned MAC among 2,500 nodes, at the right line', () => {
    const text = generatePlan({ nodes: 2500 }).replace('mac: "52:54:00:00:09:c3"', 'mac: "52:54:00:00:00:07"');
    const found = lint(text).diagnostics;
    expect(found.map((d) => d.ruleId)).toEqual(['duplicate-mac']);
    const line = text.split('\n').findIndex((l, i) => i > 100 && l.includes('"52:54:00:00:00:07"')) + 1;
    expect(found[0].range.start.line).toBe(line);
  });
});

describe('npm run bench', () => {
  it('runs on the 100-node plan and writes its table as JSON', () => {
    const out = mkdtempSync(join(tmpdir(), 'knl-bench-'));
    const r = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'bench', 'run.js')], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_SIZES: '100', BENCH_RUNS: '1', BENCH_OUT: out },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ +100 +1\d{3} /m);
    expect(r.stdout).toMatch(/^node -e 0: [\d.]+ ms/m);
    expect(r.stdout).toMatch(/^peak memory linting 100 nodes: [\d.]+ MB$/m);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.rows).toEqual([expect.objectContaining({ nodes: 100, diagnostics: 0 })]);
    expect(results.rows[0].cliMs).toBeGreaterThan(0);
  });
});
