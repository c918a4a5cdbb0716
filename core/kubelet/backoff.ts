// The kubelet's back-off (flowcontrol.Backoff with 10 s initial, 300 s cap): the first
// restart is immediate, then 10 s, 20 s, 40 s ... 300 s; an entry is forgotten after
// the container has run for 10 minutes (2 × the cap), so the next crash starts over.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
export const RESET_AFTER_MS = 2 * MAX_BACKOFF_MS;

export class Backoff {
  private entries = new Map<string, { delay: number; lastUpdate: number }>();

  /** Delay before the next restart of `id` at `now`, advancing its back-off. */
  next(id: string, now: number, ranForMs: number): number {
    const e = this.entries.get(id);
    if (!e || ranForMs >= RESET_AFTER_MS || now - e.lastUpdate >= RESET_AFTER_MS) {
      this.entries.set(id, { delay: INITIAL_BACKOFF_MS, lastUpdate: now });
      return 0;
    }
    const delay = e.delay;
    e.delay = Math.min(e.delay * 2, MAX_BACKOFF_MS);
    e.lastUpdate = now;
    return delay;
  }

  forget(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
