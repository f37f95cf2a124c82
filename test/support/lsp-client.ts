// A real LSP client for tests: the built server (`node bin/kube-netlint-language-server.js --stdio`) in
// a child process, spoken to over stdio by vscode-languageserver-protocol's JSON-RPC connection.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'bin', 'kube-netlint-language-server.js');
const WAIT_MS = 10_000;

export const fileUri = (path: string): string => pathToFileURL(path).href;

export interface ClientOptions {
  /** Declare pull diagnostics (textDocument/diagnostic, LSP 3.17). */
  pull?: boolean;
  relatedInformation?: boolean;
  /** Answer workspace/configuration with these sections (e.g. `{ kubeNetlint: { enable: false } }`). */
  settings?: Record<string, unknown>;
  /** The workspace folder; the repository by default. */
  root?: string;
  /** The server script; the package's bin by default. */
  server?: string;
}

export class LspClient {
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** window/logMessage texts: the server's guard reports failures there. */
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private listeners: ((p: PublishDiagnosticsParams) => void)[] = [];
  private settings?: Record<string, unknown>;

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: ProtocolConnection,
  ) {}

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection);
    child.stderr.on('data', (chunk) => (client.stderr += chunk));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.published.push(p);
      client.listeners.forEach((l) => l(p));
    });
    connection.onNotification(LogMessageNotification.type, (p) => client.logs.push(p.message));
    connection.onRequest(RegistrationRequest.type, (p) => void client.registrations.push(...p.registrations));
    client.settings = options.settings;
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => client.settings?.[item.section ?? ''] ?? null));
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(options.root ?? ROOT),
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: options.relatedInformation ?? false },
          ...(options.pull && { diagnostic: { dynamicRegistration: false } }),
        },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: options.settings !== undefined },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The server's process id, e.g. to read its memory from /proc. */
  get pid(): number {
    return this.process.pid!;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  configChanged(uri: string): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
  }

  /**
   * New settings, announced as clients do: with workspace/configuration, answered from now on when the
   * server asks; without, pushed in the notification.
   */
  settingsChanged(settings: Record<string, unknown> = {}): Promise<void> {
    if (!this.settings) return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
    this.settings = settings;
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** The pushed diagnostics of `version` of the document: already received, or the next to arrive. */
  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const last = this.published.filter((p) => p.uri === uri).at(-1);
    if (last?.version === version) return Promise.resolve(last.diagnostics);
    return this.nextPublish(uri, (p) => p.version === version);
  }

  /** The next diagnostics pushed for the document, whatever its version (e.g. after a config change). */
  nextPublish(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${WAIT_MS} ms`)), WAIT_MS);
      const listener = (p: PublishDiagnosticsParams) => {
        if (p.uri !== uri || !accept(p)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(p.diagnostics);
      };
      this.listeners.push(listener);
    });
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async codeActions(uri: string, range: Range): Promise<CodeAction[]> {
    const actions = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } });
    return (actions ?? []) as CodeAction[];
  }

  /** Any request, by method name: for requests the other methods do not cover, or sent when they must fail. */
  request(method: string, params: unknown): Promise<unknown> {
    return this.connection.sendRequest(method, params);
  }

  shutdown(): Promise<void> {
    return this.connection.sendRequest(ShutdownRequest.type);
  }

  /** Sends `exit`; resolves with the exit code. */
  async exit(): Promise<number | null> {
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Shutdown and exit as an editor does; resolves with the exit code. */
  async stop(): Promise<number | null> {
    await this.shutdown();
    return this.exit();
  }

  /** Bytes written straight to the server's stdin, past the JSON-RPC framing (to send broken messages). */
  writeRaw(data: string): void {
    this.process.stdin!.write(data);
  }

  /** Resolves with the exit code once the server process has ended. */
  get exited(): Promise<number | null> {
    if (!this.alive) return Promise.resolve(this.process.exitCode);
    return new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
  }
}
