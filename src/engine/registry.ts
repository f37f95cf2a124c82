// The rules an engine runs are given to it (the built-in set, or one rule under test), never imported:
// the registry adds the metadata of what the engine reports itself, in the order every listing uses.
import type { RuleMeta } from '../core/types';
import type { Rule } from '../rule-kinds/rule';
import { invalidDirective } from './own-rules/invalid-directive';
import { invalidImport } from './own-rules/invalid-import';
import { resourceLimit } from './own-rules/resource-limit';
import { ruleCrash } from './own-rules/rule-crash';
import { unusedDirective } from './own-rules/unused-directive';
import { yamlSyntax } from './own-rules/yaml-syntax';

export interface RuleRegistry {
  /** The rules that check a plan, in the order they run (and spend the time budget). */
  rules: readonly Rule[];
  /** Every rule id a finding, a directive or the configuration may name: the engine's own and the rules'. */
  metas: readonly RuleMeta[];
  known: ReadonlySet<string>;
}

export function ruleRegistry(rules: readonly Rule[]): RuleRegistry {
  const metas = [yamlSyntax, ...rules.map((r) => r.meta), invalidDirective, unusedDirective, resourceLimit, ruleCrash, invalidImport];
  const known = new Set<string>();
  for (const { id } of metas) {
    if (known.has(id)) throw new Error(`two rules have the id "${id}"`);
    known.add(id);
  }
  return { rules, metas, known };
}
