// One open document's findings, exactly as the CLI would compute them for the file at that path: the
// nearest .kube-netlint.yaml (the same ConfigResolver), its ignores, then the engine.
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError, ConfigResolver, type LoadedConfig } from '../src/config/load';
import { lint, type LintConfig } from '../src/engine/lint';
import type { Diagnostic } from '../src/engine/types';
import { rememberParse } from './plan-at';

export interface DocumentResult {
  /** Empty for documents that are not plans (the engine reports nothing for them) and for ignored files. */
  diagnostics: Diagnostic[];
  /** The configuration that applies cannot be loaded; set only for plans. */
  configError?: string;
}

/** Unsaved (untitled:) documents have no folder: only an explicit configuration applies, as for stdin. */
const filePathOf = (doc: TextDocument): string | undefined => (doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined);

export class DocumentLinter {
  private configFile?: string;
  /** Loading an explicit configuration file can fail: that error is then every plan's result. */
  private configs: ConfigResolver | ConfigError = new ConfigResolver();
  private readonly results = new Map<string, { version: number; result: DocumentResult }>();

  /** Memoised per version: publishing, hover and code actions share one lint per edit. */
  resultFor(doc: TextDocument): DocumentResult {
    const cached = this.results.get(doc.uri);
    if (cached?.version === doc.version) return cached.result;
    const result = this.run(doc);
    this.results.set(doc.uri, { version: doc.version, result });
    return result;
  }

  /** The configuration that applies to the document (none when it cannot be loaded), for hover and completion. */
  configFor(doc: TextDocument): LintConfig {
    try {
      return (this.configs instanceof ConfigError ? undefined : this.configs.forFile(filePathOf(doc)))?.lint ?? {};
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return {};
    }
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  /** The settings name a configuration file for every document (the CLI's --config), or none. */
  useConfigFile(configFile: string | undefined): void {
    this.configFile = configFile;
    this.reset();
  }

  /** A configuration file or the client's settings changed: read configurations afresh. */
  reset(): void {
    try {
      this.configs = new ConfigResolver(this.configFile);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.configs = e;
    }
    this.results.clear();
  }

  private run(doc: TextDocument): DocumentResult {
    const text = doc.getText();
    const filePath = filePathOf(doc);
    let config: LoadedConfig | undefined;
    try {
      if (this.configs instanceof ConfigError) throw this.configs;
      config = this.configs.forFile(filePath);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      // Only plans hear about it: a broken config must not light up every other YAML file around it.
      return { diagnostics: [], configError: lint(text).isPlan ? e.message : undefined };
    }
    if (filePath !== undefined && config?.ignores(filePath)) return { diagnostics: [] };
    return { diagnostics: lint(text, { filePath, config: config?.lint, onParse: (parsed) => rememberParse(text, parsed) }).diagnostics };
  }
}
