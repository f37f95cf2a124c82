// One open document's findings, exactly as the CLI would compute them for the file at that path: the
// nearest .kube-netlint.yaml (the same ConfigResolver), its ignores, then the engine, with the input
// formats a file needs prepared (lintPrepared). The lint worker runs `lint`; the main thread reads the
// same configurations for hover, completion and time limits.
import { fileURLToPath } from 'node:url';
import { ConfigError, ConfigResolver, type LoadedConfig } from '../src/config/load';
import { DEFAULT_LIMITS, fixAll, isInput, lintPrepared, prepareFormats, type LintConfig } from '../src/linter';
import type { Diagnostic } from '../src/core/types';
import type { InputHost } from '../src/linter';
import { ImporterIndex } from '../src/workspace/importers';
import { fileSystemHost } from '../src/workspace/input-host';

export interface DocumentResult {
  /** Empty for documents that are not plans (the engine reports nothing for them) and for ignored files. */
  diagnostics: Diagnostic[];
  /** The other files these findings were read from (the plan that imports the document, what it imports). */
  dependsOn?: string[];
  /** The configuration that applies cannot be loaded; set only for plans. */
  configError?: string;
}

/**
 * The local file a URI names, if any. Unsaved (untitled:) and remote (http:, file://host/…) documents
 * have no folder: only an explicit configuration applies to them, as for stdin.
 */
export function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** What fix-all changes: the document's text, and other files of its plan. */
export interface FixAllEdits {
  text?: string;
  imported: { path: string; before: string; after: string }[];
}

/** The configurations that apply to documents: the one named in the settings, or the nearest to each. */
export class DocumentConfigs {
  /** Loading an explicit configuration file can fail: that error is then every plan's result. */
  private readonly configs: ConfigResolver | ConfigError;

  constructor(configFile: string | undefined) {
    try {
      this.configs = new ConfigResolver(configFile);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.configs = e;
    }
  }

  /** The configuration of the file (none when it cannot be loaded), for hover, completion and limits. */
  lintConfigFor(filePath: string | undefined): LintConfig {
    try {
      return this.loadedFor(filePath)?.lint ?? {};
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return {};
    }
  }

  /** `open` holds the editor's texts of other files, by path: they stand in for those files on disk. */
  async lint(text: string, filePath: string | undefined, open: Record<string, string> = {}): Promise<DocumentResult> {
    let config: LoadedConfig | undefined;
    try {
      config = this.loadedFor(filePath);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      // Only plans hear about it: a broken config must not light up every other YAML file around it.
      return { diagnostics: [], configError: isInput(text) ? e.message : undefined };
    }
    if (filePath !== undefined && config?.ignores(filePath)) return { diagnostics: [] };
    if (filePath === undefined) return { diagnostics: (await lintPrepared(text, { config: config?.lint })).diagnostics };
    // As in the CLI, a file a plan imports is linted through that plan; the editor's text stands in for
    // the file on disk, and the document shows the findings that are in it.
    const host = withOpenTexts(fileSystemHost, { ...open, [filePath]: text });
    const plans = new ImporterIndex(host).plansOf(filePath);
    const dependsOn = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const plan of plans) {
      if (plan === filePath) {
        const result = await lintPrepared(text, { filePath, config: config?.lint, host });
        for (const f of result.imported ?? []) dependsOn.add(f);
        diagnostics.push(...result.diagnostics.filter((d) => d.filePath === undefined));
        continue;
      }
      dependsOn.add(plan);
      const read = host.read(plan, (config?.lint.limits?.maxFileSizeMB ?? DEFAULT_LIMITS.maxFileSizeMB) * 1024 * 1024);
      if ('error' in read) continue;
      const result = await lintPrepared(read.text, { filePath: plan, config: this.lintConfigFor(plan), host });
      for (const f of result.imported ?? []) if (f !== filePath) dependsOn.add(f);
      diagnostics.push(...result.diagnostics.filter((d) => d.filePath === filePath).map(({ filePath: _, ...d }) => d));
    }
    return dependsOn.size > 0 ? { diagnostics, dependsOn: [...dependsOn] } : { diagnostics };
  }

  /**
   * Every safe fix applied (the CLI's --fix): the document's new text (undefined when unchanged), and the
   * files its plan imports that the fixes change, each with its text before and after. Undefined when no fix
   * applies, the file is ignored, its configuration is broken, or it is a file another plan imports (that
   * plan's fix-all fixes it). `open`: the editor's texts of other open files.
   */
  fixAll(text: string, filePath: string | undefined, open: Record<string, string> = {}): FixAllEdits | undefined {
    let config: LoadedConfig | undefined;
    try {
      config = this.loadedFor(filePath);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return undefined;
    }
    if (filePath !== undefined && config?.ignores(filePath)) return undefined;
    const host = filePath === undefined ? undefined : withOpenTexts(fileSystemHost, { ...open, [filePath]: text });
    if (filePath !== undefined && host && new ImporterIndex(host).plansOf(filePath)[0] !== filePath) return undefined;
    const fixed = fixAll(text, { filePath, config: config?.lint, host });
    // A plan that imports a file of a format not prepared yet (a Terraform file) gets no fixes this time; the
    // format is prepared for the next request (fixes are synchronous here, and its lints run in the workers).
    if (fixed.result.needs) void prepareFormats(fixed.result.needs).catch(() => undefined);
    const maxBytes = (config?.lint.limits?.maxFileSizeMB ?? DEFAULT_LIMITS.maxFileSizeMB) * 1024 * 1024;
    const imported = [...fixed.imported].flatMap(([path, after]) => {
      const before = host?.read(path, maxBytes);
      return before && 'text' in before ? [{ path, before: before.text, after }] : [];
    });
    if (fixed.text === text && imported.length === 0) return undefined;
    return { text: fixed.text === text ? undefined : fixed.text, imported };
  }

  private loadedFor(filePath: string | undefined): LoadedConfig | undefined {
    if (this.configs instanceof ConfigError) throw this.configs;
    return this.configs.forFile(filePath);
  }
}

/** The host, with the editor's texts of open files in place of what is on disk. */
function withOpenTexts(host: InputHost, open: Record<string, string>): InputHost {
  return { expand: host.expand, read: (path, maxBytes) => (Object.hasOwn(open, path) ? { text: open[path] } : host.read(path, maxBytes)) };
}
