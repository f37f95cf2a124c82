// The language server under editing as editors do it: random incremental edits (with positions past the
// end of a line or of the document, as editors sometimes send), requests interleaved with them, and at
// the end the CLI's findings for the final text. Then thousands of documents opened and closed, to
// show that closing one frees what it held.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import type { Diagnostic, Position, Range, TextDocumentContentChangeEvent, TextEdit } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/linter';
import { LEVEL, type CliLocation, type CliMessage } from './support/cli-json';
import { FIXTURES, planFiles } from './support/fixtures';
import { fileUri, LspClient, ROOT } from './support/lsp-client';

const CLI = join(ROOT, 'bin', 'kube-netlint.js');
const REQUEST_MS = 10_000;

const SEEDS = planFiles(FIXTURES)
  .sort()
  .map((path) => ({ ext: extname(path), text: readFileSync(path, 'utf8') }))
  .filter((s) => lint(s.text).isPlan);

// The documents live in an empty temporary folder: the server and the CLI (--stdin-filename) look up
// .kube-netlint.yaml from the same path, and no fixture folder's configuration applies to either.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'knl-random-edits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---- The text as LSP defines it, written here rather than borrowed from vscode-languageserver-textdocument,
// so the server's bookkeeping is checked against the specification and not against itself.

/** Line starts; \n, \r\n and \r all end a line (LSP 3.17, "Text Documents"). */
function lspLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\r' || c === '\n') starts.push(i + 1);
  }
  return starts;
}

/** Where a line's text ends, before its line break. */
function lineEnd(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > starts[line] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/** A character past the line's end means its end; a line past the last one, the document's end. */
function offsetAt(text: string, p: Position): number {
  const starts = lspLineStarts(text);
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line] + p.character, lineEnd(text, starts, p.line));
}

/** An offset between the \r and \n of a line break has no position of its own: it is the line's end. */
function positionAt(text: string, offset: number): Position {
  const starts = lspLineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: Math.min(offset, lineEnd(text, starts, line)) - starts[line] };
}

function applyChange(text: string, change: TextDocumentContentChangeEvent): string {
  if (!('range' in change)) return change.text;
  return text.slice(0, offsetAt(text, change.range.start)) + change.text + text.slice(offsetAt(text, change.range.end));
}

/** A range the document at `text` has: no line past the last, no character past a line's end. */
function within(text: string, r: Range): boolean {
  const starts = lspLineStarts(text);
  return [r.start, r.end].every((p) => p.line < starts.length && starts[p.line] + p.character <= lineEnd(text, starts, p.line));
}

// ---- Edits: positions are drawn as numbers and resolved against the text as it is when the edit is sent.

/**
 * Mostly a place in the text; sometimes the document's end, a character past a line's end or a line past
 * the last. A place never splits a surrogate pair: the CLI reads UTF-8, which cannot carry half of one,
 * so the final text must stay well-formed for the comparison to mean anything.
 */
const place = fc.oneof(
  { weight: 8, arbitrary: fc.nat().map((n) => ({ at: 'offset' as const, n, extra: 0 })) },
  { weight: 1, arbitrary: fc.constant({ at: 'end' as const, n: 0, extra: 0 }) },
  { weight: 1, arbitrary: fc.record({ at: fc.constant('past-line-end' as const), n: fc.nat(), extra: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.constant('past-last-line' as const), n: fc.nat(10), extra: fc.nat(3) }) },
);
type Place = typeof place extends fc.Arbitrary<infer P> ? P : never;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const unsplit = (text: string, o: number) => (isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o)) ? o - 1 : o);

function resolve(text: string, p: Place): Position {
  const starts = lspLineStarts(text);
  switch (p.at) {
    case 'offset':
      return positionAt(text, unsplit(text, p.n % (text.length + 1)));
    case 'end':
      return positionAt(text, text.length);
    case 'past-line-end': {
      const line = p.n % starts.length;
      return { line, character: lineEnd(text, starts, line) - starts[line] + p.extra };
    }
    case 'past-last-line':
      return { line: starts.length + p.extra, character: p.n };
  }
}

/** Mostly a few characters from a place, as a selection is; sometimes up to another place, anywhere. */
const span = fc.record({
  a: place,
  end: fc.oneof({ weight: 7, arbitrary: fc.record({ by: fc.nat(24) }) }, { weight: 1, arbitrary: fc.record({ to: place }) }),
});
type Span = typeof span extends fc.Arbitrary<infer S> ? S : never;

function rangeOf(text: string, s: Span): Range {
  const start = resolve(text, s.a);
  if ('by' in s.end) return { start, end: positionAt(text, unsplit(text, Math.min(text.length, offsetAt(text, start) + s.end.by))) };
  const [a, b] = [start, resolve(text, s.end.to)].sort((x, y) => offsetAt(text, x) - offsetAt(text, y));
  return { start: a, end: b };
}

/** YAML's indicators, line breaks of every kind, tabs, non-ASCII, combining marks and astral characters. */
const SIGNIFICANT = [
  ':',
  ': ',
  '-',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  ' # ',
  '&a ',
  '*a',
  '!',
  '!!str ',
  '|',
  '>',
  '?',
  '"',
  "'",
  '%',
  '@',
  '`',
  '~',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '---\n',
  '...\n',
  'ü',
  '中文',
  'e\u0301',
  '\u00a0',
  '\u2028',
  '😀',
  '👍🏽',
  '𝔸',
];
/** What keeps a plan a plan, so the rules past the parser get their share of the edits. */
const WORDS = [
  ' ',
  '  ',
  '1',
  '0',
  '.',
  '/',
  '-',
  'a',
  'x',
  'name: ',
  'worker-1',
  'cp-1',
  '10.0.0.10',
  '10.0.0.0/8',
  '0.0.0.0/0',
  '[worker]',
  '6443',
  '30080',
  'tcp',
  'null',
];
// No NUL and no BOM: the CLI refuses the first and drops the second while decoding bytes, before any
// linting, and an editor's buffer is text already; neither is what this test compares.
const typed = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 2, arbitrary: fc.constantFrom(...SIGNIFICANT) },
      { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((a) => a.join(''));

const edit = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), a: place, text: typed }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), span }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), span, text: typed }) },
  // Copy and paste of a piece of the text itself, or of a whole line to the start of another (block
  // lists stay valid YAML that way): how duplicate names and addresses are usually made.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('paste' as const), a: place, from: fc.nat(), length: fc.nat(120) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('copy-line' as const), from: fc.nat(), to: fc.nat() }) },
  // Now and then a client sends the whole text (a reload, a formatter).
  { weight: 1, arbitrary: fc.record({ op: fc.constant('full' as const), a: place, text: typed }) },
  // A range from past the last line to lines further down, which means the document's end: with as many
  // line breaks in its text as lines in its range, it once left the server's line offsets wrong (B10).
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('past-end' as const),
      after: fc.nat(3),
      lines: fc.nat(3),
      character: fc.nat(5),
      text: fc.array(typed, { maxLength: 4 }).map((parts) => parts.join('\n')),
    }),
  },
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function changeFor(text: string, e: Edit): TextDocumentContentChangeEvent {
  switch (e.op) {
    case 'insert': {
      const at = resolve(text, e.a);
      return { range: { start: at, end: at }, text: e.text };
    }
    case 'delete':
      return { range: rangeOf(text, e.span), text: '' };
    case 'replace':
      return { range: rangeOf(text, e.span), text: e.text };
    case 'paste': {
      const from = unsplit(text, e.from % (text.length + 1));
      const to = unsplit(text, Math.min(text.length, from + e.length));
      const at = resolve(text, e.a);
      return { range: { start: at, end: at }, text: text.slice(from, to) };
    }
    case 'copy-line': {
      const starts = lspLineStarts(text);
      const [from, to] = [e.from % starts.length, e.to % starts.length];
      const line = text.slice(starts[from], starts[from + 1] ?? text.length);
      const at = { line: to, character: 0 };
      return { range: { start: at, end: at }, text: /[\r\n]$/.test(line) ? line : `${line}\n` };
    }
    case 'full': {
      const at = offsetAt(text, resolve(text, e.a));
      return { text: text.slice(0, at) + e.text + text.slice(at) };
    }
    case 'past-end': {
      const line = lspLineStarts(text).length + e.after;
      return { range: { start: { line, character: e.character }, end: { line: line + e.lines, character: e.character } }, text: e.text };
    }
  }
}

const request = fc.record({ kind: fc.constantFrom('hover' as const, 'completion' as const, 'codeActions' as const), span });
type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

/**
 * 1–12 edits; one in four goes out in the same notification as the one before, as a multi-cursor edit
 * sends them. A request may follow any notification.
 */
const edits = fc.array(fc.record({ edit, withPrevious: fc.nat(3).map((n) => n === 0), request: fc.option(request, { freq: 2 }) }), {
  minLength: 1,
  maxLength: 12,
});

// ---- The CLI's findings in LSP terms.

function cliFindings(path: string, text: string): CliMessage[] {
  const r = spawnSync(process.execPath, [CLI, '--stdin', '--stdin-filename', path, '--format', 'json'], { input: text, encoding: 'utf8' });
  expect([0, 1], r.stderr).toContain(r.status);
  return (JSON.parse(r.stdout) as { messages: CliMessage[] }[])[0]?.messages ?? [];
}

/**
 * The CLI counts lines by \n only, LSP also by a lone \r: both are turned into offsets of the same text
 * and then into LSP positions, so the comparison holds for every line break a random edit can leave.
 */
function expectedFrom(text: string, messages: CliMessage[]) {
  const cliStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const at = (line: number, column: number) => positionAt(text, cliStarts[line - 1] + column - 1);
  const range = (l: CliLocation): Range => ({ start: at(l.line, l.column), end: at(l.endLine, l.endColumn) });
  return messages.map((m) => ({
    ruleId: m.ruleId,
    level: m.level,
    message: m.message,
    range: range(m),
    related: (m.related ?? []).map((r) => ({ message: r.message, range: range(r) })),
  }));
}

function actual(uri: string, diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => {
    expect(d.source).toBe('kube-netlint');
    for (const r of d.relatedInformation ?? []) expect(r.location.uri).toBe(uri);
    return {
      ruleId: d.code,
      level: LEVEL[d.severity!],
      message: d.message,
      range: d.range,
      related: (d.relatedInformation ?? []).map((r) => ({ message: r.message, range: r.location.range })),
    };
  });
}

/** Rejects when the server has not answered in time: an unanswered request is a failure, not a hang. */
function answered<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer!: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${REQUEST_MS} ms`)), REQUEST_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const failures = (client: LspClient) => client.logs.filter((l) => /failed|uncaught|unhandled/i.test(l));

/** One open document: the text as the client holds it, sent to the server change by change. */
class Session {
  version = 1;
  private constructor(
    readonly client: LspClient,
    readonly path: string,
    readonly uri: string,
    public text: string,
  ) {}

  static async open(client: LspClient, path: string, text: string): Promise<Session> {
    const s = new Session(client, path, fileUri(path), text);
    await client.open(s.uri, text, s.version);
    return s;
  }

  /** One didChange, its changes applied in order as the server must apply them. */
  send(changes: TextDocumentContentChangeEvent[]): Promise<void> {
    for (const c of changes) this.text = applyChange(this.text, c);
    return this.client.change(this.uri, ++this.version, changes);
  }

  /** The diagnostics of the last version, which must be the CLI's for the same text and path. */
  async matchCli(): Promise<Diagnostic[]> {
    const diagnostics = await answered('diagnostics', this.client.diagnostics(this.uri, this.version));
    expect(actual(this.uri, diagnostics)).toEqual(expectedFrom(this.text, cliFindings(this.path, this.text)));
    return diagnostics;
  }

  /** The server clears a closed document's diagnostics: seeing that, the close has been handled. */
  async close(): Promise<void> {
    const cleared = this.client.nextPublish(this.uri, (p) => p.version === undefined);
    await this.client.close(this.uri);
    expect(await cleared).toEqual([]);
  }
}

describe('language server under random edits', () => {
  let client: LspClient;
  let cases = 0;
  const newPath = (ext: string) => join(dir, `case-${++cases}${ext}`);
  beforeAll(async () => {
    client = await LspClient.start({ relatedInformation: true });
  });
  afterAll(async () => expect(await client.stop()).toBe(0));

  /** A request at places of the text as it is now: it must be answered, and its ranges fit that text. */
  async function ask(s: Session, r: Request): Promise<void> {
    const { uri, text } = s;
    const range = rangeOf(text, r.span);
    if (r.kind === 'hover') {
      const hover = await answered('hover', client.hover(uri, range.start));
      if (hover?.range) expect(within(text, hover.range), JSON.stringify(hover.range)).toBe(true);
    } else if (r.kind === 'completion') {
      for (const item of await answered('completion', client.completion(uri, range.start))) {
        const edit = item.textEdit as TextEdit | undefined;
        if (edit) expect(within(text, edit.range), JSON.stringify(edit.range)).toBe(true);
      }
    } else {
      for (const action of await answered('code actions', client.codeActions(uri, range))) {
        const changes = action.edit?.changes ?? {};
        expect(Object.keys(changes)).toEqual([uri]);
        for (const e of changes[uri]) expect(within(text, e.range), JSON.stringify(e.range)).toBe(true);
      }
    }
  }

  it('typing a duplicate node name key by key ends with duplicate-hostname, as the CLI reports it', async () => {
    const seed = readFileSync(join(FIXTURES, 'duplicate-hostname', 'valid', 'distinct-names.yaml'), 'utf8');
    const s = await Session.open(client, newPath('.yaml'), seed);
    const first = await answered('diagnostics', client.diagnostics(s.uri, 1));
    expect(first.filter((d) => d.code === 'duplicate-hostname')).toEqual([]);
    // At the document's end, one key per change, as an editor sends typing.
    for (const key of '    - name: worker-1\n      roles: [worker]\n      interfaces: [{name: eth0, addresses: [10.0.0.23/24]}]\n') {
      const end = positionAt(s.text, s.text.length);
      await s.send([{ range: { start: end, end }, text: key }]);
    }
    const duplicates = (await s.matchCli()).filter((d) => d.code === 'duplicate-hostname');
    const name = { start: { line: 14, character: 12 }, end: { line: 14, character: 20 } };
    expect(duplicates).toMatchObject([
      {
        range: name,
        message: 'node name "worker-1" is already used by node #2',
        relatedInformation: [{ location: { range: { start: { line: 8, character: 12 } } } }],
      },
    ]);
    const hover = await answered('hover', client.hover(s.uri, { line: 14, character: 14 }));
    expect(JSON.stringify(hover?.contents)).toContain('duplicate-hostname');
    const actions = await answered('code actions', client.codeActions(s.uri, name));
    expect(actions.map((a) => a.title)).toContain('Disable duplicate-hostname for this line');
    await s.close();
  });

  it('applies a change past the document end at its end, so that the next change lands where the client put it (B10)', async () => {
    const s = await Session.open(client, newPath('.yaml'), 'a: 1\nb: 2');
    await s.send([
      { range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '\n' },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'kind: ClusterPlan' },
    ]);
    expect(s.text).toBe('a: 1\nb: 2\nkind: ClusterPlan');
    // A plan without apiVersion, metadata and spec: its schema findings place the server's text.
    expect((await s.matchCli()).length).toBeGreaterThan(0);
    await s.close();
  });

  it("stays alive, answers every request and ends with the CLI's diagnostics", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SEEDS), edits, async (seed, plan) => {
        const s = await Session.open(client, newPath(seed.ext), seed.text);
        // Requests go out between the changes and are awaited together: the server answers each for
        // the version it has at that point of the stream.
        const requests: Promise<void>[] = [];
        for (let i = 0; i < plan.length;) {
          let end = i + 1;
          while (end < plan.length && plan[end].withPrevious) end++;
          const group = plan.slice(i, end);
          i = end;
          // Each change of a notification is placed in the text the previous ones left.
          let text = s.text;
          const changes = group.map(({ edit }) => {
            const change = changeFor(text, edit);
            text = applyChange(text, change);
            return change;
          });
          await s.send(changes);
          for (const { request } of group) if (request) requests.push(ask(s, request));
        }
        await Promise.all(requests);
        // Each finding is explained by hover where it starts, as it is in the editor.
        for (const d of await s.matchCli()) {
          const hover = await answered('hover', client.hover(s.uri, d.range.start));
          expect(JSON.stringify(hover?.contents ?? null), JSON.stringify(d)).toContain(`\`${d.code}\``);
        }
        await s.close();
        expect(client.alive).toBe(true);
        expect(failures(client)).toEqual([]);
      }),
      // A failure's shrinking stops in time to be reported with its counterexample, not as a test timeout.
      { numRuns: 25, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: true },
    );
  }, 60_000);
});

/**
 * The server's heap limit here (V8's old generation, in every isolate: the server's and its workers').
 * It lints these 3,000 documents with 16 MB, about as fast with 64 MB as with no limit, and one that kept
 * the parsed YAML of each closed document runs out of this heap in the second round. A limit, unlike
 * resident memory, does not depend on when the collector runs: V8 collects in full before it gives up.
 */
const HEAP_MB = 64;

/** A server whose heap is limited to `mb` (NODE_OPTIONS reaches the child process the client spawns). */
async function startWithHeapLimit(mb: number): Promise<LspClient> {
  const inherited = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${inherited ?? ''} --max-old-space-size=${mb}`.trim();
  try {
    return await LspClient.start({ relatedInformation: true });
  } finally {
    if (inherited === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = inherited;
  }
}

describe('language server memory', () => {
  it(`does not grow over 3 rounds of 1,000 documents opened and closed: it stays within a ${HEAP_MB} MB heap`, async () => {
    const client = await startWithHeapLimit(HEAP_MB);
    const findings: number[] = [];
    for (let round = 0; round < 3; round++) {
      let count = 0;
      // 100 at a time, as a workspace-wide search-and-replace opens them: one debounce per batch, not per document.
      for (let batch = 0; batch < 1000; batch += 100) {
        const docs = Array.from({ length: 100 }, (_, i) => SEEDS[(batch + i) % SEEDS.length]);
        const sessions = await Promise.all(docs.map((seed, i) => Session.open(client, join(dir, `memory-${round}-${batch + i}${seed.ext}`), seed.text)));
        for (const diagnostics of await Promise.all(sessions.map((s) => answered('diagnostics', client.diagnostics(s.uri, 1))))) count += diagnostics.length;
        await Promise.all(sessions.map((s) => s.close()));
      }
      findings.push(count);
    }
    // The same texts each round: the same findings, so every document was linted, none lost to a worker
    // out of memory (its document would get a resource-limit finding instead).
    expect(findings[0]).toBeGreaterThan(0);
    expect(findings).toEqual([findings[0], findings[0], findings[0]]);
    // Still linting as the CLI does, after 3,000 documents.
    const last = await Session.open(
      client,
      join(dir, 'after-memory.yaml'),
      readFileSync(join(FIXTURES, 'duplicate-hostname', 'invalid', 'cloned-vm.yaml'), 'utf8'),
    );
    expect((await last.matchCli()).map((d) => d.code)).toContain('duplicate-hostname');
    await last.close();
    expect(client.alive).toBe(true);
    expect(failures(client)).toEqual([]);
    expect(await client.stop()).toBe(0);
  }, 60_000);
});
