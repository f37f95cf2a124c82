// Commands some tests drive for real (Debian's pre-commit and Neovim). Outside CI a missing one skips
// those tests; with CI set (any value but empty, 0 or false, as CI services set it) it fails them, so a
// CI machine without the tool cannot pass by running less. .ci/run installs them.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => !['', '0', 'false'].includes((env.CI ?? '').trim().toLowerCase());

export interface Tool {
  command: string;
  available: boolean;
  /** Why the tests fail in CI without it. */
  missing: string;
}

/** `command args` exiting 0 means the tool is there; `debianPackage` says how to install it. */
export function tool(command: string, args: string[], debianPackage: string): Tool {
  const available = spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  return {
    command,
    available,
    missing: `${command} is required when CI is set (install Debian's ${debianPackage}: apt-get install -y ${debianPackage}); outside CI these tests are skipped without it`,
  };
}

/**
 * A describe for tests that need `t`: run when it is there; without it, skipped outside CI, and in CI
 * one failing test that says what to install instead of the tests.
 */
export function describeWith(t: Tool, name: string, options: { timeout: number }, body: () => void): void {
  if (t.available) describe(name, options, body);
  else if (inCi()) describe(name, () => it(`needs ${t.command}`, () => expect.fail(t.missing)));
  else describe.skip(name, options, body);
}
