// Moments worth telling the user about, worked out from what the page already has (the clock
// message and the snapshot): where "just before" something is, how far an edit ran the clock,
// what an edit made while rewound drops, what the cluster is waiting for, when a pod last crashed.
import type { Pod } from '../../core/api/types.ts';
import type { ClockState, TimelineInput } from '../../core/protocol.ts';

/** Rewinding "to before" a moment lands this far ahead of it: timestamps are whole seconds. */
export const BEFORE_MS = 1000;
export const before = (t: number): number => Math.max(0, t - BEFORE_MS);

/**
 * From the keyboard (PageUp/PageDown on the timeline): just before the previous (-1) or next (+1)
 * marker, as a click on it would; undefined past the first or last.
 */
export function markerStep(marks: number[], time: number, dir: -1 | 1): number | undefined {
  const spots = marks.map(before).filter((t) => (dir < 0 ? t < time : t > time));
  return spots.length ? (dir < 0 ? Math.max(...spots) : Math.min(...spots)) : undefined;
}

/** An edit made while paused was applied at `at` and the engine ran the clock on to `to`. */
export interface Settled {
  at: number;
  to: number;
  /** The edit was made while rewound: what had been recorded after `at` was dropped. */
  branched: boolean;
}

const inputsAt = (c: ClockState, t: number): number => c.inputs.filter((a) => a === t).length;

/**
 * The last recorded input is an edit made at the moment shown, and the clock moved on while
 * paused: the engine settled it. (A command may move the clock too, as `kubectl delete` waits;
 * a step or a seek records nothing; a rebuild from t = 0 moves the clock back.)
 */
export function settledEdit(prev: ClockState | null, next: ClockState, last: TimelineInput | undefined): Settled | null {
  if (!prev || next.playing || next.time <= prev.time || last?.kind !== 'files' || last.at !== prev.time) return null;
  if (inputsAt(next, prev.time) <= inputsAt(prev, prev.time)) return null;
  return { at: prev.time, to: next.time, branched: prev.time < prev.head };
}

/** Recorded inputs an edit made now would drop (the engine starts a new branch at the moment shown). */
export const laterInputs = (c: ClockState): number => c.inputs.filter((a) => a > c.time).length;

/** A container the kubelet holds back: it restarts (or pulls) again once its back-off ends. */
export interface BackOff {
  pod: string;
  reason: string;
  /** Simulated ms when the back-off ends (crash loops), if the kubelet's message says. */
  until?: number;
}

/** The back-off ending soonest, e.g. a CrashLoopBackOff pod whose 40 s back-off ends at 1 min 28 s. */
export function nextBackOff(pods: Pod[], epochMs: number): BackOff | null {
  let best: BackOff | null = null;
  for (const p of pods) {
    for (const c of p.status?.containerStatuses ?? []) {
      const w = c.state?.waiting;
      if (!w?.reason?.endsWith('BackOff')) continue;
      // kubelet: "back-off 40s restarting failed container=app pod=…", counted from the exit.
      const d = /^back-off (\S+) restarting/.exec(w.message ?? '')?.[1];
      const ms = d === undefined ? undefined : goDurationMs(d);
      const exited = Date.parse(c.lastState?.terminated?.finishedAt ?? '');
      const until = ms !== undefined && Number.isFinite(exited) ? exited - epochMs + ms : undefined;
      const here: BackOff = { pod: p.metadata.name, reason: w.reason, ...(until !== undefined ? { until } : {}) };
      if (!best || (here.until ?? Infinity) < (best.until ?? Infinity)) best = here;
    }
  }
  return best;
}

/** Go's time.Duration text as the kubelet prints it ("40s", "2m40s", "5m0s"); undefined if not one. */
export function goDurationMs(d: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(d);
  if (!m || !d) return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** Simulated ms of the pod's latest container exit that was followed by a restart. */
export function lastCrash(pod: Pod, epochMs: number): number | null {
  let at: number | null = null;
  for (const c of pod.status?.containerStatuses ?? []) {
    const t = Date.parse(c.lastState?.terminated?.finishedAt ?? '');
    if (c.restartCount > 0 && Number.isFinite(t)) at = Math.max(at ?? 0, t - epochMs);
  }
  return at;
}
