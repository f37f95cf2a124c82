// Discovers fixtures/<rule-id>/{valid,invalid}/* and lints them with only that rule enabled.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load';
import { lint, type LintConfig, type LintResult } from '../../src/linter';
import { ALL_RULE_METAS } from '../../src/linter';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const PLAN_FILE = /\.(ya?ml|json)$/;

export interface Fixture {
  ruleId: string;
  kind: 'valid' | 'invalid';
  name: string;
  path: string;
  expectedPath: string;
  /** The golden result of applying every fix (safe and unsafe), when the fixture has one. */
  fixedPath: string;
}

/** Every plan-like file (YAML or JSON) under a folder, fixtures' .fixed goldens included. */
export function planFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? planFiles(join(dir, e.name)) : PLAN_FILE.test(e.name) ? [join(dir, e.name)] : []));
}

export function fixturesOf(ruleId: string): Fixture[] {
  const out: Fixture[] = [];
  for (const kind of ['valid', 'invalid'] as const) {
    const dir = join(FIXTURES, ruleId, kind);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!PLAN_FILE.test(name) || name.includes('.fixed.')) continue;
      const path = join(dir, name);
      out.push({ ruleId, kind, name, path, expectedPath: path.replace(PLAN_FILE, '.expected'), fixedPath: path.replace(PLAN_FILE, '.fixed.$1') });
    }
  }
  return out;
}

/** Directive diagnostics depend on what the other rules report, so their fixtures run every rule. */
const WITH_ALL_RULES = new Set(['invalid-directive', 'unused-directive']);

export function onlyRule(ruleId: string): Record<string, 'off'> {
  if (WITH_ALL_RULES.has(ruleId)) return {};
  return Object.fromEntries(ALL_RULE_METAS.filter((m) => m.id !== ruleId).map((m) => [m.id, 'off' as const]));
}

/**
 * The rule alone, with the limits of a `.kube-netlint.yaml` in the rule's fixture folder when it has
 * one (resource-limit's fixtures need a small size limit; the CLI and the server find the same file).
 */
export function fixtureConfig(ruleId: string): LintConfig {
  const configPath = join(FIXTURES, ruleId, '.kube-netlint.yaml');
  const limits = existsSync(configPath) ? loadConfig(configPath).lint.limits : undefined;
  return { rules: onlyRule(ruleId), limits };
}

export function lintFixture(f: Fixture): LintResult {
  return lint(readFileSync(f.path, 'utf8'), { filePath: f.path, config: fixtureConfig(f.ruleId) });
}
