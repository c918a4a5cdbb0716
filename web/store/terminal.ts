// Terminal slice: the bottom dock (terminal or events) and the last packet trace run in the
// terminal, which the graph animates (`seq` makes a repeated trace a new request).
import type { StateCreator } from 'zustand';
import type { TraceResult } from '../../core/protocol.ts';
import type { AppState } from './index.ts';

export type DockTab = 'terminal' | 'events';

export interface TerminalSlice {
  /** The open bottom panel, or null when the dock is collapsed. */
  dock: DockTab | null;
  lastTrace: { trace: TraceResult; seq: number } | null;
  /** The terminal's prompt: `$ ` on the workstation, `root@NODE:~# ` after `ssh NODE`. */
  prompt: string;
  setPrompt: (prompt: string) => void;
  setDock: (dock: DockTab | null) => void;
  publishTrace: (trace: TraceResult) => void;
}

const DOCK_KEY = 'kubeplay.dock.v1';

function savedDock(): DockTab | null {
  try {
    const v = globalThis.localStorage?.getItem(DOCK_KEY);
    // Collapsed at first: the editor and the graph get the room; one click opens the terminal.
    return v === 'terminal' || v === 'events' ? v : null;
  } catch {
    return null;
  }
}

export const createTerminalSlice: StateCreator<AppState, [], [], TerminalSlice> = (set, get) => ({
  dock: savedDock(),
  lastTrace: null,
  prompt: '$ ',
  setPrompt: (prompt) => set({ prompt }),
  setDock: (dock) => {
    try {
      globalThis.localStorage?.setItem(DOCK_KEY, dock ?? 'closed');
    } catch {
      /* not remembered */
    }
    set({ dock });
  },
  publishTrace: (trace) => set({ lastTrace: { trace, seq: (get().lastTrace?.seq ?? 0) + 1 } }),
});
