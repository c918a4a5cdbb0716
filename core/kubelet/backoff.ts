// The kubelet's back-off, with the semantics of client-go's flowcontrol.Backoff that it
// uses for both crash loops and image pulls (pkg/kubelet/kubelet.go: 10 s initial,
// MaxContainerBackOff 300 s):
//   - Next(id, eventTime): first call (or after 2 × max of stability) sets 10 s, later
//     calls double it up to 5 min; lastUpdate = now.
//   - IsInBackOffSince(id, eventTime): now - eventTime < current back-off (crash loops:
//     eventTime is the container's finishedAt, kuberuntime_manager.go doBackOff).
//   - IsInBackOffSinceUpdate(id, now): now - lastUpdate < back-off (image pulls,
//     images/image_manager.go EnsureImageExists).
//   - hasExpired: eventTime - lastUpdate > 2 × max resets the entry: a container that ran
//     for 10 minutes starts its next crash loop at 10 s again.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
export const RESET_AFTER_MS = 2 * MAX_BACKOFF_MS;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(readonly initialMs = INITIAL_BACKOFF_MS, readonly maxMs = MAX_BACKOFF_MS) {}

  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > 2 * this.maxMs;
  }

  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  next(id: string, eventTime: number, now: number): void {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e)) this.entries.set(id, { backoff: this.initialMs, lastUpdate: now });
    else {
      e.backoff = Math.min(e.backoff * 2, this.maxMs);
      e.lastUpdate = now;
    }
  }

  isInBackOffSince(id: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e)) return false;
    return now - eventTime < e.backoff;
  }

  isInBackOffSinceUpdate(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(now, e)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** When the back-off that started at eventTime ends. */
  expiresAt(id: string, eventTime: number): number {
    return eventTime + this.get(id);
  }

  /** GC: entries not updated for 2 × max are dropped. */
  gc(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastUpdate > 2 * this.maxMs) this.entries.delete(k);
  }

  forget(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}

/** wait.Jitter(d, factor): d plus up to factor × d, drawn from the seeded RNG. */
export const jitter = (d: number, factor: number, rand: () => number): number => d + Math.round(rand() * factor * d);

/** Go's time.Duration.String() at millisecond precision: 0s, 500ms, 1.5s, 10s, 1m20s, 5m0s, 1h0m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const rest = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(rest) ? rest : rest.toFixed(3).replace(/0+$/, '')}s`;
  const m = Math.floor(ms / 60_000);
  if (!m) return sec;
  return m < 60 ? `${m}m${sec}` : `${Math.floor(m / 60)}h${m % 60}m${sec}`;
}
