// UI slice: what the user is looking at. Selection is an object key (core/protocol objectKey).
import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

/** A request for the editor to show a place; `seq` makes repeated requests distinct. */
export interface RevealRequest {
  file: string;
  line: number;
  col: number;
  seq: number;
}

export interface UiSlice {
  selected: string | null;
  /** Show the cluster's own pods (kube-system, kube-flannel, ...) in the graph. */
  showSystem: boolean;
  toggleSystem: () => void;
  reveal: RevealRequest | null;
  select: (key: string | null) => void;
  revealInEditor: (file: string, line: number, col: number) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  selected: null,
  // Hidden at first so a learner's own workload stands out; one click shows the machinery.
  showSystem: false,
  toggleSystem: () => set({ showSystem: !get().showSystem }),
  reveal: null,
  select: (selected) => set({ selected }),
  revealInEditor: (file, line, col) => set({ reveal: { file, line, col, seq: (get().reveal?.seq ?? 0) + 1 } }),
});
