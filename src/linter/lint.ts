// The engine with the built-in rules and input formats. A caller may pass other rules (one rule under
// test, or a rule set of its own) or other formats.
import { RULES } from '../../rules';
import { lint as lintWith, type LintOptions, type LintResult } from '../engine/lint';
import { ruleRegistry, type RuleRegistry } from '../engine/registry';
import { BUILTIN_FORMATS } from '../formats';
import type { InputFormat } from '../formats/input-format';

export const BUILTIN_RULES: RuleRegistry = ruleRegistry(RULES);

/** Every rule id, the engine's own included, in the order of --list-rules, SARIF and the docs. */
export const ALL_RULE_METAS = BUILTIN_RULES.metas;

export type LinterOptions = Omit<LintOptions, 'registry' | 'formats'> & { registry?: RuleRegistry; formats?: readonly InputFormat[] };

export function lint(text: string, options: LinterOptions = {}): LintResult {
  return lintWith(text, { ...options, registry: options.registry ?? BUILTIN_RULES, formats: options.formats ?? BUILTIN_FORMATS });
}
