// ESLint's RuleTester for kube-netlint: one rule linted alone, through a registry that holds only it, so
// no other rule runs, spends the time budget or can be named by a directive. The engine still reports
// its own findings (syntax, limits, crashes, directives, imports): a test plan must be sound.
import { RULES } from '../../rules';
import { ALL_RULE_METAS, lint, ruleRegistry, type InputHost, type Limits, type LintResult } from '../../src/linter';
import type { Rule } from '../../src/rule-kinds/rule';

export interface RuleTestOptions {
  filePath?: string;
  limits?: Limits;
  /** Where the files the plan imports are read from. */
  host?: InputHost;
  /** Rules that run beside it: the directive rules judge the findings of others. */
  besides?: readonly Rule[];
}

export interface RuleRun extends LintResult {
  /**
   * `rule-id/messageId` of every message reported, the findings' and their related locations' (a
   * finding a directive suppresses included): the rules' reports are recorded, since the engine words
   * related locations but does not name their messages.
   */
  messages: Set<string>;
}

/** A built-in rule by id; none for the ids the engine reports itself (yaml-syntax, resource-limit…). */
function builtinRule(id: string): Rule | undefined {
  if (!ALL_RULE_METAS.some((m) => m.id === id)) throw new Error(`no rule has the id "${id}"`);
  return RULES.find((r) => r.meta.id === id);
}

export function runRule(rule: Rule | string, text: string, options: RuleTestOptions = {}): RuleRun {
  const tested = typeof rule === 'string' ? builtinRule(rule) : rule;
  const messages = new Set<string>();
  const rules = [...(options.besides ?? []), ...(tested ? [tested] : [])].map((r) => recording(r, messages));
  const result = lint(text, { filePath: options.filePath, host: options.host, config: { limits: options.limits }, registry: ruleRegistry(rules) });
  // The engine's own findings are not reported through a rule.
  for (const d of result.diagnostics) if (d.messageId) messages.add(messageKey(d.ruleId, d.messageId));
  return { ...result, messages };
}

/** How the goldens and the coverage check name a message: `rule-id/messageId`. */
export const messageKey = (ruleId: string, messageId: string) => `${ruleId}/${messageId}`;

/** The rule, adding the ids of the messages it reports (related ones included) to `messages`. */
function recording(rule: Rule, messages: Set<string>): Rule {
  const add = (id: string) => messages.add(messageKey(rule.meta.id, id));
  return {
    meta: rule.meta,
    check: (plan, context) =>
      rule.check(plan, {
        ...context,
        report: (r) => {
          add(r.messageId);
          for (const rel of r.related ?? []) add(rel.messageId);
          context.report(r);
        },
      }),
  };
}
