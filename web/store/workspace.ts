// Workspace slice: the files the user edits. One file today; the shape is already a tree of
// paths so a file tree / tabs can come later without changing the engine protocol.
import type { StateCreator } from 'zustand';
import type { WorkspaceFile } from '../../core/protocol.ts';
import starter from '../scenarios/starter.yaml?raw';
import type { AppState } from './index.ts';

export const MAIN_FILE = 'workspace.yaml';
const STORAGE_KEY = 'kubeplay.workspace.v1';

export interface WorkspaceSlice {
  files: WorkspaceFile[];
  activePath: string;
  setText: (path: string, content: string) => void;
  resetWorkspace: () => void;
}

const starterFiles = (): WorkspaceFile[] => [{ path: MAIN_FILE, content: starter }];

/** Saved files, or null when nothing (valid) was saved. localStorage may be unavailable (privacy modes). */
function loadSaved(): WorkspaceFile[] | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const files: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(files) && files.every((f) => typeof f?.path === 'string' && typeof f?.content === 'string')) {
      return files as WorkspaceFile[];
    }
  } catch {
    /* corrupt or unavailable storage: start from the starter scenario */
  }
  return null;
}

function save(files: WorkspaceFile[]): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(files));
  } catch {
    /* quota or privacy mode: the text stays in memory */
  }
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => ({
  files: loadSaved() ?? starterFiles(),
  activePath: MAIN_FILE,
  setText: (path, content) => {
    const files = get().files;
    if (files.some((f) => f.path === path && f.content === content)) return;
    const next = files.some((f) => f.path === path)
      ? files.map((f) => (f.path === path ? { path, content } : f))
      : [...files, { path, content }];
    // Saved on every change (a few kB): a reload right after typing must not lose text.
    save(next);
    set({ files: next });
  },
  resetWorkspace: () => {
    const files = starterFiles();
    save(files);
    set({ files });
  },
});
