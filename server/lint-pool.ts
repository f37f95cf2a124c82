// The lint workers: each lints one document at a time. One is started when first needed; another only
// while every worker is on a slow lint and other documents wait, and it stops once idle (each worker is
// a heap of its own). A worker that crashes (e.g. out of memory) or is still busy past its job's
// deadline is terminated and, when there is work, replaced: one bad document costs its own
// diagnostics, never the server.
import type { Worker } from 'node:worker_threads';
import type { DocumentResult } from './lint-document';
import { startLintWorker, type LintReply, type LintRequest } from './lint-worker';

/** A lint that has no result because its worker died or was stopped; the message says which. */
export class LintAbandoned extends Error {
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

export interface PoolJob {
  request: LintRequest;
  /** How long the worker may take before it is replaced. */
  deadlineMs: number;
}

export class LintPool {
  private readonly live = new Set<Worker>();
  private readonly idle: Worker[] = [];
  /** Workers on a lint that has taken longer than `slowMs`. */
  private readonly slow = new Set<Worker>();
  private readonly waiting: { take: (worker: Worker) => void; refuse: (e: Error) => void }[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly slowMs: number,
    private readonly start: () => Worker = startLintWorker,
  ) {}

  /**
   * Lints once a worker is free. `take` is called then, so the job holds the document as it is at that
   * moment; it returns undefined when there is nothing left to lint.
   */
  async run(take: () => PoolJob | undefined): Promise<DocumentResult | undefined> {
    const worker = await new Promise<Worker>((resolve, reject) => {
      this.waiting.push({ take: resolve, refuse: reject });
      this.dispatch();
    });
    const slow = setTimeout(() => {
      this.slow.add(worker);
      this.dispatch();
    }, this.slowMs);
    try {
      const job = take();
      const result = job && (await exchange(worker, job));
      this.release(worker);
      return result;
    } catch (e) {
      if (e instanceof LintAbandoned) this.discard(worker);
      else this.release(worker);
      throw e;
    } finally {
      clearTimeout(slow);
      this.slow.delete(worker);
    }
  }

  /** Stops every worker; lints waiting for one are refused. */
  close(): void {
    this.closed = true;
    for (const worker of this.live) void worker.terminate();
    this.live.clear();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      if (this.closed) {
        this.waiting.shift()!.refuse(new LintAbandoned('the server is shutting down'));
        continue;
      }
      const worker = this.idle.pop() ?? (this.live.size < this.size && [...this.live].every((w) => this.slow.has(w)) ? this.spawn() : undefined);
      if (!worker) return;
      this.waiting.shift()!.take(worker);
    }
  }

  private spawn(): Worker {
    const worker = this.start();
    // The editor connection decides when the process ends, never an idle worker.
    worker.unref();
    // Needed so that an idle worker's failure is not an uncaught error; it shows as its exit.
    worker.on('error', () => {});
    worker.on('exit', () => this.forget(worker));
    this.live.add(worker);
    return worker;
  }

  private release(worker: Worker): void {
    this.slow.delete(worker);
    if (this.waiting.length === 0 && this.live.size > 1) return this.discard(worker);
    if (this.live.has(worker)) this.idle.push(worker);
    this.dispatch();
  }

  private discard(worker: Worker): void {
    this.forget(worker);
    void worker.terminate();
  }

  private forget(worker: Worker): void {
    this.live.delete(worker);
    this.slow.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    this.dispatch();
  }
}

/** One job on one worker: its reply, or LintAbandoned when the worker fails, exits or overruns. */
function exchange(worker: Worker, { request, deadlineMs }: PoolJob): Promise<DocumentResult> {
  return new Promise((resolve, reject) => {
    const settle = (done: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      done();
    };
    const onMessage = (reply: LintReply) => settle(() => ('error' in reply ? reject(new Error(reply.error)) : resolve(reply.result)));
    const onError = (e: Error) => settle(() => reject(new LintAbandoned(`its lint worker failed: ${e.message}`)));
    const onExit = (code: number) => settle(() => reject(new LintAbandoned(`its lint worker stopped with exit code ${code}`)));
    const timer = setTimeout(() => settle(() => reject(new LintAbandoned(`linting took longer than ${deadlineMs} ms`, true))), deadlineMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(request);
  });
}
