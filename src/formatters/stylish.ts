// ESLint's default layout: a header per file, aligned rows `line:col  severity  message  rule-id`,
// related locations indented below their row, and a summary line.
import { relative } from 'node:path';
import type { Severity } from '../engine/types';
import { countBySeverity, type Formatter } from './types';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', underline: '\x1b[4m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A path relative to the working directory when it lies below it, else as it is. */
export function displayPath(filePath: string, cwd: string): string {
  const rel = relative(cwd, filePath);
  return rel && !rel.startsWith('..') ? rel : filePath;
}

export const formatStylish: Formatter = (results, { cwd, color }) => {
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  const out: string[] = [];
  const all = results.flatMap((r) => r.diagnostics);
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    out.push('', paint(ANSI.underline, displayPath(r.filePath, cwd)));
    const rows = r.diagnostics.map((d) => ({ d, pos: `${d.range.start.line}:${d.range.start.column}` }));
    const posWidth = Math.max(...rows.map((row) => row.pos.length));
    const sevWidth = Math.max(...rows.map((row) => row.d.severity.length));
    for (const { d, pos } of rows) {
      const sev = paint(SEVERITY_COLOR[d.severity], d.severity.padEnd(sevWidth));
      out.push(`  ${paint(ANSI.dim, pos.padStart(posWidth))}  ${sev}  ${d.message}  ${paint(ANSI.dim, d.ruleId)}`);
      const indent = ' '.repeat(posWidth + sevWidth + 6);
      for (const rel of d.related) out.push(`${indent}${paint(ANSI.dim, `↳ ${rel.range.start.line}:${rel.range.start.column}`)}  ${rel.message}`);
    }
  }
  if (all.length === 0) return '';
  const c = countBySeverity(all);
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.infos) parts.push(plural(c.infos, 'info'));
  const summary = `✖ ${plural(all.length, 'problem')} (${parts.join(', ')})`;
  out.push('', paint(ANSI.bold + (c.errors ? ANSI.red : ANSI.yellow), summary), '');
  return out.join('\n');
};
