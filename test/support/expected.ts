// The `.expected` format of invalid fixtures: one line per diagnostic, related locations indented.
//   12:7-12:16 error duplicate-mac MAC "…" is also …
//     related 5:7-5:16 first assigned here
import type { Diagnostic, Range } from '../../src/core/types';

const at = (r: Range) => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;

export function formatExpected(diagnostics: Diagnostic[]): string {
  const lines: string[] = [];
  for (const d of diagnostics) {
    lines.push(`${at(d.range)} ${d.severity} ${d.ruleId} ${d.message}`);
    for (const r of d.related) lines.push(`  related ${at(r.range)} ${r.message}`);
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
