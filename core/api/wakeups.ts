// Which of many numbered components have work, so a pump round visits those only, in index
// order, instead of asking thousands of idle kubelets. Visiting in order keeps a run
// byte-for-byte what a full scan would do: one woken by a component further back in the
// same round waits for the next round, one further ahead is still visited in this one.

export class Wakeups {
  /** Indices to visit in the current pass (a min-heap). */
  private due: number[] = [];
  /** Woken at or behind the cursor: visited in the next pass. */
  private later: number[] = [];
  private woken: boolean[] = [];
  /** The index being visited, or -1 outside a pass. */
  private cursor = -1;

  wake(i: number): void {
    if (this.woken[i]) return;
    this.woken[i] = true;
    if (this.cursor >= 0 && i <= this.cursor) this.later.push(i);
    else push(this.due, i);
  }

  /** Visits every woken index in ascending order (including ones woken on the way); true if any visit was busy. */
  pass(visit: (i: number) => boolean): boolean {
    let busy = false;
    while (this.due.length) {
      const i = pop(this.due);
      this.woken[i] = false;
      this.cursor = i;
      busy = visit(i) || busy;
    }
    this.cursor = -1;
    for (const i of this.later) push(this.due, i);
    this.later = [];
    return busy;
  }

  clear(): void {
    this.due = [];
    this.later = [];
    this.woken = [];
    this.cursor = -1;
  }
}

function push(h: number[], v: number): void {
  h.push(v);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p]! <= v) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = v;
}

function pop(h: number[]): number {
  const top = h[0]!;
  const last = h.pop()!;
  if (h.length) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const c = l + 1 < h.length && h[l + 1]! < h[l]! ? l + 1 : l;
      if (h[c]! >= last) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
  return top;
}
