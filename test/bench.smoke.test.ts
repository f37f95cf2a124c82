// The bench's generator makes plans that are clean, so the bench times the full rule set on a real
// plan, and one injected mistake is found among thousands of nodes.
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
