// The language server's lint workers, in process with stand-in worker scripts: a worker that hangs past
// its deadline or crashes (an exception, out of memory) is replaced, and the next lint is answered; a
// slow lint gets another worker started for the documents waiting behind it, which stops once idle.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LintAbandoned, LintPool, type PoolJob } from '../server/lint-pool';
import { stringMatching } from './support/matchers';

/** Answers each request by its text: hang, throw, exhaust its heap, sleep N ms, or reply with the text. */
const STAND_IN = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ text }) => {
  if (text === 'hang') for (;;);
  if (text === 'throw') setImmediate(() => { throw new Error('boom'); });
  if (text === 'oom') { const kept = []; for (;;) kept.push(new Array(1e5).fill(kept.length)); }
  if (text.startsWith('sleep ')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(text.slice(6)));
  if (text !== 'throw') parentPort.postMessage({ result: { diagnostics: [], configError: text } });
});`;

function standIns() {
  const started: Worker[] = [];
  const exited: Worker[] = [];
  const start = () => {
    const worker = new Worker(STAND_IN, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    worker.on('exit', () => exited.push(worker));
    started.push(worker);
    return worker;
  };
  return { started, exited, start };
}

const job =
  (text: string, deadlineMs = 10_000) =>
  (): PoolJob => ({ request: { text, configEpoch: 0 }, deadlineMs });
const answer = async (pool: LintPool, text: string) => (await pool.run(job(text)))?.configError;

describe('lint workers', () => {
  it('replace a worker that runs past its deadline, and answer the next lint', async () => {
    const { started, exited, start } = standIns();
    const pool = new LintPool(2, 10_000, start);
    const hung = pool.run(job('hang', 300));
    await expect(hung).rejects.toBeInstanceOf(LintAbandoned);
    await expect(hung).rejects.toMatchObject({ timedOut: true, message: 'linting took longer than 300 ms' });
    expect(await answer(pool, 'next')).toBe('next');
    expect(started.length).toBe(2);
    await expect.poll(() => exited).toEqual([started[0]]);
    pool.close();
  });

  it.each([
    ['throws', 'throw', /^its lint worker failed: boom$/],
    ['runs out of memory', 'oom', /^its lint worker failed: .*memory/],
  ])('replace a worker that %s, and answer the next lint', async (_, text, message) => {
    const { started, start } = standIns();
    const pool = new LintPool(2, 10_000, start);
    const crashed = pool.run(job(text));
    await expect(crashed).rejects.toBeInstanceOf(LintAbandoned);
    await expect(crashed).rejects.toMatchObject({ timedOut: false, message: stringMatching(message) });
    expect(await answer(pool, 'next')).toBe('next');
    expect(started.length).toBe(2);
    pool.close();
  });

  it('use one worker for quick lints, and start a second only behind a slow lint, stopping it once idle', async () => {
    const { started, exited, start } = standIns();
    const pool = new LintPool(2, 100, start);
    // Quick lints one after another: one worker.
    expect(await Promise.all(['a', 'b', 'c'].map((t) => answer(pool, t)))).toEqual(['a', 'b', 'c']);
    expect(started.length).toBe(1);
    // A lint of 3 s: past 100 ms, the one waiting behind it gets a worker of its own and is answered first.
    const order: string[] = [];
    const slow = answer(pool, 'sleep 3000').then((t) => order.push(t!));
    const quick = answer(pool, 'quick').then((t) => order.push(t!));
    await Promise.all([slow, quick]);
    expect(order).toEqual(['quick', 'sleep 3000']);
    expect(started.length).toBe(2);
    // With nothing waiting, the second worker stopped as soon as it was done.
    await expect.poll(() => exited.length).toBe(1);
    pool.close();
  });
});
