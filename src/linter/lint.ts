// The engine with the built-in rules. A caller may pass another registry (one rule under test, or a
// rule set of its own).
import { RULES } from '../../rules';
import { lint as lintWith, type LintOptions, type LintResult } from '../engine/lint';
import { ruleRegistry, type RuleRegistry } from '../engine/registry';

export const BUILTIN_RULES: RuleRegistry = ruleRegistry(RULES);

/** Every rule id, the engine's own included, in the order of --list-rules, SARIF and the docs. */
export const ALL_RULE_METAS = BUILTIN_RULES.metas;

export type LinterOptions = Omit<LintOptions, 'registry'> & { registry?: RuleRegistry };

export function lint(text: string, options: LinterOptions = {}): LintResult {
  return lintWith(text, { ...options, registry: options.registry ?? BUILTIN_RULES });
}
