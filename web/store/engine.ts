// Engine slice: what the worker last reported. A snapshot is replaced (whole, or patched into a
// new object), never mutated, so selectors can memoise on its identity.
import type { StateCreator } from 'zustand';
import type { ManifestError, Snapshot, SnapshotPatch } from '../../core/protocol.ts';
import { epochOf, mergeTicks } from '../time/ticks.ts';
import type { AppState } from './index.ts';
import { applyPatch } from './snapshot.ts';

export type EngineStatus = 'starting' | 'busy' | 'idle' | 'crashed';

export interface EngineSlice {
  snapshot: Snapshot | null;
  errors: ManifestError[];
  status: EngineStatus;
  /** Engine-side time for the last apply+settle, in wall-clock ms. */
  tookMs: number;
  fatal: string | null;
  /** How many times the worker was restarted after a crash (shown, so it is never silent). */
  restarts: number;
  setEngineStatus: (status: EngineStatus) => void;
  receiveSnapshot: (snapshot: Snapshot, tookMs: number) => void;
  receivePatch: (patch: SnapshotPatch, tookMs: number) => void;
  receiveFatal: (message: string) => void;
  noteRestart: () => void;
}

export const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set, get) => {
  const receive = (snapshot: Snapshot, tookMs: number) => {
    const ticks = mergeTicks(get().ticks, snapshot.events, epochOf(snapshot));
    // Keep the error list's identity when it did not change: the editor re-marks on identity.
    const errors = snapshot.errors === get().snapshot?.errors ? get().errors : snapshot.errors;
    set({ snapshot, errors, tookMs, ticks, fatal: null, status: 'idle' });
  };
  return {
    snapshot: null,
    errors: [],
    status: 'starting',
    tookMs: 0,
    fatal: null,
    restarts: 0,
    setEngineStatus: (status) => set({ status }),
    receiveSnapshot: receive,
    receivePatch: (patch, tookMs) => {
      const prev = get().snapshot;
      if (prev) receive(applyPatch(prev, patch), tookMs);
    },
    // The last good snapshot stays on screen; only the status changes.
    receiveFatal: (message) => set({ fatal: message, status: 'crashed' }),
    noteRestart: () => set({ restarts: get().restarts + 1 }),
  };
};
