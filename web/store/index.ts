// One zustand store built from slices; components subscribe with narrow selectors.
import { create } from 'zustand';
import { createClassroomSlice, type ClassroomSlice } from './classroom.ts';
import { createEngineSlice, type EngineSlice } from './engine.ts';
import { createTerminalSlice, type TerminalSlice } from './terminal.ts';
import { createTimeSlice, type TimeSlice } from './time.ts';
import { createUiSlice, type UiSlice } from './ui.ts';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace.ts';

export type AppState = WorkspaceSlice & EngineSlice & UiSlice & TimeSlice & TerminalSlice & ClassroomSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createWorkspaceSlice(...a),
  ...createEngineSlice(...a),
  ...createUiSlice(...a),
  ...createTimeSlice(...a),
  ...createTerminalSlice(...a),
  ...createClassroomSlice(...a),
}));
