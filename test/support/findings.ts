// Findings to feed the formatters: the broken example's, linted, and hand-made ones for unit tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/core/types';
import type { FileResult } from '../../src/formatters/types';
import { lint } from '../../src/linter';

export const ROOT = join(__dirname, '..', '..');
export const BROKEN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
/** How the CLI calls a formatter from the repository's root, without colour. */
export const context = { cwd: ROOT, color: false };

export const lintFile = (filePath: string, text = readFileSync(filePath, 'utf8')): FileResult => ({
  filePath,
  diagnostics: lint(text, { filePath }).diagnostics,
});

export const pos = (line: number, column: number) => ({ line, column, offset: 0 });

/** A diagnostic for unit tests: duplicate-mac at 3:5-3:9 unless overridden. */
export function diagnostic(over: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'duplicate-mac', severity: 'error', message: 'm', range: { start: pos(3, 5), end: pos(3, 9) }, related: [], ...over };
}

export const inRoot = (name: string, ...diagnostics: Diagnostic[]): FileResult => ({ filePath: join(ROOT, name), diagnostics });
