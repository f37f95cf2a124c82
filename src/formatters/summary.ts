// The closing count line of the formats people read: `N problems (E errors, W warnings[, I infos])`.
import type { Diagnostic } from '../core/types';
import { countBySeverity } from './types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(diagnostics: Diagnostic[]): string {
  const c = countBySeverity(diagnostics);
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.infos) parts.push(plural(c.infos, 'info'));
  return `${plural(diagnostics.length, 'problem')} (${parts.join(', ')})`;
}
