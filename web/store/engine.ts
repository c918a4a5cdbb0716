// Engine slice: what the worker last reported. The snapshot is only replaced, never patched,
// so selectors can memoise on its identity.
import type { StateCreator } from 'zustand';
import type { ManifestError, Snapshot } from '../../core/protocol.ts';
import type { AppState } from './index.ts';

export type EngineStatus = 'starting' | 'busy' | 'idle' | 'crashed';

export interface EngineSlice {
  snapshot: Snapshot | null;
  errors: ManifestError[];
  status: EngineStatus;
  /** Engine-side time for the last apply+settle, in wall-clock ms. */
  tookMs: number;
  fatal: string | null;
  setEngineStatus: (status: EngineStatus) => void;
  receiveSnapshot: (snapshot: Snapshot, tookMs: number) => void;
  receiveFatal: (message: string) => void;
}

export const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set) => ({
  snapshot: null,
  errors: [],
  status: 'starting',
  tookMs: 0,
  fatal: null,
  setEngineStatus: (status) => set({ status }),
  receiveSnapshot: (snapshot, tookMs) => set({ snapshot, errors: snapshot.errors, tookMs, fatal: null, status: 'idle' }),
  // The last good snapshot stays on screen; only the status changes.
  receiveFatal: (message) => set({ fatal: message, status: 'crashed' }),
});
