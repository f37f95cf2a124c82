// The command-line surface: flags → files → lint() → a formatter → exit code. It computes nothing
// about plans itself; everything it reports comes from the engine.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, ConfigResolver, type LoadedConfig } from '../config/load';
import { applyFixes } from '../engine/fix';
import { DEFAULT_LIMITS, lint, type LintConfig, type LintResult } from '../engine/lint';
import { displayPath } from '../formatters/paths';
import type { FileResult, Formatter } from '../formatters/types';
import { ALL_RULE_METAS } from '../../rules';
import { HELP, parseCli, UsageError, type CliOptions } from './args';
import { discover } from './discover';
import { packageRoot, packageVersion, ruleDocsUrl } from '../package-info';
import { decodePlanText, readFileBytes, type FileBytes } from './read-input';

export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  readStdin: () => Buffer;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): CliIo => ({
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => readFileSync(0),
  env: process.env,
});

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const options = parseCli(argv, new Set(ALL_RULE_METAS.map((m) => m.id)));
    debug = options.debug;
    if (options.help) return write(io.stdout, HELP, 0);
    if (options.version) return write(io.stdout, `${packageVersion()}\n`, 0);
    if (options.listRules) return write(io.stdout, listRules(), 0);
    if (options.explain) return write(io.stdout, explainRule(options.explain), 0);
    if (!options.stdin && options.patterns.length === 0) throw new UsageError('no files given (see --help)');
    return run(options, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) return write(io.stderr, e.message.replace(/^/gm, 'kube-netlint: ') + '\n', 2);
    const detail = debug ? `\n${(e as Error).stack}` : ' (run with --debug for details)';
    return write(io.stderr, `kube-netlint: internal error: ${(e as Error).message}${detail}\n`, 2);
  }
}

function run(options: CliOptions, io: CliIo): number {
  const configs = new ConfigResolver(options.config && resolve(io.cwd, options.config));
  const results: FileResult[] = [];
  let failed = false;
  let warnings = 0;
  const notice = (msg: string) => options.quiet || io.stderr.write(`kube-netlint: ${msg}\n`);
  const error = (msg: string) => {
    failed = true;
    io.stderr.write(`kube-netlint: ${msg}\n`);
  };

  const inputs: { path: string; explicit: boolean; read: (maxBytes: number) => FileBytes }[] = options.stdin
    ? [{ path: resolve(io.cwd, options.stdinFilename ?? '<stdin>'), explicit: true, read: () => ({ bytes: io.readStdin() }) }]
    : discover(options.patterns, io.cwd).map((t) => ({ ...t, read: (maxBytes: number) => readFileBytes(t.path, maxBytes) }));

  for (const input of inputs) {
    const config = configs.forFile(input.path);
    if (config?.ignores(input.path)) {
      if (input.explicit) notice(`skipping ${displayPath(input.path, io.cwd)}: ignored by ${displayPath(config.path, io.cwd)}`);
      continue;
    }
    const lintConfig = effectiveConfig(config, options);
    let bytes: FileBytes;
    try {
      bytes = input.read((lintConfig.limits?.maxFileSizeMB ?? DEFAULT_LIMITS.maxFileSizeMB) * 1024 * 1024);
    } catch (e) {
      error(`cannot read ${displayPath(input.path, io.cwd)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const decoded = decodePlanText(bytes);
    if (!decoded.ok) {
      if (input.explicit) error(`${displayPath(input.path, io.cwd)}: ${decoded.reason}`);
      continue;
    }
    let result = lint(decoded.text, { filePath: input.path, config: lintConfig, truncated: decoded.truncated });
    if (options.fix && result.isPlan && !decoded.truncated) result = fixFile(input.path, decoded.text, result, lintConfig, options.unsafeFixes);
    if (!result.isPlan) {
      if (input.explicit) notice(`skipping ${displayPath(input.path, io.cwd)}: not a cluster plan (no document with kind: ClusterPlan)`);
      continue;
    }
    // --quiet shows errors only, as in ESLint; the exit code still follows every finding.
    const shown = options.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
    results.push({ filePath: input.path, diagnostics: shown });
    warnings += result.diagnostics.filter((d) => d.severity === 'warning').length;
  }

  const color = options.color ?? (!options.outputFile && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
  const report = formatterFor(options.format)(results, { cwd: io.cwd, color });
  if (options.outputFile) {
    try {
      writeFileSync(resolve(io.cwd, options.outputFile), report);
    } catch (e) {
      throw new UsageError(`cannot write ${options.outputFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    io.stdout.write(report);
  }

  if (failed) return 2;
  if (results.some((r) => r.diagnostics.some((d) => d.severity === 'error'))) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`kube-netlint: ${warnings} warnings found, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/**
 * Applies fixes and lints again, a few passes at most (a fix may unlock another), then writes the file
 * once if anything changed. What is left is reported as usual.
 */
function fixFile(path: string, text: string, result: LintResult, config: LintConfig, unsafe: boolean): LintResult {
  let fixed = text;
  for (let pass = 0; pass < 10; pass++) {
    const { text: next, applied } = applyFixes(fixed, result.diagnostics, { unsafe });
    if (applied === 0) break;
    fixed = next;
    result = lint(fixed, { filePath: path, config });
  }
  if (fixed !== text) writeFileSync(path, fixed);
  return result;
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
  }
}

function listRules(): string {
  const width = Math.max(...ALL_RULE_METAS.map((m) => m.id.length));
  return ALL_RULE_METAS.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}`).join('\n') + '\n';
}

/** The rule's docs page when the package ships it, else its description and rationale. */
function explainRule(id: string): string {
  const page = join(packageRoot(), 'docs', 'rules', `${id}.md`);
  if (existsSync(page)) return readFileSync(page, 'utf8');
  const meta = ALL_RULE_METAS.find((m) => m.id === id)!;
  return `# ${id}\n\n${meta.description}\n\n${meta.rationale}\n\nDocumentation: ${ruleDocsUrl(id)}\n`;
}

function write(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}
