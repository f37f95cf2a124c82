// The one clock of time budgets and timings: monotonic milliseconds. From process.hrtime, not performance.now():
// the first read of `performance` loads Node's perf_hooks, about 0.7 ms of every CLI start. An object, so that a
// test can stub the time.
export const clock = { now: (): number => Number(process.hrtime.bigint()) / 1e6 };
