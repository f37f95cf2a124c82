// The CLI's `--format json` report (ESLint's LintResult shape, src/formatters/json.ts) as the tests read it.
import type { CliMessage } from './cli-json';

export interface JsonReportMessage extends CliMessage {
  /** ESLint's severity: 2 for an error, 1 for a warning or an info. */
  severity: 1 | 2;
  messageId?: string;
  /** On yaml-syntax findings. */
  fatal?: true;
  /** ESLint's fix shape: only a fix of one edit has it. */
  fix?: { range: [number, number]; text: string };
}

export interface JsonReportFile {
  filePath: string;
  messages: JsonReportMessage[];
  suppressedMessages: unknown[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/** A `--format json` report: one entry per file. */
export const parseJsonReport = (text: string): JsonReportFile[] => JSON.parse(text) as JsonReportFile[];
