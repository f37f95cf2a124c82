// The rule contract (ESLint's meta + create, actionlint's one-check-per-module): metadata plus one
// check() over the plan model. The engine enforces the contract so that a broken rule fails loudly.
import type { Plan } from '../model/types';
import type { Fix, RuleMeta, Severity, Span, Suggestion } from '../core/types';
import { fillTemplate, type MessageValue } from '../core/message-args';

/** A message's arguments: typed values (a node, a packet, a deciding rule) that one renderer words, or plain text and numbers. */
export type MessageData = Record<string, MessageValue>;

export interface RelatedReport {
  at: Span;
  messageId: string;
  data?: MessageData;
}

export interface Report {
  messageId: string;
  data?: MessageData;
  at: Span;
  related?: RelatedReport[];
  fix?: Fix;
  /** Changes the author may choose (what a misspelt name probably meant); offsets as the plan's spans. */
  suggestions?: Suggestion[];
  /**
   * This finding's severity when it differs from the rule's default (etcd-member-count warns about
   * too many members but errs on an even count). A severity set in the configuration or with
   * --rule applies to every finding of the rule, this one included.
   */
  severity?: Severity;
}

export interface RuleContext {
  report: (report: Report) => void;
  /** The rule's options: the configured values over the defaults of `meta.options`. */
  options: Readonly<Record<string, unknown>>;
  /**
   * Whether the file's time budget is spent. A rule whose work grows with the plan polls it in its loops
   * and returns early; the engine then reports the rule as not finished.
   */
  pastDeadline: () => boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(plan: Plan, context: RuleContext): void;
}

export const defineRule = (rule: Rule): Rule => rule;

/** Fills `{name}` placeholders; a placeholder without data is a bug in the rule. */
export function formatMessage(meta: RuleMeta, messageId: string, data: MessageData = {}): string {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId "${messageId}"`);
  return fillTemplate(template, data, (key) => {
    throw new Error(`rule ${meta.id} message "${messageId}" needs data "${key}"`);
  });
}
