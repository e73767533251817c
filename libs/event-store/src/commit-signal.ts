/**
 * What a subscriber that has caught up with the log waits on: a commit made here, the store closing, or one poll
 * interval (a commit by another process). Shared by the adapters that read the log themselves.
 */
export class CommitSignal {
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  /** Noted before a page is read: a commit after it makes `wait` return at once. */
  get seen(): number {
    return this.seq;
  }

  committed(): void {
    this.seq++;
    this.wake();
  }

  /** Wakes every waiter (on close). */
  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  wait(seen: number, pollIntervalMs: number, ended: boolean, signal: AbortSignal | undefined): Promise<void> {
    if (this.seq !== seen || ended || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, pollIntervalMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
