// One open document's findings, exactly as the CLI would compute them for the file at that path: the
// nearest .kube-netlint.yaml (the same ConfigResolver), its ignores, then the engine. The lint worker
// runs `lint`; the main thread reads the same configurations for hover, completion and time limits.
import { fileURLToPath } from 'node:url';
import { ConfigError, ConfigResolver, type LoadedConfig } from '../src/config/load';
import { lint, type LintConfig } from '../src/linter';
import type { Diagnostic } from '../src/core/types';

export interface DocumentResult {
  /** Empty for documents that are not plans (the engine reports nothing for them) and for ignored files. */
  diagnostics: Diagnostic[];
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

  lint(text: string, filePath: string | undefined): DocumentResult {
    let config: LoadedConfig | undefined;
    try {
      config = this.loadedFor(filePath);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      // Only plans hear about it: a broken config must not light up every other YAML file around it.
      return { diagnostics: [], configError: lint(text).isPlan ? e.message : undefined };
    }
    if (filePath !== undefined && config?.ignores(filePath)) return { diagnostics: [] };
    return { diagnostics: lint(text, { filePath, config: config?.lint }).diagnostics };
  }

  private loadedFor(filePath: string | undefined): LoadedConfig | undefined {
    if (this.configs instanceof ConfigError) throw this.configs;
    return this.configs.forFile(filePath);
  }
}
