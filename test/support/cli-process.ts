// The CLI as users run it: the built binary in a child process (npm run build first).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'kube-netlint.js');
export const CLEAN = join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml');
export const BROKEN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');

export interface RunOptions {
  cwd?: string;
  input?: string | Buffer;
  /** Standard input from this fd (a device, a directory) instead of `input`. */
  stdinFd?: number;
  env?: NodeJS.ProcessEnv;
  /** Kill the run after this long: a hang is then a failed test, not a stuck suite. */
  timeout?: number;
  /** Run as the unprivileged user `nobody` (for permission errors, which root does not get). */
  unprivileged?: boolean;
}

const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

/** Whether `unprivileged` can be honoured: already not root, or root with setpriv and a checkout that `nobody` may run. */
export const unprivilegedAvailable = (): boolean =>
  process.getuid?.() !== 0 || spawnSync(AS_NOBODY[0], [...AS_NOBODY.slice(1), process.execPath, BIN, '--version']).status === 0;

export function run(args: string[], options: RunOptions = {}) {
  const command = [process.execPath, BIN, ...args];
  if (options.unprivileged && process.getuid?.() === 0) command.unshift(...AS_NOBODY);
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    stdio: options.stdinFd === undefined ? 'pipe' : [options.stdinFd, 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: options.timeout,
    maxBuffer: 64 * 1024 * 1024,
  };
  const r = spawnSync(command[0], command.slice(1), spawnOptions);
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Rule ids per file of a `--format json` run. */
export const ruleIds = (stdout: string): Record<string, string[]> =>
  Object.fromEntries((JSON.parse(stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map((r) => [r.filePath, r.messages.map((m) => m.ruleId)]));
