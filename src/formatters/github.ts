// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per diagnostic, which
// Actions turns into annotations, then the plain summary so the raw log reads well too.
import type { Diagnostic, Severity } from '../core/types';
import { ruleDocsUrl } from '../package-info';
import { escapeControlButLineBreaks } from './escape';
import { portablePath } from './paths';
import { summaryLine } from './summary';
import type { Formatter } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
// Actions shows only the first few annotations of each level per step: errors must not be crowded out.
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// The escaping of actions/toolkit (packages/core/src/command.ts); the action's own commands use it too.
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function workflowCommand(d: Diagnostic, path: string, cwd: string): string {
  const { start, end } = d.range;
  // GitHub rejects col and endColumn on an annotation whose lines differ.
  const sameLine = start.line === end.line;
  const properties = {
    file: path,
    line: start.line,
    ...(sameLine ? { col: start.column } : {}),
    endLine: end.line,
    ...(sameLine ? { endColumn: end.column } : {}),
    title: `kube-netlint (${d.ruleId})`,
  };
  const message = [
    `${path}:${start.line}:${start.column}: ${escapeControlButLineBreaks(d.message)}`,
    ...d.related.map(
      (r) =>
        `  ${r.filePath ? escapeControlButLineBreaks(portablePath(r.filePath, cwd)) : path}:${r.range.start.line}:${r.range.start.column}: ${escapeControlButLineBreaks(r.message)}`,
    ),
    `  docs: ${ruleDocsUrl(d.ruleId)}`,
  ].join('\n');
  const props = Object.entries(properties).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(message)}`;
}

export const formatGithub: Formatter = (results, { cwd }) => {
  const all = results.flatMap((r) => r.diagnostics.map((d) => ({ d, path: escapeControlButLineBreaks(portablePath(r.filePath, cwd)) })));
  if (all.length === 0) return '';
  const commands = all.sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity]).map(({ d, path }) => workflowCommand(d, path, cwd));
  return [...commands, summaryLine(all.map(({ d }) => d)), ''].join('\n');
};
