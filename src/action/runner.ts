// The runner's side of a JavaScript action, without @actions/core: an output is a line appended to the file
// GITHUB_OUTPUT names, the job summary is Markdown appended to GITHUB_STEP_SUMMARY's, and an error is a
// workflow command on standard output. Outside Actions the files are not named, and nothing is written.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { escapeData } from '../formatters/github';
import type { Severity } from '../linter';

/** An error annotation for the run, its lines kept as lines. */
export const errorCommand = (message: string): string => `::error::${escapeData(message.trimEnd())}\n`;

export function setOutput(env: NodeJS.ProcessEnv, name: string, value: string): void {
  if (!env.GITHUB_OUTPUT) return;
  // A value with a line break takes the heredoc form, closed by a delimiter the value cannot hold.
  const delimiter = `kube-netlint-${randomUUID()}`;
  appendFileSync(env.GITHUB_OUTPUT, /[\r\n]/.test(value) ? `${name}<<${delimiter}\n${value}\n${delimiter}\n` : `${name}=${value}\n`);
}

export function appendSummary(env: NodeJS.ProcessEnv, markdown: string): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
}

const LEVEL: Record<string, Severity> = { error: 'error', warning: 'warning', notice: 'info' };

/** How many annotation commands of each level a log holds: what GitHub was asked to annotate. */
export function annotationsIn(log: string): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const m of log.matchAll(/^::(error|warning|notice)[ :]/gm)) counts[LEVEL[m[1]]]++;
  return counts;
}
