// ESLint's LintResult JSON, so tools that read ESLint results read ours. Extra fields (level, related,
// infoCount) are ignored by ESLint consumers.
import type { Diagnostic, Range } from '../core/types';
import { countBySeverity, type Formatter } from './types';

const lineCols = (r: Range) => ({ line: r.start.line, column: r.start.column, endLine: r.end.line, endColumn: r.end.column });

function message(d: Diagnostic) {
  const m: Record<string, unknown> = {
    ruleId: d.ruleId,
    severity: d.severity === 'error' ? 2 : 1,
    level: d.severity,
    message: d.message,
    ...lineCols(d.range),
  };
  if (d.messageId) m.messageId = d.messageId;
  if (d.ruleId === 'yaml-syntax') m.fatal = true;
  // A related location in another file of the plan (one it imports) names that file.
  if (d.related.length) m.related = d.related.map((r) => ({ message: r.message, ...lineCols(r.range), ...(r.filePath ? { filePath: r.filePath } : {}) }));
  // ESLint's fix shape holds one edit; fixes with several edits are left to --fix.
  if (d.fix?.edits.length === 1) m.fix = { range: [d.fix.edits[0].start, d.fix.edits[0].end], text: d.fix.edits[0].text };
  // ESLint's suggestions: a description and a fix of one edit.
  const suggestions = (d.suggestions ?? []).filter((s) => s.edits.length === 1);
  if (suggestions.length)
    m.suggestions = suggestions.map((s) => ({ desc: s.title, fix: { range: [s.edits[0].start, s.edits[0].end], text: s.edits[0].text } }));
  return m;
}

export const formatJson: Formatter = (results) =>
  JSON.stringify(
    results.map((r) => {
      const c = countBySeverity(r.diagnostics);
      const fixable = r.diagnostics.filter((d) => d.fix?.edits.length === 1);
      return {
        filePath: r.filePath,
        messages: r.diagnostics.map(message),
        suppressedMessages: [],
        errorCount: c.errors,
        fatalErrorCount: r.diagnostics.filter((d) => d.ruleId === 'yaml-syntax').length,
        warningCount: c.warnings + c.infos,
        infoCount: c.infos,
        fixableErrorCount: fixable.filter((d) => d.severity === 'error').length,
        fixableWarningCount: fixable.filter((d) => d.severity !== 'error').length,
      };
    }),
  ) + '\n';
