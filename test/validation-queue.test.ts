// The language server's validation queue on a fake clock: the debounce alone, then with the document
// linter and a lint worker the test answers by hand, so that which versions are linted depends on the
// order of events only, never on how fast a lint runs.
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { DocumentLinter, type Linted } from '../server/document-linter';
import { LintPool } from '../server/lint-pool';
import type { LintRequest } from '../server/lint-worker';
import { ValidationQueue, type Schedule } from '../server/validation-queue';

const DELAY = 10;
const URI = 'untitled:plan.yaml';

/** A clock that moves only when the test advances it, running the tasks that fall due in time order. */
class FakeClock {
  private now = 0;
  private tasks: { at: number; task: () => void }[] = [];

  readonly schedule: Schedule = (task, ms) => {
    const entry = { at: this.now + ms, task };
    this.tasks.push(entry);
    return () => (this.tasks = this.tasks.filter((t) => t !== entry));
  };

  advance(ms: number): void {
    const until = this.now + ms;
    for (let due = this.nextDue(until); due; due = this.nextDue(until)) {
      this.tasks = this.tasks.filter((t) => t !== due);
      this.now = due.at;
      due.task();
    }
    this.now = until;
  }

  private nextDue(until: number) {
    return this.tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
  }
}

/** Lets every promise chain that waits on nothing else run to its end. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** What each wait resolved to, by the order the waits were asked for (undefined: still waiting). */
function track(waits: Promise<boolean>[]): (boolean | undefined)[] {
  const outcomes: (boolean | undefined)[] = waits.map(() => undefined);
  waits.forEach((w, i) => void w.then((quiet) => (outcomes[i] = quiet)));
  return outcomes;
}

describe('validation queue', () => {
  it('lets a wait end once the document has been quiet for the delay, not before', async () => {
    const clock = new FakeClock();
    const outcomes = track([new ValidationQueue(DELAY, clock.schedule).wait(URI)]);
    clock.advance(DELAY - 1);
    await settled();
    expect(outcomes).toEqual([undefined]);
    clock.advance(1);
    await settled();
    expect(outcomes).toEqual([true]);
  });

  it('restarts the delay on every change and ends the waits a newer one replaced as not quiet', async () => {
    const clock = new FakeClock();
    const queue = new ValidationQueue(DELAY, clock.schedule);
    const waits: Promise<boolean>[] = [];
    for (let change = 0; change < 5; change++) {
      waits.push(queue.wait(URI));
      clock.advance(DELAY - 1);
    }
    const outcomes = track(waits);
    await settled();
    expect(outcomes).toEqual([false, false, false, false, undefined]);
    clock.advance(1);
    await settled();
    expect(outcomes).toEqual([false, false, false, false, true]);
  });

  it('ends a wait as not quiet on cancel (a close), and keeps each document its own wait', async () => {
    const clock = new FakeClock();
    const queue = new ValidationQueue(DELAY, clock.schedule);
    const outcomes = track([queue.wait(URI), queue.wait('untitled:other.yaml')]);
    queue.cancel(URI);
    queue.cancel('untitled:never-waited.yaml');
    await settled();
    expect(outcomes).toEqual([false, undefined]);
    clock.advance(DELAY);
    await settled();
    expect(outcomes).toEqual([false, true]);
  });

  it('runs on real timers by default', async () => {
    expect(await new ValidationQueue(1).wait(URI)).toBe(true);
  });
});

/** A lint worker that holds each request until the test answers it, and records the texts it was given. */
class HeldWorker extends EventEmitter {
  readonly texts: string[] = [];
  postMessage({ text }: LintRequest): void {
    this.texts.push(text);
  }
  answer(): void {
    this.emit('message', { result: { diagnostics: [] } });
  }
  unref(): void {}
  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}

describe('validation queue with the document linter', () => {
  /** One open document, changed by the test, validated as server.ts schedules and publishes it. */
  function editor() {
    const clock = new FakeClock();
    const worker = new HeldWorker();
    // Changed in place, as TextDocuments does with incremental changes: a replaced object is a reopened document.
    const doc = TextDocument.create(URI, 'yaml', 0, '');
    const documents = { get: (uri: string) => (uri === URI ? doc : undefined) } as unknown as TextDocuments<TextDocument>;
    const linter = new DocumentLinter(documents, () => {}, new LintPool(1, 60_000, () => worker as unknown as Worker));
    const queue = new ValidationQueue(DELAY, clock.schedule);
    const published: number[] = [];
    const sent = new Set<Linted>();
    const change = (version: number) => {
      TextDocument.update(doc, [{ text: `version ${version}` }], version);
      void queue.wait(URI).then(async (quiet) => {
        const linted = quiet ? await linter.lint(URI) : undefined;
        if (!linted || sent.has(linted)) return;
        sent.add(linted);
        published.push(linted.doc.version);
      });
    };
    const linted = () => worker.texts.map((t) => Number(t.slice('version '.length)));
    return { clock, worker, change, published, linted };
  }

  it('takes the changes that arrive during a lint as one: only the last of them is linted', async () => {
    const { clock, worker, change, published, linted } = editor();
    change(1);
    clock.advance(DELAY);
    await settled();
    worker.answer();
    await settled();
    change(2);
    clock.advance(DELAY);
    await settled();
    expect(linted()).toEqual([1, 2]);
    // Version 2 is being linted; each change's wait ends while it is, the worst case for batching.
    for (let version = 3; version <= 12; version++) {
      change(version);
      clock.advance(DELAY);
      await settled();
    }
    expect(linted()).toEqual([1, 2]);
    worker.answer();
    await settled();
    expect(linted()).toEqual([1, 2, 12]);
    worker.answer();
    await settled();
    expect(published).toEqual([1, 2, 12]);
  });

  it('never lints a version that a change within the delay superseded', async () => {
    const { clock, worker, change, published, linted } = editor();
    change(1);
    clock.advance(DELAY - 1);
    change(2);
    clock.advance(DELAY - 1);
    await settled();
    expect(linted()).toEqual([]);
    clock.advance(1);
    await settled();
    worker.answer();
    await settled();
    expect(linted()).toEqual([2]);
    expect(published).toEqual([2]);
  });
});
