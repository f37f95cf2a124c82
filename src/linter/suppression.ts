// The edit that silences a finding: a disable-next-line directive above its first line, indented like
// that line and ended as the text's lines are. The engine decides which findings directives can silence.
import type { Diagnostic, TextEdit } from '../core/types';
import { disableNextLine } from '../engine/directives';
import { yamlSyntax } from '../engine/own-rules/yaml-syntax';
import { directivesSilence } from '../engine/suppress';

/**
 * None for findings that directives cannot silence (about directives, or limits), nor for syntax errors:
 * those are fixed, not silenced, and they move as soon as a line is added above them.
 */
export function suppressionEdit(text: string, d: Diagnostic): TextEdit | undefined {
  if (d.ruleId === yamlSyntax.id || !directivesSilence(d.ruleId)) return undefined;
  const start = text.lastIndexOf('\n', d.range.start.offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  const lineEnd = text.indexOf('\n', start);
  const eol = lineEnd > 0 && text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
  return { start, end: start, text: `${indent}${disableNextLine(d.ruleId)}${eol}` };
}
