// The language server: the CLI's findings (same engine, same configuration lookup) while the plan is
// typed, with hover explanations and quick fixes. It computes nothing about plans itself.
//   kube-netlint-language-server --stdio
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Disposable,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_NAMES } from '../src/config/load';
import { packageVersion } from '../src/package-info';
import { codeActionsFor } from './code-actions';
import { completionsAt } from './completion';
import { toLspDiagnostic, toLspDiagnostics } from './diagnostics';
import { describeError, guardWith } from './guard';
import { hoverAt } from './hover';
import { DocumentLinter } from './lint-document';
import { readSettings, SECTION, type Settings } from './settings';
import { ValidationQueue } from './validation-queue';

/**
 * Long enough to take a burst of changes as one: the changes that queue up while a lint runs are
 * handled one per event-loop turn, well within it. Keystrokes come slower than that anyway, so a longer
 * wait would only add to every change's latency (a 100-node plan lints in about 45 ms).
 */
const DEBOUNCE_MS = 10;

export function startServer(): void {
  const connection = createConnection();
  const documents = new TextDocuments(TextDocument);
  const linter = new DocumentLinter();
  const queue = new ValidationQueue(DEBOUNCE_MS);
  const guard = guardWith(connection.console);
  const client = { pull: false, relatedInformation: false, watchFiles: false, refresh: false, configuration: false };
  let root = process.cwd();
  let settings: Settings = readSettings(undefined, root);
  /** Settings are asked for once initialized; nothing is linted with defaults the user has overridden. */
  let settingsRead: Promise<void> = Promise.resolve();
  let configWatcher: Promise<Disposable | undefined> | undefined;

  process.on('uncaughtException', (e) => connection.console.error(`kube-netlint: uncaught exception: ${describeError(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`kube-netlint: unhandled rejection: ${describeError(e)}`));

  const lspDiagnostics = (doc: TextDocument) => (settings.enable ? toLspDiagnostics(linter.resultFor(doc), doc, client.relatedInformation) : []);
  /** An open document, while kube-netlint is enabled: what hover, completion and code actions work on. */
  const enabledDoc = (uri: string) => (settings.enable ? documents.get(uri) : undefined);

  // The lint runs synchronously on the document as it is when the wait ends, so the version sent is
  // the one linted; a change during the wait restarted it instead.
  const publish = guard('publishing diagnostics', undefined, async (uri: string) => {
    await settingsRead;
    const doc = documents.get(uri);
    if (doc) void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: lspDiagnostics(doc) });
  });
  const schedule = (uri: string) =>
    void queue.wait(uri).then((quiet) => {
      if (quiet) void publish(uri);
    });

  /** Configuration changed: every open document may now read differently. */
  const relintAll = () => {
    linter.reset();
    if (!client.pull) documents.all().forEach((doc) => schedule(doc.uri));
    else if (client.refresh) void connection.languages.diagnostics.refresh();
  };

  const applySettings = (raw: unknown) => {
    settings = readSettings(raw, root);
    linter.useConfigFile(settings.configFile);
    watchConfigFile(settings.configFile);
  };
  /** A configuration file named in the settings is watched too, by name within the workspace. */
  const watchConfigFile = (path: string | undefined) => {
    const previous = configWatcher;
    configWatcher = undefined;
    void previous?.then((d) => d?.dispose());
    if (!client.watchFiles || path === undefined) return;
    const watchers = [{ globPattern: `**/${basename(path)}` }];
    configWatcher = guard('watching the configuration file', undefined, () => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }))();
  };
  // Clients that answer workspace/configuration are asked; others push the settings with each change.
  const refreshSettings = guard('reading settings', undefined, async (pushed?: unknown) =>
    applySettings(client.configuration ? await connection.workspace.getConfiguration(SECTION) : pushed),
  );

  connection.onInitialize((params) => {
    const caps = params.capabilities;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith('file:')) root = fileURLToPath(folder);
    Object.assign(client, {
      configuration: caps.workspace?.configuration === true,
      pull: caps.textDocument?.diagnostic !== undefined,
      relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation === true,
      watchFiles: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      refresh: caps.workspace?.diagnostics?.refreshSupport === true,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // After `role:` and `node:` in a firewall rule's sources.
        completionProvider: { triggerCharacters: [':'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(client.pull && { diagnosticProvider: { identifier: 'kube-netlint', interFileDependencies: false, workspaceDiagnostics: false } }),
      },
      serverInfo: { name: 'kube-netlint-language-server', version: packageVersion() },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (client.configuration) settingsRead = refreshSettings();
      if (!client.watchFiles) return;
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_NAMES.map((name) => ({ globPattern: `**/${name}` })) });
    }),
  );

  // Pull clients ask on every change; push clients are told after the same debounce.
  documents.onDidChangeContent(({ document }) => {
    if (!client.pull) schedule(document.uri);
  });
  documents.onDidClose(
    guard('closing', undefined, ({ document }) => {
      queue.cancel(document.uri);
      linter.forget(document.uri);
      if (!client.pull) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }),
  );

  const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on(
    guard('pulling diagnostics', empty, async (params, token) => {
      const uri = params.textDocument.uri;
      await settingsRead;
      // A newer pull (the client sends one per change) or a close ended the wait: that one answers.
      if (!(await queue.wait(uri)) || token.isCancellationRequested) {
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a newer request', { retriggerRequest: false });
      }
      const doc = documents.get(uri);
      return doc ? { kind: DocumentDiagnosticReportKind.Full, items: lspDiagnostics(doc) } : empty;
    }),
  );

  connection.onHover(
    guard('hover', null, ({ textDocument, position }) => {
      const doc = enabledDoc(textDocument.uri);
      return doc ? hoverAt(doc, linter.resultFor(doc).diagnostics, position, linter.configFor(doc)) : null;
    }),
  );

  connection.onCompletion(
    guard('completion', [], ({ textDocument, position }) => {
      const doc = enabledDoc(textDocument.uri);
      return doc ? completionsAt(doc, position, linter.configFor(doc).limits) : [];
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], ({ textDocument, range }) => {
      const doc = enabledDoc(textDocument.uri);
      if (!doc) return [];
      return codeActionsFor(doc, linter.resultFor(doc).diagnostics, range, (d) => toLspDiagnostic(d, doc, client.relatedInformation));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, ({ changes }) => {
      const named = settings.configFile && pathToFileURL(settings.configFile).href;
      if (changes.some((c) => c.uri === named || CONFIG_NAMES.some((name) => c.uri.endsWith(`/${name}`)))) relintAll();
    }),
  );
  connection.onDidChangeConfiguration(
    guard('configuration change', undefined, async ({ settings: pushed }) => {
      settingsRead = refreshSettings((pushed as Record<string, unknown> | null)?.[SECTION]);
      await settingsRead;
      relintAll();
    }),
  );

  documents.listen(connection);
  connection.listen();
}
