// The action's inputs as the runner passes them: `INPUT_` and the input's id upper-cased, spaces as `_` and
// dashes kept (`sarif-file` arrives as INPUT_SARIF-FILE, which no shell can name but Node reads like any other).
// The runner sets every input, with action.yml's default when the workflow gives none.

/** An input that is not what action.yml documents: the step fails with this message. */
export class InputError extends Error {}

export interface ActionInputs {
  /** Files, directories or globs, as the CLI takes them. */
  paths: string[];
  format: string;
  config: string;
  sarif: boolean;
  sarifFile: string;
  summary: boolean;
  failOnError: boolean;
}

const input = (env: NodeJS.ProcessEnv, id: string): string => (env[`INPUT_${id.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/** true or false, spelt as YAML 1.2's core schema spells them (what a workflow's `with:` holds). */
function booleanInput(env: NodeJS.ProcessEnv, id: string): boolean {
  const value = input(env, id);
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new InputError(`input ${id} must be true or false, got "${value}"`);
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  return {
    // Separated by spaces or line breaks (a YAML block scalar lists one per line).
    paths: input(env, 'paths').split(/\s+/).filter(Boolean),
    format: input(env, 'format'),
    config: input(env, 'config'),
    sarif: booleanInput(env, 'sarif'),
    sarifFile: input(env, 'sarif-file'),
    summary: booleanInput(env, 'summary'),
    failOnError: booleanInput(env, 'fail-on-error'),
  };
}
