// The timeline's ticks: one per event occurrence (an event seen again with a higher count is a
// new occurrence, and its first occurrence keeps its own time), gathered from the snapshots as
// they arrive. Rewinding keeps them (the future is still recorded); a new branch drops the ones
// past its start.
import type { KEvent } from '../../core/api/types.ts';
import type { Snapshot } from '../../core/protocol.ts';

export interface Tick {
  /** Simulated ms. */
  t: number;
  warning: boolean;
  reason: string;
  /** `kind/name` of the object the event is about. */
  object: string;
  /** The event's message, as `kubectl get events` shows it. */
  message: string;
  /** `uid:count`: the same occurrence seen in two snapshots is one tick. */
  id: string;
}

/** At most this many ticks are kept (the oldest go first). */
export const MAX_TICKS = 2000;

/** The simulated epoch as wall-clock ms: timeIso is whole seconds, and so is the epoch. */
export const epochOf = (s: Pick<Snapshot, 'time' | 'timeIso'>): number => Date.parse(s.timeIso) - Math.floor(s.time / 1000) * 1000;

export function mergeTicks(ticks: Tick[], events: KEvent[], epochMs: number): Tick[] {
  const seen = new Set(ticks.map((k) => k.id));
  const added: Tick[] = [];
  const add = (e: KEvent, count: number, at: string) => {
    const id = `${e.metadata.uid ?? e.metadata.name}:${count}`;
    const t = Date.parse(at) - epochMs;
    if (seen.has(id) || !Number.isFinite(t)) return;
    seen.add(id);
    added.push({ t, warning: e.type === 'Warning', reason: e.reason, object: `${e.involvedObject.kind}/${e.involvedObject.name}`, message: e.message, id });
  };
  for (const e of events) {
    add(e, e.count, e.lastTimestamp);
    // Occurrences between two snapshots (an edit settles a minute at once) are only counted, but
    // the first one keeps its time: the first crash of a loop is the one to rewind to.
    if (e.count > 1 && e.firstTimestamp) add(e, 1, e.firstTimestamp);
  }
  if (!added.length) return ticks;
  return [...ticks, ...added].sort((a, b) => a.t - b.t).slice(-MAX_TICKS);
}

/** A new branch of the timeline starts at `head`: what was recorded after it never happens now. */
export const cutTicks = (ticks: Tick[], head: number): Tick[] => (ticks.some((k) => k.t > head) ? ticks.filter((k) => k.t <= head) : ticks);
