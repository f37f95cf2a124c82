// The façade: all that the surfaces (CLI, formatters, language server) use of the layers below. The
// layering test keeps them from reaching past it.
export { ALL_RULE_METAS, BUILTIN_RULES, INPUT_FORMAT_IDS, lint, type LinterOptions } from './lint';
export { fixAll, type FixedText } from './fix-all';
export { lintPrepared, prepareFormats } from './prepared';
export { printPlan } from './print-plan';
export { applyFixes } from '../engine/fix';
export { importsOf } from './imports';
export { suppressionEdit } from './suppression';
export { DEFAULT_LIMITS, exceedsSizeLimit, type Limits, type LintConfig, type LintResult, type Truncated } from '../engine/lint';
export type { InputHost } from '../engine/input-host';
export { ruleRegistry, type RuleRegistry } from '../engine/registry';
export { invalidDirective } from '../engine/own-rules/invalid-directive';
export { resourceLimit } from '../engine/own-rules/resource-limit';
export { unusedDirective } from '../engine/own-rules/unused-directive';
export { yamlSyntax } from '../engine/own-rules/yaml-syntax';
export { isInput, looksLikeInput, mayImport } from './detect';
export type { Diagnostic, Fix, Range, RelatedLocation, RuleMeta, Severity, TextEdit } from '../core/types';
export { meaningAt } from './inspect/meaning';
export { planAt, type PlanAt } from './inspect/plan-at';
export { nodeCandidates, referencePlace, sourceCandidates, type Candidate } from './inspect/references';
export { keysOf, scalarEntries, slotAt, type Segment, type Slot } from './inspect/yaml-path';
export type { Plan } from '../model/types';
