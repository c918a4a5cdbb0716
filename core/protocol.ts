// The messages that cross the Web Worker boundary: plain, serialisable unions keyed by `type`.
// The page never imports the engine; it only speaks this protocol.

import type { KObject, KEvent } from './api/types.ts';
import type { Journey } from './journey/journey.ts';
import type { Decision } from './scheduler/types.ts';
import type { ViewRequest, ViewResult } from './views/types.ts';
import type { TraceResult } from './proxy/trace/types.ts';

export type { Message, MessageId, Param, ViewRequest, ViewResult } from './views/types.ts';
export type { TraceResult } from './proxy/trace/types.ts';

export interface WorkspaceFile {
  path: string;
  content: string;
}

/** A manifest problem, pointing at the file, 1-based line and column. */
export interface ManifestError {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Where an object came from in the workspace (for editor ↔ graph linking). */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
  endLine: number;
}

export interface Snapshot {
  /** Simulated milliseconds since t=0. */
  time: number;
  /** Wall-clock-looking ISO time of `time` (the simulated epoch plus time). */
  timeIso: string;
  /** The store revision (etcd's) this snapshot reflects. */
  revision: number;
  /** Every API object, events excluded, sorted by kind/namespace/name. */
  objects: KObject[];
  /** The most recent events, oldest first (bounded). */
  events: KEvent[];
  /** Source positions keyed by `Kind/namespace/name` (namespace '' when cluster-scoped). */
  sources: Record<string, SourceRef>;
  /** Problems in the last applied workspace. */
  errors: ManifestError[];
  /** Kubernetes release simulated, e.g. "v1.34.1". */
  version: string;
  /** The 8-step journey of the pods that exist now (core/journey), by pod uid. */
  journeys?: Record<string, Journey>;
  /** kube-scheduler's kept decisions (per-node filter verdicts and scores), by namespace/name. */
  scheduling?: Record<string, Decision>;
}

/**
 * One input to the simulation, stamped with the simulated time it was applied at. The engine is
 * deterministic, so (seed, inputs, time) is the whole state: rewind = replay the inputs.
 */
export type TimelineInput =
  /** The workspace changed: `files` are the changed or added files, `removed` the deleted paths. */
  | { at: number; kind: 'files'; files: WorkspaceFile[]; removed: string[] }
  /** A line typed in the terminal; `host` is the node it was typed on (after `ssh NODE`). */
  | { at: number; kind: 'command'; line: string; host?: string };

/** Where the simulated clock stands. */
export interface ClockState {
  /** Simulated ms shown now. */
  time: number;
  /** The furthest simulated ms reached on this timeline: rewinding keeps (time, head]. */
  head: number;
  playing: boolean;
  /** Simulated seconds per wall-clock second while playing. */
  speed: number;
  /** Times of the recorded inputs (edits, commands), for the timeline. */
  inputs: number[];
}

/**
 * A snapshot sent as the changes since the previous one, from the engine's watch cache
 * (core/api/watchCache.ts): the page applies it to its latest snapshot. Journeys and scheduling
 * decisions never come along (the page asks for them as views).
 */
export interface SnapshotPatch extends Omit<Snapshot, 'objects' | 'events' | 'sources' | 'journeys' | 'scheduling'> {
  /** The revision of the snapshot this applies to; a page holding another one asks to `resync`. */
  base: number;
  /** Objects added or changed since `base` (their latest version). */
  upsert: KObject[];
  /** objectKey()s of objects gone since `base`. */
  remove: string[];
  /** The recent events, only when they changed since `base`: how the list moved on, or (when that says nothing shorter) whole. */
  eventsDelta?: EventsDelta;
  events?: KEvent[];
  /** Only when they changed since `base`. */
  sources?: Record<string, SourceRef>;
}

/**
 * How the recent-events list moved on: the `drop` oldest left it, `update` replaced events in
 * place (a repeat folded into one: same name, new count), `append` came at the end.
 */
export interface EventsDelta {
  drop: number;
  update: KEvent[];
  append: KEvent[];
}

export type ToEngine =
  | { type: 'load'; files: WorkspaceFile[]; seed: number }
  | { type: 'edit'; files: WorkspaceFile[] }
  | { type: 'advance'; ms: number }
  | { type: 'command'; id: number; line: string }
  | { type: 'view'; id: number; request: ViewRequest }
  /** Rebuild from a journal (after a worker crash): replay `inputs` and show `time`. */
  | { type: 'restore'; seed: number; inputs: TimelineInput[]; time: number; host?: string }
  | { type: 'play'; speed: number }
  | { type: 'pause' }
  /** Advance to the next thing that happens (a timer of the engine or a recorded input). */
  | { type: 'step' }
  /** Show another moment of the recorded timeline: 0 ≤ time ≤ head. */
  | { type: 'seek'; time: number }
  /** A line typed in the terminal's session (the session remembers `ssh NODE`). */
  | { type: 'terminal'; id: number; line: string }
  | { type: 'complete'; id: number; line: string }
  /** Ctrl-C in the terminal: stops a running `kubectl get -w`. */
  | { type: 'interrupt' }
  /** The page's snapshot is not the one a patch was made for: send a whole snapshot. */
  | { type: 'resync' };

export type FromEngine =
  | { type: 'snapshot'; snapshot: Snapshot; tookMs: number }
  | { type: 'patch'; patch: SnapshotPatch; tookMs: number }
  | { type: 'commandResult'; id: number; stdout: string; stderr: string; exitCode: number }
  | { type: 'viewResult'; id: number; result: ViewResult }
  | { type: 'clock'; clock: ClockState }
  /** The recorded inputs changed: keep the first `keep`, then append `add` (the page's copy survives a crash). */
  | { type: 'journal'; keep: number; add: TimelineInput[] }
  | {
      type: 'terminalResult'; id: number; stdout: string; stderr: string; exitCode: number;
      /** The prompt for the next line: `$ ` or `root@NODE:~# `. */
      prompt: string;
      /** The structured path when the line was a `trace`. */
      trace?: TraceResult;
      /** The line left a `kubectl get -w` running: its rows follow as `watchOutput` until Ctrl-C. */
      watching?: boolean;
    }
  /** What a running `kubectl get -w` printed as time passed; `ended` when it stopped by itself (the timeline was rewound). */
  | { type: 'watchOutput'; stdout: string; ended: boolean }
  /** Tab completion: `items` replace the line from `start`. */
  | { type: 'completions'; id: number; start: number; items: string[] }
  | { type: 'fatal'; message: string };

export const objectKey = (o: { kind: string; metadata: { namespace?: string; name: string } }): string =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
