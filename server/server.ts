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
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Disposable,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_NAMES } from '../src/config/load';
import type { Diagnostic } from '../src/core/types';
import { packageVersion } from '../src/package-info';
import { codeActionsFor, FIX_ALL, fixAllAction } from './code-actions';
import { completionsAt } from './completion';
import { toLspDiagnostic, toLspDiagnostics } from './diagnostics';
import { DocumentLinter, type Linted } from './document-linter';
import { watchFraming } from './framing';
import { describeError, guardWith, type Guard } from './guard';
import { hoverAt } from './hover';
import { isLintWorker } from './lint-worker';
import { readSettings, SECTION, type Settings } from './settings';
import { clampedTextDocument } from './text-sync';
import { ValidationQueue } from './validation-queue';

/**
 * Long enough to take a burst of changes as one: the changes that queue up while a lint runs are
 * handled one per event-loop turn, well within it. Keystrokes come slower than that anyway, so a longer
 * wait would only add to every change's latency (a 100-node plan lints in about 45 ms).
 */
const DEBOUNCE_MS = 10;

export function startServer(): void {
  // The VS Code extension's bundle is also the lint worker's script (see lint-worker.ts).
  if (isLintWorker) return;
  if (process.argv.includes('--stdio')) {
    watchFraming(process.stdin, (reason) => {
      process.stderr.write(`kube-netlint-language-server: broken message header from the client (${reason}); exiting, as later messages cannot be read\n`);
      process.exit(1);
    });
  }
  const connection = createConnection();
  const documents = new TextDocuments(clampedTextDocument);
  const linter = new DocumentLinter(documents, (message) => connection.console.warn(message));
  const queue = new ValidationQueue(DEBOUNCE_MS);
  const guard = guardWith(connection.console);
  /** After shutdown the LSP spec answers every request with InvalidRequest, and nothing more is published. */
  let shutDown = false;
  const request: Guard = (name, fallback, handler) =>
    guard(name, fallback, (...args) => {
      if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, `${name} after shutdown`);
      return handler(...args);
    });
  const client = { pull: false, relatedInformation: false, watchFiles: false, refresh: false, configuration: false };
  let root = process.cwd();
  let settings: Settings = readSettings(undefined, root);
  /** Settings are asked for once initialized; nothing is linted with defaults the user has overridden. */
  let settingsRead: Promise<void> = Promise.resolve();
  let configWatcher: Promise<Disposable | undefined> | undefined;

  process.on('uncaughtException', (e) => connection.console.error(`kube-netlint: uncaught exception: ${describeError(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`kube-netlint: unhandled rejection: ${describeError(e)}`));

  const lspDiagnostics = ({ doc, result }: Linted) => (settings.enable ? toLspDiagnostics(result, doc, client.relatedInformation) : []);
  /** An open document, while kube-netlint is enabled: what hover, completion and code actions work on. */
  const enabledDoc = (uri: string) => (settings.enable ? documents.get(uri) : undefined);
  /**
   * The document as a request found it, with its findings, linted first when they are not known yet: a
   * request waits for its own document's lint, behind another document's slow lint only until a
   * second worker starts (see LintPool). It is answered for that text whatever changes arrive during
   * the wait, without findings if the lint was of a newer text.
   */
  const withFindings = async (doc: TextDocument): Promise<{ doc: TextDocument; findings: Diagnostic[] }> => {
    const known = linter.current(doc);
    if (known) return { doc, findings: known.diagnostics };
    const asked = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
    await linter.lint(doc.uri);
    return { doc: asked, findings: linter.current(asked)?.diagnostics ?? [] };
  };

  // The version sent is the one linted, with positions in that version's text. Requests that share a
  // lint (changes during it are taken together) publish it once.
  const sent = new WeakSet<Linted>();
  const publish = guard('publishing diagnostics', undefined, async (uri: string) => {
    await settingsRead;
    const linted = await linter.lint(uri);
    if (!linted || sent.has(linted) || shutDown) return;
    sent.add(linted);
    void connection.sendDiagnostics({ uri, version: linted.doc.version, diagnostics: lspDiagnostics(linted) });
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
    configWatcher = guard('watching the configuration file', undefined, () =>
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }),
    )();
  };
  // Clients that answer workspace/configuration are asked; others push the settings with each change.
  const refreshSettings = guard('reading settings', undefined, async (pushed?: unknown) =>
    applySettings(client.configuration ? await connection.workspace.getConfiguration(SECTION) : pushed),
  );

  connection.onInitialize((params) => {
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize after shutdown');
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
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
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
  // A change to a file that other open documents' findings were read from (a plan and the files it
  // imports) re-lints them too.
  documents.onDidChangeContent(({ document }) => {
    const dependents = linter.dependentsOf(document.uri);
    if (!client.pull) [document.uri, ...dependents].forEach(schedule);
    else if (dependents.length > 0 && client.refresh) void connection.languages.diagnostics.refresh();
  });
  documents.onDidClose(
    guard('closing', undefined, ({ document }) => {
      queue.cancel(document.uri);
      linter.forget(document.uri);
      if (!client.pull && !shutDown) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }),
  );

  const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const superseded = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a newer request', { retriggerRequest: false });
  connection.languages.diagnostics.on(
    request('pulling diagnostics', empty, async (params, token) => {
      const uri = params.textDocument.uri;
      await settingsRead;
      // A newer pull (the client sends one per change) or a close ended the wait: that one answers.
      if (!(await queue.wait(uri)) || token.isCancellationRequested) throw superseded();
      const linted = await linter.lint(uri);
      if (token.isCancellationRequested) throw superseded();
      return linted ? { kind: DocumentDiagnosticReportKind.Full, items: lspDiagnostics(linted) } : empty;
    }),
  );

  connection.onHover(
    request('hover', null, async ({ textDocument, position }) => {
      const open = enabledDoc(textDocument.uri);
      if (!open) return null;
      const { doc, findings } = await withFindings(open);
      return hoverAt(doc, findings, position, linter.configFor(doc));
    }),
  );

  connection.onCompletion(
    request('completion', [], ({ textDocument, position }) => {
      const doc = enabledDoc(textDocument.uri);
      return doc ? completionsAt(doc, position, linter.configFor(doc).limits) : [];
    }),
  );

  connection.onCodeAction(
    request('code actions', [], async ({ textDocument, range, context }) => {
      const open = enabledDoc(textDocument.uri);
      if (!open) return [];
      // "Fix all" is asked for by kind (editor.codeActionsOnSave), never offered at a cursor.
      if (context.only?.some((kind) => FIX_ALL.startsWith(kind))) return fixAllAction(open, linter.fixAll(open));
      const { doc, findings } = await withFindings(open);
      return codeActionsFor(doc, findings, range, (d) => toLspDiagnostic(d, doc, client.relatedInformation));
    }),
  );

  connection.onShutdown(() => {
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'shutdown after shutdown');
    shutDown = true;
    linter.close();
  });

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
