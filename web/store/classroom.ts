// Classroom slice: presentation mode (projector layout, its theme, whether the editor shows),
// which dialog is open, and the lesson being run (its source: a built-in id or a workspace path).
import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

export type PresentTheme = 'light' | 'dark';
export type ClassroomDialog = 'lessons' | 'help';
/** `builtin:<id>` (public/lessons/<id>.yaml) or `file:<path>` (a Lesson in the workspace). */
export type LessonSource = `builtin:${string}` | `file:${string}`;

export interface ClassroomSlice {
  presenting: boolean;
  presentTheme: PresentTheme;
  /** In presentation mode the editor is optional (hidden at first: the graph gets the room). */
  presentEditor: boolean;
  dialog: ClassroomDialog | null;
  lesson: LessonSource | null;
  setPresenting: (on: boolean) => void;
  setPresentTheme: (theme: PresentTheme) => void;
  togglePresentEditor: () => void;
  setDialog: (dialog: ClassroomDialog | null) => void;
  openLesson: (source: LessonSource | null) => void;
}

const THEME_KEY = 'kubeplay.present-theme.v1';

function savedTheme(): PresentTheme {
  try {
    return globalThis.localStorage?.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export const createClassroomSlice: StateCreator<AppState, [], [], ClassroomSlice> = (set, get) => ({
  presenting: false,
  presentTheme: savedTheme(),
  presentEditor: false,
  dialog: null,
  lesson: null,
  setPresenting: (presenting) => set({ presenting }),
  setPresentTheme: (presentTheme) => {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, presentTheme);
    } catch {
      /* not remembered */
    }
    set({ presentTheme });
  },
  togglePresentEditor: () => set({ presentEditor: !get().presentEditor }),
  setDialog: (dialog) => set({ dialog }),
  openLesson: (lesson) => set({ lesson, dialog: null }),
});
