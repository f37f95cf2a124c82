// The GitHub Action: the CLI's main, run in this process (nothing to install, nothing spawned) once for the
// job log (annotations with the default `github` format) and the exit code, then, when asked, for the SARIF
// report and for the job summary. A failure to run (the CLI's exit 2) fails the step with its message as an
// error annotation, and sets no output.
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

/** Appends to one of the runner's files: the message when that fails. */
function appendFails(what: string, append: () => void): string | undefined {
  try {
    append();
    return undefined;
  } catch (e) {
    return `kube-netlint: cannot write the ${what}: ${describeFsError(e)}`;
  }
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
  const log = await cli(['--format', inputs.format, ...common], io);
  io.stdout.write(log.stdout);
  if (log.code === 2) return fail(log.stderr);
  // Notices (a skipped file) are said once: the later runs would repeat them.
  io.stderr.write(log.stderr);
  if (inputs.sarif) {
    const sarif = await cli(['--format', 'sarif', '--output-file', inputs.sarifFile, ...common], io);
    if (sarif.code === 2) return fail(sarif.stderr);
    const failed = appendFails('output sarif-file', () => setOutput(io.env, 'sarif-file', inputs.sarifFile));
    if (failed) return fail(failed);
  }
  if (inputs.summary && io.env.GITHUB_STEP_SUMMARY) {
    const summary = await cli(['--format', 'markdown', ...common], io);
    if (summary.code === 2) return fail(summary.stderr);
    const failed = appendFails('job summary', () => appendSummary(io.env, summary.stdout + annotationNote(annotationsIn(log.stdout))));
    if (failed) return fail(failed);
  }
  return log.code === 1 && inputs.failOnError ? 1 : 0;
}
