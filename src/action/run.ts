// The GitHub Action: the CLI's main, run in this process (nothing to install, nothing spawned) and once: its
// report in the job log (annotations with the default `github` format) and its exit code, and from the same
// findings, when asked, the SARIF report and the job summary. A failure to run (the CLI's exit 2) fails the step
// with its message as an error annotation, and sets no output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { defaultIo, main, type CliIo } from '../cli/main';
import { annotationNote } from '../formatters/markdown';
import { describeFsError } from '../io/fs-errors';
import { InputError, readInputs, type ActionInputs } from './inputs';
import { annotationsIn, appendSummary, errorCommand, setOutput } from './runner';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI with its output kept, for the action to pass on, count or turn into an annotation. */
async function cli(argv: string[], io: CliIo): Promise<CliRun> {
  const sink = (chunks: string[]) =>
    new Writable({
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { ...io, stdout: sink(stdout), stderr: sink(stderr) });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Writes a report or one of the runner's files: the message when that fails. */
function writeFails(what: string, append: () => void): string | undefined {
  try {
    append();
    return undefined;
  } catch (e) {
    return `kube-netlint: cannot write ${what}: ${describeFsError(e)}`;
  }
}

/** Writes a report file, making the folders it needs (as the CLI's -o does). */
function writeReport(path: string, report: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, report);
}

/** The step's exit code: 0; 1 for findings, unless fail-on-error is false; 2 when kube-netlint could not run. */
export async function runAction(io: CliIo = defaultIo()): Promise<number> {
  const fail = (message: string) => {
    io.stdout.write(errorCommand(message.trim() || 'kube-netlint: failed to run'));
    return 2;
  };
  let inputs: ActionInputs;
  try {
    inputs = readInputs(io.env);
  } catch (e) {
    if (e instanceof InputError) return fail(`kube-netlint: ${e.message}`);
    throw e;
  }
  const common = [...(inputs.config ? ['--config', inputs.config] : []), '--', ...inputs.paths];
  // The SARIF report and the summary come from the log's own lint (CliIo.moreReports); their writes wait
  // until the run is known to have worked.
  let sarif: string | undefined;
  let summary: string | undefined;
  const moreReports: CliIo['moreReports'] = [
    ...(inputs.sarif ? [{ format: 'sarif' as const, write: (report: string) => void (sarif = report) }] : []),
    ...(inputs.summary && io.env.GITHUB_STEP_SUMMARY ? [{ format: 'markdown' as const, write: (report: string) => void (summary = report) }] : []),
  ];
  const log = await cli(['--format', inputs.format, ...common], { ...io, moreReports });
  io.stdout.write(log.stdout);
  if (log.code === 2) return fail(log.stderr);
  io.stderr.write(log.stderr);
  if (sarif !== undefined) {
    const report = sarif;
    const failed =
      writeFails(inputs.sarifFile, () => writeReport(resolve(io.cwd, inputs.sarifFile), report)) ??
      writeFails('the output sarif-file', () => setOutput(io.env, 'sarif-file', inputs.sarifFile));
    if (failed) return fail(failed);
  }
  if (summary !== undefined) {
    const markdown = summary + annotationNote(annotationsIn(log.stdout));
    const failed = writeFails('the job summary', () => appendSummary(io.env, markdown));
    if (failed) return fail(failed);
  }
  return log.code === 1 && inputs.failOnError ? 1 : 0;
}
