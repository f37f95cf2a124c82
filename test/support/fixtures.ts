// Discovers fixtures/<rule-id>/{valid,invalid}/* and lints them with that rule alone (the rule tester).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { RULES } from '../../rules';
import { loadConfig } from '../../src/config/load';
import type { Diagnostic } from '../../src/core/types';
import { ALL_RULE_METAS } from '../../src/linter';
import { fileSystemHost } from '../../src/workspace/input-host';
import { formatExpected } from './expected';
import { messageKey, runRule, type RuleRun } from './rule-tester';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const PLAN_FILE = /\.(ya?ml|json|ini)$/;

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
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? planFiles(join(dir, e.name)) : PLAN_FILE.test(e.name) ? [join(dir, e.name)] : [],
  );
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

/** Directive diagnostics depend on what the other rules report, so their fixtures and examples run every rule. */
const WITH_ALL_RULES = new Set(['invalid-directive', 'unused-directive']);

/** Every other rule off, for tests that lint through the built-in set. */
export function onlyRule(ruleId: string): Record<string, 'off'> {
  return Object.fromEntries(ALL_RULE_METAS.filter((m) => m.id !== ruleId).map((m) => [m.id, 'off' as const]));
}

/**
 * A text linted as the rule's fixtures and docs examples are: the rule alone, with the limits of a
 * `.kube-netlint.yaml` in the rule's fixture folder when it has one (resource-limit's fixtures need a
 * small size limit; the CLI and the server find the same file), its imports read from the file system
 * relative to `filePath`.
 */
export function lintAs(ruleId: string, text: string, filePath: string): RuleRun {
  const configPath = join(FIXTURES, ruleId, '.kube-netlint.yaml');
  const limits = existsSync(configPath) ? loadConfig(configPath).lint.limits : undefined;
  return runRule(ruleId, text, { filePath, limits, host: fileSystemHost, besides: WITH_ALL_RULES.has(ruleId) ? RULES : [] });
}

export function lintFixture(f: Fixture): RuleRun {
  return lintAs(f.ruleId, readFileSync(f.path, 'utf8'), f.path);
}

/**
 * An invalid fixture's golden: the `.expected` lines, each naming what the finding is as `rule-id/messageId`
 * (yaml-syntax's findings have the parser's code instead): two messages worded alike are told apart. A
 * finding or related location in a file the plan imports starts its message with `(in <file>)`, the
 * file relative to the plan's folder.
 */
export function formatGolden(diagnostics: Diagnostic[], planPath: string): string {
  const inFile = (message: string, filePath?: string) => (filePath ? `(in ${relative(dirname(planPath), filePath)}) ${message}` : message);
  return formatExpected(
    diagnostics.map((d) => ({
      ...d,
      ruleId: identify(d),
      message: inFile(d.message, d.filePath),
      related: d.related.map((r) => ({ ...r, message: inFile(r.message, r.filePath) })),
    })),
  );
}

function identify(d: Diagnostic): string {
  const id = d.messageId ?? d.code;
  return id === undefined ? d.ruleId : messageKey(d.ruleId, id);
}
