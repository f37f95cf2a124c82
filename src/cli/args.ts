// Command-line flags. A bad flag is a UsageError: one line on stderr and exit 2, never a stack trace.
import { parseArgs } from 'node:util';
import { INPUT_FORMAT_IDS, type Limits } from '../linter';
import type { SeveritySetting } from '../core/types';
import { severitySetting } from '../config/load';
import { closest } from '../core/suggest';

export class UsageError extends Error {}

export interface CliOptions {
  patterns: string[];
  format: (typeof FORMATS)[number];
  outputFile?: string;
  stdin: boolean;
  stdinFilename?: string;
  rules: Record<string, SeveritySetting>;
  listRules: boolean;
  explain?: string;
  config?: string;
  noInlineConfig: boolean;
  fix: boolean;
  unsafeFixes: boolean;
  maxWarnings?: number;
  /** Command-line limits; they beat the configuration's. */
  limits: Limits;
  quiet: boolean;
  /** `--verbose`: a notice for every file passed by, also those found in directories and by globs. */
  verbose: boolean;
  /** Notices about named files passed by (not plans, templates, ignored); `--no-warn-ignored` turns them off. */
  warnIgnored: boolean;
  /** A directory or glob that lints nothing, or a path that does not exist, is an error; `--no-error-on-unmatched-pattern` turns it off. */
  errorOnUnmatchedPattern: boolean;
  debug: boolean;
  version: boolean;
  help: boolean;
  color?: boolean;
  /** `--input-format`: read every named file as this format. */
  inputFormat?: string;
  /** `--print-plan`: print each plan as kube-netlint read it, instead of linting it. */
  printPlan: boolean;
}

export const FORMATS = ['stylish', 'json', 'github', 'sarif', 'junit', 'markdown'] as const;
const SEVERITIES: readonly (SeveritySetting | 'warn')[] = ['off', 'info', 'warning', 'warn', 'error'];

export const HELP = `Usage: kube-netlint [options] <file|dir|glob>...

Lint Kubernetes cluster network plans: ClusterPlan documents (kind: ClusterPlan, YAML or JSON) and the
inventories they are kept in (${INPUT_FORMAT_IDS.filter((id) => id !== 'clusterplan').join(', ')}), detected by content.

Options:
  -f, --format <name>         Output format: ${FORMATS.join(', ')} (default: stylish)
  -o, --output-file <path>    Write the report to a file
      --stdin, -              Lint the text on standard input
      --stdin-filename <path> The file name to report for --stdin
      --input-format <id>     Read the files as this format, whatever their content: ${INPUT_FORMAT_IDS.join(', ')}
      --print-plan            Print each plan as kube-netlint read it (a ClusterPlan, each value with where it came from)
  -c, --config <path>         Use this configuration instead of the nearest .kube-netlint.yaml
      --rule <id>=<severity>  Set a rule's severity: off, info, warning (or warn), error (repeatable; beats the configuration)
      --fix                   Apply safe fixes to the files (comments and formatting are kept)
      --unsafe-fixes          With --fix, also apply fixes that may change the plan's meaning
      --no-inline-config      Ignore # kube-netlint-… suppression comments
      --max-warnings <n>      Exit 1 when there are more than n warnings (-1: no limit)
      --max-file-size <MB>    Skip files larger than this, with an error (default: 20)
      --time-budget <ms>      Stop linting a file after this long, reporting the rules not run (default: 10000)
      --list-rules            List the rules with their default severity (as JSON with --format json)
      --explain <rule-id>     Print a rule's documentation
      --color, --no-color     Force colour on or off (default: on for a terminal; FORCE_COLOR, NO_COLOR and TERM=dumb are honoured)
  -q, --quiet                 Report errors only, and no notices about skipped files
      --verbose               Say why each file was skipped, also those found in directories and by globs
      --no-warn-ignored       No notices about named files that are skipped (not a plan, a template, ignored)
      --no-error-on-unmatched-pattern
                              No error for a path that does not exist, or a directory or glob with no plan
      --debug                 Print stack traces of internal errors
  -v, --version               Print the version
  -h, --help                  Print this help

Exit codes: 0 no errors, 1 errors found, 2 usage error, unreadable file, a directory or glob with no plan, or internal failure.
`;

export function parseCli(argv: string[], knownRules: ReadonlySet<string>): CliOptions {
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(withNegativeValues(argv)));
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (expected one of: ${FORMATS.join(', ')})`);
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of values.rule ?? []) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(spec);
    if (!m) throw new UsageError(`--rule expects <id>=<severity>, got "${spec}"`);
    if (!knownRules.has(m[1])) throw new UsageError(`unknown rule "${m[1]}" in --rule (see --list-rules)`);
    if (!SEVERITIES.includes(m[2] as SeveritySetting)) throw new UsageError(`unknown severity "${m[2]}" in --rule (expected one of: ${SEVERITIES.join(', ')})`);
    rules[m[1]] = severitySetting(m[2] as SeveritySetting | 'warn');
  }
  // `-` is standard input, as in ESLint.
  if (positionals.includes('-')) {
    if (positionals.length > 1) throw new UsageError('- (standard input) cannot be combined with file arguments');
    positionals = [];
    values.stdin = true;
  }
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin cannot be combined with file arguments');
  if (values['unsafe-fixes'] && !values.fix) throw new UsageError('--unsafe-fixes needs --fix');
  if (values.fix && values.stdin) throw new UsageError('--fix cannot write to standard input');
  const inputFormat = values['input-format'];
  if (inputFormat !== undefined && !INPUT_FORMAT_IDS.includes(inputFormat))
    throw new UsageError(`unknown input format "${inputFormat}" (expected one of: ${INPUT_FORMAT_IDS.join(', ')})`);
  const explain = values.explain;
  if (explain !== undefined && !knownRules.has(explain)) {
    const guess = closest(explain, [...knownRules]);
    throw new UsageError(`unknown rule "${explain}" in --explain (${guess ? `did you mean "${guess}"?` : 'see --list-rules'})`);
  }
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^(\d+|-1)$/.test(maxWarnings))
    throw new UsageError(`--max-warnings expects a whole number, or -1 for no limit, got "${maxWarnings}"`);
  const limits: Limits = {};
  const maxFileSize = values['max-file-size'];
  if (maxFileSize !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(maxFileSize) || Number(maxFileSize) <= 0)
      throw new UsageError(`--max-file-size expects a size in MB above 0, got "${maxFileSize}"`);
    limits.maxFileSizeMB = Number(maxFileSize);
  }
  const timeBudget = values['time-budget'];
  if (timeBudget !== undefined) {
    if (!/^\d+$/.test(timeBudget) || Number(timeBudget) < 1)
      throw new UsageError(`--time-budget expects whole milliseconds of at least 1, got "${timeBudget}"`);
    limits.timeBudgetMs = Number(timeBudget);
  }
  return {
    patterns: positionals,
    format: format as CliOptions['format'],
    outputFile: values['output-file'],
    stdin: values.stdin ?? false,
    stdinFilename: values['stdin-filename'],
    rules,
    listRules: values['list-rules'] ?? false,
    explain,
    config: values.config,
    noInlineConfig: values['no-inline-config'] ?? false,
    fix: values.fix ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    maxWarnings: maxWarnings === undefined || maxWarnings === '-1' ? undefined : Number(maxWarnings),
    limits,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    warnIgnored: !values['no-warn-ignored'],
    errorOnUnmatchedPattern: !values['no-error-on-unmatched-pattern'],
    debug: values.debug ?? false,
    version: values.version ?? false,
    help: values.help ?? false,
    color: values['no-color'] ? false : values.color,
    inputFormat,
    printPlan: values['print-plan'] ?? false,
  };
}

/** `--max-warnings -1`: a value that starts with a dash is an option to parseArgs unless it is joined to its flag. */
const withNegativeValues = (argv: string[]): string[] =>
  argv.flatMap((arg, i) =>
    arg === '-1' && argv[i - 1] === '--max-warnings' ? [] : arg === '--max-warnings' && argv[i + 1] === '-1' ? ['--max-warnings=-1'] : [arg],
  );

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      stdin: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'input-format': { type: 'string' },
      'print-plan': { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      'list-rules': { type: 'boolean' },
      explain: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'no-inline-config': { type: 'boolean' },
      fix: { type: 'boolean' },
      'unsafe-fixes': { type: 'boolean' },
      'max-warnings': { type: 'string' },
      'max-file-size': { type: 'string' },
      'time-budget': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      'no-warn-ignored': { type: 'boolean' },
      'no-error-on-unmatched-pattern': { type: 'boolean' },
      debug: { type: 'boolean' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
