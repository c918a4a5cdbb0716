// The filter verdicts a decision keeps (types.ts Verdicts), written without a per-node
// allocation and read back node by node (the "why" views) or counted (FitError).

import type { Status, Verdicts } from './types.ts';
import { success } from './types.ts';

/** Collects one cycle's verdicts in buffers reused across cycles; `done` copies out what was examined. */
export class VerdictRecorder {
  private idx = new Uint32Array(0);
  private codes = new Uint16Array(0);
  private n = 0;
  private statuses: Status[] = [];
  private byStatus = new Map<Status, number>();
  private byText = new Map<string, number>();

  start(nodes: number): void {
    if (this.idx.length < nodes) {
      this.idx = new Uint32Array(nodes);
      this.codes = new Uint16Array(nodes);
    }
    this.n = 0;
    this.statuses = [];
    this.byStatus.clear();
    this.byText.clear();
  }

  add(index: number, st: Status): void {
    this.idx[this.n] = index;
    this.codes[this.n++] = st.code === 'Success' ? 0 : this.codeOf(st);
  }

  /** A failing status's code: the same object, or the same plugin, code and reasons, share one. */
  private codeOf(st: Status): number {
    let c = this.byStatus.get(st);
    if (c !== undefined) return c;
    const text = `${st.plugin ?? ''}\n${st.code}\n${st.reasons.join('\n')}`;
    c = this.byText.get(text);
    if (c === undefined) {
      c = this.statuses.push(st);
      this.byText.set(text, c);
    }
    this.byStatus.set(st, c);
    return c;
  }

  done(names: readonly string[], absent?: { status: Status; candidates: ReadonlySet<string>; count: number }): Verdicts {
    const seen = this.idx.subarray(0, this.n);
    return {
      names,
      examined: names.length <= 0xffff ? Uint16Array.from(seen) : seen.slice(),
      // Bytes when fewer than 256 distinct failures (always, in practice).
      codes: this.statuses.length < 0x100 ? Uint8Array.from(this.codes.subarray(0, this.n)) : this.codes.slice(0, this.n),
      statuses: this.statuses,
      ...(absent ? { candidates: absent.candidates, absent: absent.status } : {}),
      absentCount: absent?.count ?? 0,
    };
  }
}

/** Every node with a verdict: those examined, in the order examined, then those outside the PreFilterResult. */
export function* verdictsOf(v: Verdicts): Generator<[string, Status]> {
  for (let i = 0; i < v.examined.length; i++) {
    const c = v.codes[i]!;
    yield [v.names[v.examined[i]!]!, c ? v.statuses[c - 1]! : success];
  }
  if (v.absent) for (const n of v.names) if (!v.candidates?.has(n)) yield [n, v.absent];
}

/** How many examined nodes fit. */
export function feasibleCount(v: Verdicts): number {
  let n = 0;
  for (const c of v.codes) if (!c) n++;
  return n;
}

/** The status of the node at index i of the cycle's nodes, when it has one: what preemption asks of the failed cycle. */
export function verdictLookup(v: Verdicts): (i: number) => Status | undefined {
  const at = new Array<Status | undefined>(v.names.length);
  for (let k = 0; k < v.examined.length; k++) {
    const c = v.codes[k]!;
    at[v.examined[k]!] = c ? v.statuses[c - 1]! : success;
  }
  return (i) => at[i] ?? (v.absent && !v.candidates?.has(v.names[i]!) ? v.absent : undefined);
}

/** Each failure reason with how many examined nodes gave it (FitError's histogram, before the absent nodes). */
export function reasonCounts(v: Verdicts): Map<string, number> {
  const perStatus = new Array<number>(v.statuses.length).fill(0);
  for (const c of v.codes) if (c) perStatus[c - 1]!++;
  const m = new Map<string, number>();
  v.statuses.forEach((st, i) => {
    for (const r of st.reasons) m.set(r, (m.get(r) ?? 0) + perStatus[i]!);
  });
  return m;
}
