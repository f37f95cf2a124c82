import type { Diagnostic } from '../core/types';

/** One linted file: what every formatter receives. */
export interface FileResult {
  /** Absolute path (or the --stdin-filename, resolved). */
  filePath: string;
  diagnostics: Diagnostic[];
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  /** Tells the user something the report itself may not show (SARIF: findings left out to fit GitHub's limits). */
  notice?: (message: string) => void;
}

export type Formatter = (results: FileResult[], context: FormatContext) => string;

export const countBySeverity = (diagnostics: Diagnostic[]) => ({
  errors: diagnostics.filter((d) => d.severity === 'error').length,
  warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  infos: diagnostics.filter((d) => d.severity === 'info').length,
});
