// Time slice: the simulated clock as the worker reports it, the speed chosen for playing, and
// the event ticks of the timeline.
import type { StateCreator } from 'zustand';
import type { ClockState } from '../../core/protocol.ts';
import { cutTicks, type Tick } from '../time/ticks.ts';
import type { AppState } from './index.ts';

export const SPEEDS = [0.5, 1, 2, 5, 10, 30, 60] as const;

export interface TimeSlice {
  clock: ClockState | null;
  /** Simulated seconds per second when playing (kept while paused). */
  speed: number;
  ticks: Tick[];
  receiveClock: (clock: ClockState) => void;
  setSpeed: (speed: number) => void;
  /** A new timeline started (load, reset, cluster rebuilt): forget the old ticks. */
  clearTicks: () => void;
}

export const createTimeSlice: StateCreator<AppState, [], [], TimeSlice> = (set, get) => ({
  clock: null,
  speed: 1,
  ticks: [],
  receiveClock: (clock) => {
    const prev = get().clock;
    // A shorter head means a new branch began: ticks recorded past it never happen now.
    const ticks = prev && clock.head < prev.head ? cutTicks(get().ticks, clock.head) : get().ticks;
    set({ clock, ticks });
  },
  setSpeed: (speed) => set({ speed }),
  clearTicks: () => set({ ticks: [] }),
});
