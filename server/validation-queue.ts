// Per-document debounce: every change restarts the document's wait, so a burst of keystrokes is linted
// once, on its last version, and a run that a newer change made pointless never starts.

export class ValidationQueue {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; settle: (quiet: boolean) => void }>();

  constructor(private readonly delayMs: number) {}

  /** Resolves true once the document has been quiet for the delay, false if a newer wait or a close came first. */
  wait(uri: string): Promise<boolean> {
    this.cancel(uri);
    return new Promise((settle) => {
      const timer = setTimeout(() => {
        this.pending.delete(uri);
        settle(true);
      }, this.delayMs);
      this.pending.set(uri, { timer, settle });
    });
  }

  cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(uri);
    entry.settle(false);
  }
}
