// The language server: the CLI's findings (same engine, same configuration lookup) while the plan is
// typed, with hover explanations and quick fixes. It computes nothing about plans itself.
//   kube-netlint-language-server --stdio
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
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
import { ValidationQueue } from './validation-queue';

/** Long enough to skip the intermediate states of a burst of typing, short enough to feel live. */
const DEBOUNCE_MS = 150;

export function startServer(): void {
  const connection = createConnection();
  const documents = new TextDocuments(TextDocument);
  const linter = new DocumentLinter();
  const queue = new ValidationQueue(DEBOUNCE_MS);
  const guard = guardWith(connection.console);
  const client = { pull: false, relatedInformation: false, watchFiles: false, refresh: false };

  process.on('uncaughtException', (e) => connection.console.error(`kube-netlint: uncaught exception: ${describeError(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`kube-netlint: unhandled rejection: ${describeError(e)}`));

  const lspDiagnostics = (doc: TextDocument) => toLspDiagnostics(linter.resultFor(doc), doc, client.relatedInformation);

  // The lint runs synchronously on the document as it is when the wait ends, so the version sent is
  // the one linted; a change during the wait restarted it instead.
  const publish = guard('publishing diagnostics', undefined, (uri: string) => {
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

  connection.onInitialize((params) => {
    const caps = params.capabilities;
    Object.assign(client, {
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
    guard('registering file watchers', undefined, async () => {
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
      const doc = documents.get(textDocument.uri);
      return doc ? hoverAt(doc, linter.resultFor(doc).diagnostics, position) : null;
    }),
  );

  connection.onCompletion(
    guard('completion', [], ({ textDocument, position }) => {
      const doc = documents.get(textDocument.uri);
      return doc ? completionsAt(doc, position) : [];
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], ({ textDocument, range }) => {
      const doc = documents.get(textDocument.uri);
      if (!doc) return [];
      return codeActionsFor(doc, linter.resultFor(doc).diagnostics, range, (d) => toLspDiagnostic(d, doc, client.relatedInformation));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, ({ changes }) => {
      if (changes.some((c) => CONFIG_NAMES.some((name) => c.uri.endsWith(`/${name}`)))) relintAll();
    }),
  );
  connection.onDidChangeConfiguration(guard('configuration change', undefined, relintAll));

  documents.listen(connection);
  connection.listen();
}
