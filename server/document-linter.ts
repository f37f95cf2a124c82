// The open documents' findings, computed in the lint workers. Each document is linted one version at a
// time, as it is when a worker takes it up: the changes that arrive during a lint are taken together by
// the next one. Hover and code actions use the findings of the text the editor has, and never wait.
import type { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_LIMITS } from '../src/linter';
import type { Diagnostic } from '../src/core/types';
import { resourceLimit } from '../src/linter';
import { DocumentConfigs, localPath, type DocumentResult, type FixAllEdits } from './lint-document';
import { LintAbandoned, LintPool } from './lint-pool';

/**
 * Past its time budget a lint may still be in a step that cannot stop (one rule, the model): its
 * worker gets this much longer before it is replaced.
 */
export const HANG_MARGIN_MS = 5000;
/** A document whose lint takes longer than SLOW_MS leaves a second worker to the others. */
const WORKERS = 2;
const SLOW_MS = 500;

export interface Linted {
  /** The text linted, at its version: what the findings' offsets refer to. */
  doc: TextDocument;
  result: DocumentResult;
}

export class DocumentLinter {
  private configFile?: string;
  private configs = new DocumentConfigs(undefined);
  /** Which reading of the configurations is current: a lint begun under an older one is dropped. */
  private epoch = 0;
  private readonly latest = new Map<string, Linted>();
  /** The other files each document's last findings were read from: kept when the findings are dropped. */
  private readonly dependencies = new Map<string, readonly string[]>();
  /** Lints not begun yet: they will read the document as it is then, so one serves every request until. */
  private readonly queued = new Map<string, Promise<Linted | undefined>>();
  /** The last lint asked for per document, settled or not: the next one starts after it. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly log: (message: string) => void,
    private readonly pool = new LintPool(WORKERS, SLOW_MS),
  ) {}

  /** The findings of the document's text as it is now, when they are known. */
  current(doc: TextDocument): DocumentResult | undefined {
    const known = this.latest.get(doc.uri);
    return known && known.doc.version === doc.version && known.doc.getText() === doc.getText() ? known.result : undefined;
  }

  /**
   * The findings of the open document, linted as it is when a worker takes it up (or already known);
   * undefined when it was closed first or the configuration changed meanwhile.
   */
  lint(uri: string): Promise<Linted | undefined> {
    const open = this.documents.get(uri);
    if (open && this.current(open)) return Promise.resolve(this.latest.get(uri));
    return this.queued.get(uri) ?? this.enqueue(uri);
  }

  /** The configuration that applies to the document (none when it cannot be loaded), for hover and completion. */
  configFor(doc: TextDocument) {
    return this.configs.lintConfigFor(localPath(doc.uri));
  }

  /** Every safe fix of the document's plan, or undefined when none applies (see DocumentConfigs.fixAll). */
  fixAll(doc: TextDocument): FixAllEdits | undefined {
    const open: Record<string, string> = {};
    for (const other of this.documents.all()) {
      const path = localPath(other.uri);
      if (path !== undefined && other !== doc) open[path] = other.getText();
    }
    return this.configs.fixAll(doc.getText(), localPath(doc.uri), open);
  }

  forget(uri: string): void {
    this.latest.delete(uri);
    this.dependencies.delete(uri);
  }

  /** The settings name a configuration file for every document (the CLI's --config), or none. */
  useConfigFile(configFile: string | undefined): void {
    this.configFile = configFile;
    this.reset();
  }

  /**
   * The open documents whose last findings were read from the file of `uri` (a plan that imports it, or
   * a file of the same plan): a change to it changes theirs. Their findings are dropped, to be linted again.
   */
  dependentsOf(uri: string): string[] {
    const path = localPath(uri);
    if (path === undefined) return [];
    const out = [...this.dependencies].filter(([other, files]) => other !== uri && files.includes(path)).map(([other]) => other);
    for (const other of out) this.latest.delete(other);
    return out;
  }

  /** The editor's texts of those of `paths` that are open documents. */
  private openTexts(paths: readonly string[] | undefined): Record<string, string> | undefined {
    if (!paths?.length) return undefined;
    const open: Record<string, string> = {};
    for (const doc of this.documents.all()) {
      const path = localPath(doc.uri);
      if (path !== undefined && paths.includes(path)) open[path] = doc.getText();
    }
    return open;
  }

  /** A configuration file or the client's settings changed: read configurations afresh. */
  reset(): void {
    this.configs = new DocumentConfigs(this.configFile);
    this.epoch++;
    this.latest.clear();
  }

  /** Shutdown: no more lints. */
  close(): void {
    this.pool.close();
  }

  private enqueue(uri: string): Promise<Linted | undefined> {
    const epoch = this.epoch;
    const previous = this.running.get(uri);
    const lint = (async () => {
      await previous;
      let session: TextDocument | undefined;
      let doc: TextDocument | undefined;
      let budget = DEFAULT_LIMITS.timeBudgetMs;
      const result = await this.pool
        .run(() => {
          if (this.queued.get(uri) === lint) this.queued.delete(uri);
          session = this.documents.get(uri);
          if (!session || epoch !== this.epoch) return undefined;
          doc = TextDocument.create(uri, session.languageId, session.version, session.getText());
          const filePath = localPath(uri);
          budget = this.configs.lintConfigFor(filePath).limits?.timeBudgetMs ?? budget;
          const request = { text: doc.getText(), filePath, configFile: this.configFile, configEpoch: epoch, open: this.openTexts(this.dependencies.get(uri)) };
          return { request, deadlineMs: budget + HANG_MARGIN_MS };
        })
        .catch((e) => {
          if (!(e instanceof LintAbandoned)) throw e;
          this.log(`kube-netlint: ${uri} was not linted: ${e.message}`);
          return doc && this.abandoned(doc, e, budget);
        });
      // Closed (or closed and opened again) meanwhile, or linted under a configuration since replaced.
      if (!result || !doc || this.documents.get(uri) !== session || epoch !== this.epoch) return undefined;
      const linted = { doc, result };
      this.latest.set(uri, linted);
      this.dependencies.set(uri, result.dependsOn ?? []);
      return linted;
    })();
    this.queued.set(uri, lint);
    const settled = lint.then(
      () => {},
      () => {},
    );
    this.running.set(uri, settled);
    void settled.then(() => {
      if (this.queued.get(uri) === lint) this.queued.delete(uri);
      if (this.running.get(uri) === settled) this.running.delete(uri);
    });
    return lint;
  }

  /** The one finding of a document whose lint never finished: it was not checked, and must not look clean. */
  private abandoned(doc: TextDocument, e: LintAbandoned, budget: number): DocumentResult {
    const severity = this.configs.lintConfigFor(localPath(doc.uri)).rules?.[resourceLimit.id] ?? resourceLimit.defaultSeverity;
    if (severity === 'off') return { diagnostics: [] };
    const why = e.timedOut ? `linting ran ${HANG_MARGIN_MS} ms past the time budget of ${budget} ms in a step that cannot be interrupted` : e.message;
    const at = { line: 1, column: 1, offset: 0 };
    const finding: Diagnostic = {
      ruleId: resourceLimit.id,
      severity,
      message: `the language server stopped linting this document, so it was not checked: ${why}`,
      range: { start: at, end: at },
      related: [],
    };
    return { diagnostics: [finding] };
  }
}
