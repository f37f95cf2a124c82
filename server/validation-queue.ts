// Per-document debounce: every change restarts the document's wait, so a burst of keystrokes is linted
// once, on its last version, and a run that a newer change made pointless never starts.

/** Runs `task` after `ms` milliseconds; the function it returns cancels it. */
export type Schedule = (task: () => void, ms: number) => () => void;

export const realTimers: Schedule = (task, ms) => {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
};

export class ValidationQueue {
  private readonly pending = new Map<string, { cancel: () => void; settle: (quiet: boolean) => void }>();

  /** `schedule` is the clock the waits run on: real timers, or a test's fake clock. */
  constructor(
    private readonly delayMs: number,
    private readonly schedule: Schedule = realTimers,
  ) {}

  /** Resolves true once the document has been quiet for the delay, false if a newer wait or a close came first. */
  wait(uri: string): Promise<boolean> {
    this.cancel(uri);
    return new Promise((settle) => {
      const cancel = this.schedule(() => {
        this.pending.delete(uri);
        settle(true);
      }, this.delayMs);
      this.pending.set(uri, { cancel, settle });
    });
  }

  cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    entry.cancel();
    this.pending.delete(uri);
    entry.settle(false);
  }
}
