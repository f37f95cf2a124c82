// The language server as an editor meets it: the built server in a child process, spoken to over
// stdio. Measures the time from a didChange to the publishDiagnostics of that version, over small
// edits an engineer would make in the nodes list, the time completion takes on each new text, and the
// time hovers take on the same plan.
// A small client of its own: test/support/lsp-client.ts is outside tsc's include.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const SERVER = join(__dirname, '..', '..', 'bin', 'kube-netlint-language-server.js');
/** A publish that takes longer than this means the server is stuck, not slow. */
const WAIT_MS = 30_000;

export interface Latency {
  count: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface LspLatency {
  nodes: number;
  /** From didOpen to the first diagnostics: one full lint after the debounce. */
  openMs: number;
  /** didChange → publishDiagnostics of that version. */
  edits: Latency;
  /** Completion of the CNI mode's value, once per edit after its diagnostics: nothing parsed before helps. */
  completions: Latency;
  /** Completions that offered the CNI modes. */
  completionsAnswered: number;
  hovers: Latency;
  /** Hovers that came back with content: every position hovered names a port or a reference. */
  hoversAnswered: number;
}

/** One character replaced at `at` (then put back by the next edit). */
interface Edit {
  at: Position;
  text: string;
}

const round = (v: number) => +v.toFixed(1);

export function summarize(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: round(sorted[Math.floor(sorted.length / 2)]), minMs: round(sorted[0]), maxMs: round(sorted.at(-1)!) };
}

/**
 * Typos and their corrections, in pairs, at nodes spread over the list: a hostname's last character
 * (`worker-417` → `worker-41x`, still a valid, unique name) and an address's first octet (`10.` →
 * `11.`, outside the node networks, so findings appear and go). Every second edit puts the text back,
 * so it stays the generated plan and each edit is one keystroke of a real session.
 */
export function plannedEdits(text: string, count: number): Edit[] {
  const lines = text.split('\n');
  const nameLines = lines.flatMap((l, i) => (/^ {4}- name: /.test(l) ? [i] : []));
  const edits: Edit[] = [];
  for (let pair = 0; edits.length < count; pair++) {
    const node = nameLines[Math.floor(((pair + 0.5) / Math.ceil(count / 2)) * nameLines.length) % nameLines.length];
    const target = pair % 2 === 0 ? hostnameChar(lines, node) : addressChar(lines, node);
    edits.push({ at: target.at, text: target.typo }, { at: target.at, text: target.original });
  }
  return edits.slice(0, count);
}

function hostnameChar(lines: string[], line: number) {
  const character = lines[line].length - 1;
  return { at: { line, character }, original: lines[line][character], typo: 'x' };
}

function addressChar(lines: string[], nameLine: number) {
  const line = lines.findIndex((l, i) => i > nameLine && l.includes('addresses: ['));
  const character = lines[line].indexOf('[') + 2; // the 0 of 10.x.x.x
  return { at: { line, character }, original: lines[line][character], typo: '1' };
}

/** Places worth hovering in a generated plan: ports of firewall rules and of a service, and references. */
function hoverPositions(text: string): Position[] {
  const lines = text.split('\n');
  const needles = ['ports: 6443', '"role:etcd"', 'from: [nodes', 'ports: 4789', 'port: 6379', 'appliesTo: {roles: [worker]}'];
  return needles.flatMap((needle) => {
    const line = lines.findIndex((l) => l.includes(needle));
    // Two characters before the needle's end: on the value it ends with (hover's end is inclusive).
    return line < 0 ? [] : [{ line, character: lines[line].indexOf(needle) + needle.length - 2 }];
  });
}

/** Inside the CNI mode's value (`mode: vx|lan`), where completion offers the modes. */
function completionPosition(text: string): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('mode: vxlan'));
  return { line, character: lines[line].indexOf('mode: vxlan') + 'mode: vx'.length };
}

/** A running server, the publishes it sends, and a way to wait for one. */
class Session {
  private waiters: ((p: PublishDiagnosticsParams) => void)[] = [];
  readonly logs: string[] = [];
  stderr = '';

  constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    child.stderr!.on('data', (chunk) => (this.stderr += chunk));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => this.waiters.forEach((w) => w(p)));
    connection.onNotification(LogMessageNotification.type, (p) => this.logs.push(p.message));
    connection.listen();
  }

  /** Resolves with the arrival time of the diagnostics of `version`; the caller registers before sending. */
  published(uri: string, version: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for version ${version} within ${WAIT_MS} ms\n${[...this.logs, this.stderr].join('\n')}`)),
        WAIT_MS,
      );
      const waiter = (p: PublishDiagnosticsParams) => {
        if (p.uri !== uri || p.version !== version) return;
        const at = performance.now();
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(at);
      };
      this.waiters.push(waiter);
    });
  }
}

async function start(folder: string): Promise<Session> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const session = new Session(child, createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
  // Push diagnostics only: no `diagnostic` capability, so the server publishes after each change.
  await session.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
  });
  await session.connection.sendNotification(InitializedNotification.type, {});
  return session;
}

async function stop(session: Session): Promise<void> {
  const exited = new Promise<void>((resolve) => session.child.once('exit', () => resolve()));
  await session.connection.sendRequest(ShutdownRequest.type);
  await session.connection.sendNotification(ExitNotification.type);
  await exited;
  session.connection.dispose();
}

/** Opens `file` (whose content is `text`), waits for its diagnostics, then times `editCount` edits and a few hovers. */
export async function measureLsp(file: string, text: string, nodes: number, editCount = 20): Promise<LspLatency> {
  const session = await start(dirname(file));
  try {
    const { connection } = session;
    const uri = pathToFileURL(file).href;
    const opened = performance.now();
    const first = session.published(uri, 1);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const openMs = (await first) - opened;

    const editTimes: number[] = [];
    const completionTimes: number[] = [];
    let completionsAnswered = 0;
    const completeAt = completionPosition(text);
    for (const [i, edit] of plannedEdits(text, editCount).entries()) {
      const version = i + 2;
      const range = { start: edit.at, end: { line: edit.at.line, character: edit.at.character + 1 } };
      // One edit at a time, as the debounce would merge a burst into a single lint.
      const arrived = session.published(uri, version);
      const sent = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range, text: edit.text }],
      });
      editTimes.push((await arrived) - sent);
      const asked = performance.now();
      const items = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: completeAt });
      completionTimes.push(performance.now() - asked);
      if (Array.isArray(items) && items.some((item) => item.label === 'vxlan')) completionsAnswered++;
    }

    const hoverTimes: number[] = [];
    let hoversAnswered = 0;
    for (const position of hoverPositions(text)) {
      const sent = performance.now();
      const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      hoverTimes.push(performance.now() - sent);
      if (hover) hoversAnswered++;
    }
    await stop(session);
    return {
      nodes,
      openMs: round(openMs),
      edits: summarize(editTimes),
      completions: summarize(completionTimes),
      completionsAnswered,
      hovers: summarize(hoverTimes),
      hoversAnswered,
    };
  } catch (e) {
    session.child.kill();
    throw e;
  }
}
