// The command-line surface: flags → files → lint() → a formatter → exit code. It computes nothing
// about plans itself; everything it reports comes from the engine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, ConfigResolver, type LoadedConfig } from '../config/load';
import { DEFAULT_LIMITS, lintPrepared, printPlan, ruleRegistry, type LintConfig } from '../linter';
import { escapeControl } from '../formatters/escape';
import { displayPath } from '../formatters/paths';
import type { FileResult, Formatter } from '../formatters/types';
import { ALL_RULE_METAS, type Diagnostic } from '../linter';
import { ImporterIndex } from '../workspace/importers';
import { fileSystemHost } from '../workspace/input-host';
import { HELP, parseCli, UsageError, type CliOptions } from './args';
import { useColor } from './color';
import { discover, type Search } from './discover';
import { packageRoot, packageVersion, ruleDocsUrl } from '../package-info';
import { fixFile } from './fix-file';
import { describeFsError } from '../io/fs-errors';
import { decodePlanText, readFdBytes, readFileBytes, TEMPLATE_EXTENSIONS, type Decoded, type FileBytes } from '../workspace/read-input';

export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** Standard input, read no further than needed to know it is over `maxBytes` (see readFdBytes). */
  readStdin: (maxBytes: number) => FileBytes;
  env: NodeJS.ProcessEnv;
  /**
   * A full garbage collection, where the process offers one (bin/kube-netlint.js does). Called once a
   * large text is parsed: the parser's syntax tree is garbage by then, and collecting it before the model
   * is built keeps the peak memory to the parse's own.
   */
  reclaim?: () => void;
  /**
   * More reports of the same findings, each in a format of its own, for a surface that needs several from one
   * lint (the GitHub Action: annotations on stdout, a SARIF file, a job summary). Written after the main report.
   */
  moreReports?: { format: CliOptions['format']; write: (report: string) => void }[];
}

/** Texts from this size on are worth a collection after parsing (a 10,000-node plan is 2.8 MB). */
const RECLAIM_FROM = 1024 * 1024;

export const defaultIo = (): CliIo => ({
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: (maxBytes) => readFdBytes(0, maxBytes),
  env: process.env,
});

/** The exit code, as a promise: the API stays the same when a surface needs to wait for input. */
export function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  return exitCodeOf(argv, io);
}

async function exitCodeOf(argv: string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const options = parseCli(argv, new Set(ALL_RULE_METAS.map((m) => m.id)));
    debug = options.debug;
    if (options.help) return write(io.stdout, HELP, 0);
    if (options.version) return write(io.stdout, `${packageVersion()}\n`, 0);
    if (options.listRules) return write(io.stdout, options.format === 'json' ? listRulesJson() : listRules(), 0);
    if (options.explain) return write(io.stdout, explainRule(options.explain), 0);
    if (!options.stdin && options.patterns.length === 0) throw new UsageError('no files given (see --help)');
    return await run(options, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) return write(io.stderr, lines(e.message), 2);
    const detail = debug ? `\n${(e as Error).stack}` : ' (run with --debug for details)';
    return write(io.stderr, `kube-netlint: internal error: ${escapeControl((e as Error).message)}${detail}\n`, 2);
  }
}

/**
 * Lints every input. A file that cannot be read or written, or whose configuration is broken, is one
 * line on stderr and exit 2 at the end; every other file is still linted and reported.
 */
async function run(options: CliOptions, io: CliIo): Promise<number> {
  const configs = new ConfigResolver(options.config && resolve(io.cwd, options.config));
  let failed = false;
  const show = (path: string) => displayPath(path, io.cwd);
  /** Why a file was passed by: said for a named file (unless --quiet or --no-warn-ignored), for every file with --verbose. */
  const skip = (input: { path: string; explicit: boolean }, why: string) => {
    if (options.verbose || (input.explicit && options.warnIgnored && !options.quiet)) io.stderr.write(lines(`skipping ${show(input.path)}: ${why}`));
  };
  const reported = new Set<string>();
  const error = (msg: string) => {
    failed = true;
    // A broken configuration is said once, not once per file below it.
    if (!reported.has(msg)) io.stderr.write(lines(msg));
    reported.add(msg);
  };

  const discovered = options.stdin
    ? { targets: [], searches: [] }
    : discover(options.patterns, io.cwd, { allowUnmatched: !options.errorOnUnmatchedPattern, anyExtension: options.inputFormat !== undefined });
  const inputs: Input[] = options.stdin
    ? [{ path: resolve(io.cwd, options.stdinFilename ?? '<stdin>'), explicit: true, read: (maxBytes: number) => io.readStdin(maxBytes) }]
    : discovered.targets.map((t) => ({ ...t, read: (maxBytes: number) => readFileBytes(t.path, maxBytes) }));
  // Standard input is its own plan; a named file that a plan imports is linted through that plan.
  const importers = options.stdin ? undefined : new ImporterIndex(fileSystemHost, io.cwd);
  /** Findings per file, in the order files are first met. */
  const byFile = new Map<string, Diagnostic[]>();
  /** With --print-plan: each plan as ClusterPlan YAML, in order. */
  const printed: string[] = [];
  /** What became of each file linted, or looked at and passed by. */
  const outcomes = new Map<string, Outcome>();

  /**
   * Lints one plan file (with what it imports), the findings going to the file each is in; a file of a format
   * whose parser loads on first use (Terraform's) once it is loaded (lintPrepared).
   */
  const lintPlan = async (input: Input): Promise<Outcome> => {
    let config: LoadedConfig | undefined;
    try {
      config = configs.forFile(input.path);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      error(e.message);
      return 'error';
    }
    if (TEMPLATE_EXTENSIONS.test(input.path)) {
      skip(input, 'a template; lint the file it renders');
      return 'skipped';
    }
    if (config?.ignores(input.path)) {
      skip(input, `ignored by ${show(config.path)}`);
      return 'ignored';
    }
    const lintConfig = effectiveConfig(config, options);
    // The bytes are held only while they are decoded: on a large plan they would sit beside the parse.
    let decoded: Decoded;
    try {
      decoded = decodePlanText(input.read((lintConfig.limits?.maxFileSizeMB ?? DEFAULT_LIMITS.maxFileSizeMB) * 1024 * 1024));
    } catch (e) {
      error(`cannot read ${show(input.path)}: ${describeFsError(e)}`);
      return 'error';
    }
    if (!decoded.ok) {
      if (!input.explicit) {
        skip(input, decoded.reason);
        return 'skipped';
      }
      error(`${show(input.path)}: ${decoded.reason}`);
      return 'error';
    }
    const onComposed = io.reclaim && decoded.text.length >= RECLAIM_FROM ? io.reclaim : undefined;
    const lintOptions = {
      filePath: input.path,
      config: lintConfig,
      truncated: decoded.truncated,
      onComposed,
      host: fileSystemHost,
      inputFormat: options.inputFormat,
    };
    const skipped = (): Outcome => {
      skip(input, 'not a cluster plan (no ClusterPlan or inventory kube-netlint reads; see --input-format)');
      return 'skipped';
    };
    if (options.printPlan) {
      await lintPrepared(decoded.text, { ...lintOptions, registry: ruleRegistry([]) });
      const yaml = printPlan(decoded.text, lintOptions);
      if (!yaml) return skipped();
      printed.push(yaml);
      return 'plan';
    }
    let result = await lintPrepared(decoded.text, lintOptions);
    if (options.fix && result.isPlan && !decoded.truncated) {
      const fixed = fixFile(input.path, decoded.text, decoded.bom, result, lintOptions, options.unsafeFixes);
      for (const failed of fixed.writeErrors) error(`cannot write the fixes to ${show(failed.path)}: ${describeFsError(failed.error)}`);
      result = fixed.result;
    }
    if (!result.isPlan) return skipped();
    if (!byFile.has(input.path)) byFile.set(input.path, []);
    for (const d of result.diagnostics) {
      const file = d.filePath ?? input.path;
      if (!byFile.has(file)) byFile.set(file, []);
      byFile.get(file)!.push(d.filePath === undefined ? d : withoutFile(d));
    }
    return 'plan';
  };

  for (const input of inputs) {
    if (input.unreadable) {
      error(`cannot read ${show(input.path)}: ${describeFsError(input.unreadable)}`);
      outcomes.set(input.path, 'error');
      continue;
    }
    const plans = importers?.plansOf(input.path) ?? [input.path];
    for (const plan of plans) {
      if (outcomes.has(plan)) continue;
      outcomes.set(
        plan,
        await lintPlan(plan === input.path ? input : { path: plan, explicit: true, read: (maxBytes: number) => readFileBytes(plan, maxBytes) }),
      );
    }
    // A file plans import is what became of them (linted with them, most likely).
    if (!plans.includes(input.path)) outcomes.set(input.path, best(plans.map((p) => outcomes.get(p)!)));
  }
  // As ESLint: a directory or glob that lints nothing is an error, unless --no-error-on-unmatched-pattern.
  if (options.errorOnUnmatchedPattern) {
    for (const search of discovered.searches) {
      const why = lintsNothing(search, outcomes, options.verbose);
      if (why) error(why);
    }
  }
  if (options.printPlan) {
    io.stdout.write(printed.join('---\n'));
    return failed ? 2 : 0;
  }
  const results: FileResult[] = [];
  let warnings = 0;
  for (const [filePath, diagnostics] of byFile) {
    // --quiet shows errors only, as in ESLint; the exit code still follows every finding.
    results.push({ filePath, diagnostics: options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics });
    warnings += diagnostics.filter((d) => d.severity === 'warning').length;
  }

  const color = useColor(options.color, io.env, !options.outputFile && Boolean(io.stdout.isTTY));
  const notice = (message: string) => io.stderr.write(`kube-netlint: ${message}\n`);
  const report = formatterFor(options.format)(results, { cwd: io.cwd, color, notice });
  if (options.outputFile) {
    try {
      const target = resolve(io.cwd, options.outputFile);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, report);
    } catch (e) {
      throw new UsageError(`cannot write ${options.outputFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    io.stdout.write(report);
  }
  for (const more of io.moreReports ?? []) more.write(formatterFor(more.format)(results, { cwd: io.cwd, color: false, notice }));

  if (failed) return 2;
  if (results.some((r) => r.diagnostics.some((d) => d.severity === 'error'))) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`kube-netlint: ${warnings} warnings found, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

interface Input {
  path: string;
  explicit: boolean;
  unreadable?: unknown;
  read: (maxBytes: number) => FileBytes;
}

/** What became of a file, best first: linted as (or with) a plan, an error already said, ignored by the configuration, or passed by. */
const OUTCOMES = ['plan', 'error', 'ignored', 'skipped'] as const;
type Outcome = (typeof OUTCOMES)[number];
const best = (outcomes: Outcome[]): Outcome => OUTCOMES.find((o) => outcomes.includes(o))!;

/** Why a directory or glob linted nothing; undefined when it found a plan, or a file whose error is already said. */
function lintsNothing({ pattern, paths }: Search, outcomes: ReadonlyMap<string, Outcome>, verbose: boolean): string | undefined {
  const found = paths.map((p) => outcomes.get(p));
  if (found.some((o) => o === 'plan' || o === 'error')) return undefined;
  if (paths.length === 0) return `no files matching the pattern "${pattern}" were found`;
  const ignored = found.filter((o) => o === 'ignored').length;
  if (ignored === paths.length) return `all files matched by "${pattern}" are ignored by the configuration`;
  const read = paths.length - ignored;
  const which = read === 1 ? `the file matched by "${pattern}" is not` : `none of the ${read} files matched by "${pattern}" is`;
  const notes = [ignored ? `${ignored} more ignored by the configuration` : '', verbose ? '' : '--verbose says why each was passed by', 'see --input-format'];
  return `${which} a ClusterPlan or an inventory kube-netlint reads (${notes.filter(Boolean).join('; ')})`;
}

/** A finding as its file's result holds it: the file is the result's. */
function withoutFile({ filePath: _, ...d }: Diagnostic): Diagnostic {
  return d;
}

/** The file's configuration with the command line on top. */
function effectiveConfig(config: LoadedConfig | undefined, options: CliOptions): LintConfig {
  return {
    ...config?.lint,
    rules: { ...config?.lint.rules, ...options.rules },
    noInlineConfig: options.noInlineConfig || config?.lint.noInlineConfig,
    limits: { ...config?.lint.limits, ...options.limits },
  };
}

/** Formatters are loaded on demand: the default path loads only the one it prints with. */
function formatterFor(format: CliOptions['format']): Formatter {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see above */
  switch (format) {
    case 'json':
      return (require('../formatters/json') as typeof import('../formatters/json')).formatJson;
    case 'stylish':
      return (require('../formatters/stylish') as typeof import('../formatters/stylish')).formatStylish;
    case 'github':
      return (require('../formatters/github') as typeof import('../formatters/github')).formatGithub;
    case 'sarif':
      return (require('../formatters/sarif') as typeof import('../formatters/sarif')).formatSarif;
    case 'junit':
      return (require('../formatters/junit') as typeof import('../formatters/junit')).formatJunit;
    case 'markdown':
      return (require('../formatters/markdown') as typeof import('../formatters/markdown')).formatMarkdown;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function listRules(): string {
  const width = Math.max(...ALL_RULE_METAS.map((m) => m.id.length));
  return ALL_RULE_METAS.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}`).join('\n') + '\n';
}

/** The rules as JSON, for tools: id, default severity, category, description, whether it fixes, and its docs. */
function listRulesJson(): string {
  const rules = ALL_RULE_METAS.map((m) => ({
    id: m.id,
    defaultSeverity: m.defaultSeverity,
    category: m.category,
    description: m.description,
    fixable: m.fix !== undefined,
    docs: ruleDocsUrl(m.id),
  }));
  return `${JSON.stringify(rules, null, 2)}\n`;
}

/** The rule's docs page when the package ships it, else its description and rationale. */
function explainRule(id: string): string {
  const page = join(packageRoot(), 'docs', 'rules', `${id}.md`);
  if (existsSync(page)) return readFileSync(page, 'utf8');
  const meta = ALL_RULE_METAS.find((m) => m.id === id)!;
  return `# ${id}\n\n${meta.description}\n\n${meta.rationale}\n\nDocumentation: ${ruleDocsUrl(id)}\n`;
}

/** Each line of a message as `kube-netlint: …`, with what came from files or plans made safe for a terminal. */
const lines = (message: string): string =>
  `${message
    .split('\n')
    .map((line) => `kube-netlint: ${escapeControl(line)}`)
    .join('\n')}\n`;

function write(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}
