// Where lint() spends its time on a plan: parsing, building the model, and each family of rules
// (the rules' `meta.category`), from the `timings` lint() fills in.
import { lint } from '../src/linter';
import type { RuleCategory } from '../src/core/types';
import { RULES } from '../rules';

export const FAMILIES: readonly RuleCategory[] = ['syntax', 'identity', 'addressing', 'topology', 'firewall', 'exposure'];
/** The rows of the share table: the engine's stages, the families, and what no step accounts for. */
export const STAGES = ['parse', 'model', ...FAMILIES, 'other'] as const;
export type Stage = (typeof STAGES)[number];

export interface Share {
  ms: number;
  /** Of the whole lint() call. */
  pct: number;
}

export interface FamilyShares {
  nodes: number;
  /** The whole lint() call of the run reported (the median run by this total). */
  lintMs: number;
  stages: Record<Stage, Share>;
  /** Milliseconds per rule id in the same run: which rule carries a family's cost. */
  rules: Record<string, number>;
}

const CATEGORY = new Map(RULES.map((r) => [r.meta.id, r.meta.category]));

/** One lint() with timings: its total and its timings. */
function timedLint(text: string): { total: number; timings: Record<string, number> } {
  const timings: Record<string, number> = {};
  const started = performance.now();
  lint(text, { timings });
  return { total: performance.now() - started, timings };
}

/**
 * The median run by total, not medians per key: a run's stages add up to its total, medians taken
 * key by key need not. `other` is the rest of the call (suppression comments, sorting, bookkeeping).
 */
export function familyShares(nodes: number, text: string, runs: number): FamilyShares {
  const all = Array.from({ length: runs }, () => timedLint(text)).sort((a, b) => a.total - b.total);
  const { total, timings } = all[Math.floor(all.length / 2)];
  const ms: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const rules: Record<string, number> = {};
  for (const [key, value] of Object.entries(timings)) {
    const category = CATEGORY.get(key);
    if (key === 'parse' || key === 'model') ms[key] += value;
    else if (category) {
      ms[category] += value;
      rules[key] = +value.toFixed(2);
    }
  }
  ms.other = total - Object.values(ms).reduce((a, b) => a + b, 0);
  const stages = Object.fromEntries(STAGES.map((s) => [s, { ms: +ms[s].toFixed(2), pct: +((100 * ms[s]) / total).toFixed(1) }])) as Record<Stage, Share>;
  return { nodes, lintMs: +total.toFixed(1), stages, rules };
}
