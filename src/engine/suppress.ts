// Applies inline directives to a file's diagnostics and reports the directives themselves: unknown
// rules and directives (invalid-directive), and directives that suppressed nothing (unused-directive).
import { invalidDirective } from './own-rules/invalid-directive';
import { resourceLimit } from './own-rules/resource-limit';
import { unusedDirective } from './own-rules/unused-directive';
import { closest } from '../core/suggest';
import type { Comment } from '../source/parse';
import type { SourceFile } from '../source/source-file';
import { applyDirectives, deleteCommentFix, parseDirectives, removeRuleFix, type Directive } from './directives';
import { formatMessage, type MessageData } from '../rule-kinds/rule';
import type { Diagnostic, Fix, RuleMeta, SeveritySetting, Span, Suggestion } from '../core/types';

/** Findings about the directives themselves, and about limits (set in the configuration, not per line). */
const EXEMPT = new Set([invalidDirective.id, unusedDirective.id, resourceLimit.id]);

/** Whether an inline directive can silence a rule's findings. */
export const directivesSilence = (ruleId: string): boolean => !EXEMPT.has(ruleId);

export function suppress(
  diagnostics: Diagnostic[],
  comments: Comment[],
  source: SourceFile,
  knownRules: ReadonlySet<string>,
  severityOf: (meta: RuleMeta) => SeveritySetting,
): Diagnostic[] {
  const { directives, unknown } = parseDirectives(comments, source);
  const { kept, used } = applyDirectives(diagnostics, directives, EXEMPT);
  const report = (meta: RuleMeta, span: Span, messageId: string, data: MessageData, fix?: Fix, suggestions?: Suggestion[]) => {
    const severity = severityOf(meta);
    if (severity === 'off') return;
    const d: Diagnostic = { ruleId: meta.id, severity, message: formatMessage(meta, messageId, data), messageId, range: source.rangeOf(span), related: [] };
    if (fix) d.fix = fix;
    if (suggestions) d.suggestions = suggestions;
    kept.push(d);
  };

  for (const { comment, word } of unknown) report(invalidDirective, comment.span, 'unknownDirective', { word });
  for (const d of directives) {
    for (const r of d.rules ?? []) {
      if (knownRules.has(r.id)) continue;
      const guess = closest(r.id, [...knownRules]);
      const suggestions = guess ? [{ title: `Change to ${guess}`, edits: [{ start: r.span[0], end: r.span[1], text: guess }] }] : undefined;
      report(invalidDirective, r.span, 'unknownRule', { id: r.id, suggestion: { type: 'suggestion', meant: guess } }, undefined, suggestions);
    }
    if (d.kind !== 'enable') reportUnused(d, used.get(d), knownRules, source, report);
  }
  return kept;
}

function reportUnused(
  d: Directive,
  used: Set<string> | undefined,
  knownRules: ReadonlySet<string>,
  source: SourceFile,
  report: (meta: RuleMeta, span: Span, messageId: string, data: MessageData, fix?: Fix) => void,
): void {
  const messageId = d.kind === 'disable' ? 'unusedBlock' : 'unusedLine';
  const data = (what: string) => ({ kind: d.kind, what });
  if (!d.rules) {
    if (!used) report(unusedDirective, d.comment.span, messageId, data('problem'), deleteCommentFix(source, d.comment));
    return;
  }
  const unusedRules = d.rules.filter((r) => knownRules.has(r.id) && !used?.has(r.id));
  if (unusedRules.length === 0) return;
  // All of it unused: delete the comment. Some rules unused: point at each, and delete it from the list.
  if (!used) {
    const what = unusedRules.length === 1 ? `"${unusedRules[0].id}" problem` : `problem from ${unusedRules.map((r) => `"${r.id}"`).join(', ')}`;
    report(unusedDirective, d.comment.span, messageId, data(what), deleteCommentFix(source, d.comment));
    return;
  }
  const removed = new Set(unusedRules);
  for (const r of unusedRules) report(unusedDirective, r.span, messageId, data(`"${r.id}" problem`), removeRuleFix(d.rules, r, removed));
}
