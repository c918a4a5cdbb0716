// The simulated clock: the only source of time in core. Timers fire in (time, seq)
// order so a run is deterministic for a given input.

export interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  /** Periodic housekeeping (heartbeats, probes) that does not count as pending work. */
  background: boolean;
  cancelled: boolean;
  /** Set once it has run, so the foreground heap can drop it lazily. */
  fired?: boolean;
}

/** Simulated epoch: t=0 is this instant, so printed timestamps look real and stay stable. */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export class SimClock {
  private nowMs = 0;
  private seq = 0;
  private heap: Timer[] = [];
  /** The foreground timers again, so finding the next one is O(log n), not a scan of every timer. */
  private fg: Timer[] = [];

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 with second precision, as metav1.Time serialises. */
  iso(ms = this.nowMs): string {
    // Formatted once per second of simulated time: components stamp the same instant often.
    const sec = Math.floor(ms / 1000);
    if (sec !== this.isoSec) {
      this.isoSec = sec;
      this.isoText = new Date(EPOCH_MS + sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    return this.isoText;
  }
  private isoSec = NaN;
  private isoText = '';

  after(delayMs: number, fn: () => void, background = false): Timer {
    const t: Timer = { at: this.nowMs + Math.max(0, delayMs), seq: this.seq++, fn, background, cancelled: false };
    this.push(this.heap, t);
    if (!background) this.push(this.fg, t);
    return t;
  }

  cancel(t: Timer | undefined): void {
    if (t) t.cancelled = true;
  }

  /** The time of the next live timer, or undefined. */
  peek(includeBackground = true): number | undefined {
    this.dropCancelled();
    if (includeBackground) return this.heap[0]?.at;
    while (this.fg[0] && (this.fg[0].cancelled || this.fg[0].fired)) this.pop(this.fg);
    return this.fg[0]?.at;
  }

  /** Pops and runs every timer due at or before `limit`, one at a time; returns false when none is due. */
  runNext(limit: number): boolean {
    this.dropCancelled();
    const t = this.heap[0];
    if (!t || t.at > limit) return false;
    this.pop(this.heap);
    t.fired = true;
    this.nowMs = Math.max(this.nowMs, t.at);
    t.fn();
    return true;
  }

  setNow(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled) this.pop(this.heap);
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(h: Timer[], t: Timer): void {
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(h: Timer[]): Timer | undefined {
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
