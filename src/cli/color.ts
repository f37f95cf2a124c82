// Whether the report is coloured. The command line decides first (--color, --no-color); then the
// environment, as chalk's supports-color (ESLint's) and Node read it: FORCE_COLOR beats everything else
// (0 or false: off; 1, 2, 3, true or empty: on), then NO_COLOR (any non-empty value, no-color.org)
// and TERM=dumb turn it off; else a terminal gets colour and a pipe or a file does not.

/** FORCE_COLOR's verdict, or undefined when it is unset or says nothing (a value that is not a level). */
function forced(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  const level = Number.parseInt(value, 10);
  return Number.isNaN(level) || level < 0 ? undefined : level > 0;
}

export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = forced(env.FORCE_COLOR);
  if (force !== undefined) return force;
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return terminal;
}
