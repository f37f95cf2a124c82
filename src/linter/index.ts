// The façade the surfaces (CLI, formatters, language server) call: the engine with the built-in rules.
// A caller may pass another registry (one rule under test, or a rule set of its own).
import { dirname, resolve } from 'node:path';
import { RULES } from '../../rules';
import type { InputHost } from '../engine/input-host';
import { readImports } from '../model/imports';
import { parseDocuments } from '../source/parse';
import { lint as lintWith, type LintOptions, type LintResult } from '../engine/lint';
import { ruleRegistry, type RuleRegistry } from '../engine/registry';

export const BUILTIN_RULES: RuleRegistry = ruleRegistry(RULES);

/** Every rule id, the engine's own included, in the order of --list-rules, SARIF and the docs. */
export const ALL_RULE_METAS = BUILTIN_RULES.metas;

export type LinterOptions = Omit<LintOptions, 'registry'> & { registry?: RuleRegistry };

export function lint(text: string, options: LinterOptions = {}): LintResult {
  return lintWith(text, { ...options, registry: options.registry ?? BUILTIN_RULES });
}

export { DEFAULT_LIMITS, exceedsSizeLimit, type Limits, type LintConfig, type LintResult, type Truncated } from '../engine/lint';
export { applyFixes } from '../engine/fix';
export { looksLikePlan } from '../source/parse';
export { ruleRegistry, type RuleRegistry } from '../engine/registry';
export { invalidDirective } from '../engine/own-rules/invalid-directive';
export { resourceLimit } from '../engine/own-rules/resource-limit';
export { unusedDirective } from '../engine/own-rules/unused-directive';
export { yamlSyntax } from '../engine/own-rules/yaml-syntax';
export type { InputHost };

/**
 * The files a text's ClusterPlan documents import directly, as the host finds them: how the CLI and the
 * language server learn which plan a changed file belongs to.
 */
export function importsOf(text: string, filePath: string, host: InputHost): string[] {
  const parsed = parseDocuments(text);
  if (!parsed.ok) return [];
  return parsed.documents.filter((d) => d.isPlan).flatMap((d) => readImports(d.doc).flatMap((entry) => host.expand(entry.path.value, dirname(resolve(filePath)))));
}
export type { Diagnostic, Fix, Range, RelatedLocation, RuleMeta, Severity } from '../core/types';
