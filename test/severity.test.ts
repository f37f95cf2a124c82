// A finding may carry its own severity (etcd-member-count warns above seven members but errs on an
// even count); a severity configured for the rule applies to all of its findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/linter';
import type { SeveritySetting } from '../src/core/types';
import { FIXTURES } from './support/fixtures';

const plan = (name: string) => readFileSync(join(FIXTURES, 'etcd-member-count', 'invalid', name), 'utf8');
const severities = (text: string, setting?: SeveritySetting) =>
  lint(text, { config: { rules: setting ? { 'etcd-member-count': setting } : {} } })
    .diagnostics.filter((d) => d.ruleId === 'etcd-member-count')
    .map((d) => d.severity);

describe('per-finding severity', () => {
  it('keeps the rule default unless the finding lowers it', () => {
    expect(severities(plan('two-control-plane.yaml'))).toEqual(['error']);
    expect(severities(plan('nine-members.yaml'))).toEqual(['warning']);
  });

  it('gives way to a configured severity, either way', () => {
    expect(severities(plan('nine-members.yaml'), 'error')).toEqual(['error']);
    expect(severities(plan('nine-members.yaml'), 'info')).toEqual(['info']);
    expect(severities(plan('two-control-plane.yaml'), 'warning')).toEqual(['warning']);
    expect(severities(plan('two-control-plane.yaml'), 'off')).toEqual([]);
  });
});
