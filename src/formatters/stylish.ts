// ESLint's default layout: a header per file, aligned rows `line:col  severity  message  rule-id`,
// related locations indented below their row, and a summary line.
import type { Severity } from '../core/types';
import { escapeControl } from './escape';
import { displayPath } from './paths';
import { summaryLine } from './summary';
import type { Formatter } from './types';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', underline: '\x1b[4m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

export const formatStylish: Formatter = (results, { cwd, color }) => {
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  const out: string[] = [];
  const all = results.flatMap((r) => r.diagnostics);
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    out.push('', paint(ANSI.underline, escapeControl(displayPath(r.filePath, cwd))));
    const rows = r.diagnostics.map((d) => ({ d, pos: `${d.range.start.line}:${d.range.start.column}` }));
    const posWidth = Math.max(...rows.map((row) => row.pos.length));
    const sevWidth = Math.max(...rows.map((row) => row.d.severity.length));
    for (const { d, pos } of rows) {
      const sev = paint(SEVERITY_COLOR[d.severity], d.severity.padEnd(sevWidth));
      out.push(`  ${paint(ANSI.dim, pos.padStart(posWidth))}  ${sev}  ${escapeControl(d.message)}  ${paint(ANSI.dim, d.ruleId)}`);
      const indent = ' '.repeat(posWidth + sevWidth + 6);
      for (const rel of d.related) {
        // A location in another file of the plan (an imported one) names it.
        const file = rel.filePath ? `${escapeControl(displayPath(rel.filePath, cwd))}:` : '';
        out.push(`${indent}${paint(ANSI.dim, `↳ ${file}${rel.range.start.line}:${rel.range.start.column}`)}  ${escapeControl(rel.message)}`);
      }
    }
  }
  if (all.length === 0) return '';
  const errors = all.some((d) => d.severity === 'error');
  out.push('', paint(ANSI.bold + (errors ? ANSI.red : ANSI.yellow), `✖ ${summaryLine(all)}`), '');
  return out.join('\n');
};
