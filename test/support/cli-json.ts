// The CLI's JSON output as the language-server tests read it, to compare the two surfaces.

export interface CliLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliMessage extends CliLocation {
  ruleId: string;
  level: string;
  message: string;
  /** `filePath` names a related location in another file of the plan (a file it imports). */
  related?: (CliLocation & { message: string; filePath?: string })[];
}

/** LSP DiagnosticSeverity → the CLI's level. */
export const LEVEL = { 1: 'error', 2: 'warning', 3: 'info' } as Record<number, string>;
