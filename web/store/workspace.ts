// Workspace slice: the files the user edits, the open tabs, and an undo history of file
// operations (delete, rename, import, reset). Saved on every change: never lose text.
import type { StateCreator } from 'zustand';
import type { WorkspaceFile } from '../../core/protocol.ts';
import * as tree from '../files/tree.ts';
import starter from '../scenarios/starter.yaml?raw';
import type { AppState } from './index.ts';

export const MAIN_FILE = 'workspace.yaml';
export const FILES_KEY = 'kubeplay.workspace.v1';
const LAYOUT_KEY = 'kubeplay.layout.v1';
const HISTORY_MAX = 30;

interface FileOp {
  label: string;
  ws: tree.Workspace;
  open: string[];
  activePath: string;
}

export interface WorkspaceSlice {
  files: WorkspaceFile[];
  /** Empty folders the user created (folders with files exist through their files). */
  folders: string[];
  /** Open tabs, in order; activePath is one of them (or the only file). */
  open: string[];
  activePath: string;
  /** Undo stack of file operations; the label says what the last one did. */
  fileOps: FileOp[];
  /** Set when the browser refused to save (quota, privacy mode): the text is only in memory. */
  saveError: string | null;
  setText: (path: string, content: string) => void;
  createFile: (path: string, content?: string) => string | null;
  createFolder: (path: string) => string | null;
  renamePath: (from: string, to: string) => string | null;
  deletePath: (path: string) => void;
  openFile: (path: string) => void;
  closeTab: (path: string) => void;
  importFiles: (files: WorkspaceFile[], mode: 'replace' | 'keep-both') => void;
  resetWorkspace: () => void;
  /** The whole workspace becomes `files` (a share link, an imported bundle), as one undoable step. */
  replaceWorkspace: (files: WorkspaceFile[], label: string, active?: string) => void;
  /** Files another tab saved (web/files/tabSync.ts merged them): shown, not saved again, not an undo step. */
  adoptFiles: (files: WorkspaceFile[]) => void;
  undoFileOp: () => void;
}

export const starterFiles = (): WorkspaceFile[] => [{ path: MAIN_FILE, content: starter }];

function read(key: string): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null; // corrupt or unavailable storage
  }
}

const isFiles = (v: unknown): v is WorkspaceFile[] =>
  Array.isArray(v) && v.every((f) => typeof f?.path === 'string' && typeof f?.content === 'string');
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function loadSaved(): Pick<WorkspaceSlice, 'files' | 'folders' | 'open' | 'activePath'> {
  const saved = read(FILES_KEY);
  const files = isFiles(saved) ? saved : starterFiles();
  const layout = read(LAYOUT_KEY) as { folders?: unknown; open?: unknown; activePath?: unknown } | null;
  const has = (p: string) => files.some((f) => f.path === p);
  const open = isStrings(layout?.open) ? layout.open.filter(has) : [];
  const activePath = typeof layout?.activePath === 'string' && has(layout.activePath) ? layout.activePath : open[0] ?? files[0]?.path ?? '';
  return {
    files,
    folders: isStrings(layout?.folders) ? layout.folders : [],
    open: open.length ? open : activePath ? [activePath] : [],
    activePath,
  };
}

function save(key: string, value: unknown): string | null {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The smallest workspace the browser refused to store, and why. One as big or bigger is not tried
 * again at every keystroke: serialising a 10 MB paste held the main thread ~300 ms each time.
 */
let refused: { size: number; error: string } | null = null;

function saveFiles(files: WorkspaceFile[]): string | null {
  const size = files.reduce((n, f) => n + f.path.length + f.content.length, 0);
  if (refused && size >= refused.size) return refused.error;
  const error = save(FILES_KEY, files);
  if (error) refused = { size, error };
  return error;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => {
  /** Sets and saves the files and layout; `op` records an undoable file operation first. */
  const commit = (next: Partial<Pick<WorkspaceSlice, 'files' | 'folders' | 'open' | 'activePath'>>, op?: string, persist = true) => {
    const s = get();
    const fileOps = op
      ? [...s.fileOps, { label: op, ws: { files: s.files, folders: s.folders }, open: s.open, activePath: s.activePath }].slice(-HISTORY_MAX)
      : s.fileOps;
    const merged = { files: s.files, folders: s.folders, open: s.open, activePath: s.activePath, ...next };
    // Tabs only for files that exist; the active one is always open.
    const has = (p: string) => merged.files.some((f) => f.path === p);
    let open = merged.open.filter(has);
    const activePath = has(merged.activePath) ? merged.activePath : open[0] ?? '';
    if (activePath && !open.includes(activePath)) open = [...open, activePath];
    const saveError = !persist ? s.saveError : (merged.files !== s.files ? saveFiles(merged.files) : s.saveError) ??
      save(LAYOUT_KEY, { folders: merged.folders, open, activePath });
    set({ ...merged, open, activePath, fileOps, saveError });
  };
  const apply = (r: tree.Result, op: string, extra: Partial<WorkspaceSlice> = {}): string | null => {
    if (!r.ok) return r.error;
    commit({ ...r.ws, ...extra }, op);
    return null;
  };

  return {
    ...loadSaved(),
    fileOps: [],
    saveError: null,
    setText: (path, content) => {
      const files = get().files;
      if (files.some((f) => f.path === path && f.content === content)) return;
      const next = files.some((f) => f.path === path)
        ? files.map((f) => (f.path === path ? { path, content } : f))
        : [...files, { path, content }];
      // Saved on every change (a few kB): a reload right after typing must not lose text.
      commit({ files: next });
    },
    createFile: (path, content = '') => {
      const c = tree.cleanPath(path);
      return apply(tree.addFile(get(), path, content), `Created ${path}`, 'path' in c ? { activePath: c.path } : {});
    },
    createFolder: (path) => apply(tree.addFolder(get(), path), `Created folder ${path}`),
    renamePath: (from, to) => {
      const r = tree.rename(get(), from, to);
      if (!r.ok) return r.error;
      const clean = tree.cleanPath(to);
      const dest = 'path' in clean ? clean.path : to;
      const move = (p: string) => (p === from || p.startsWith(from + '/') ? dest + p.slice(from.length) : p);
      return apply(r, `Renamed ${from} to ${dest}`, { open: get().open.map(move), activePath: move(get().activePath) });
    },
    deletePath: (path) => commit(tree.remove(get(), path), `Deleted ${path}`),
    openFile: (path) => {
      if (!get().files.some((f) => f.path === path)) return;
      commit({ activePath: path, open: get().open.includes(path) ? get().open : [...get().open, path] });
    },
    closeTab: (path) => {
      const { open, activePath } = get();
      const i = open.indexOf(path);
      const rest = open.filter((p) => p !== path);
      // Closing a tab never deletes text: the file stays in the tree.
      commit({ open: rest, activePath: activePath === path ? rest[Math.min(i, rest.length - 1)] ?? '' : activePath });
    },
    importFiles: (files, mode) => commit(tree.importFiles(get(), files, mode), `Imported ${files.length} file${files.length === 1 ? '' : 's'}`),
    resetWorkspace: () => commit({ files: starterFiles(), folders: [], open: [MAIN_FILE], activePath: MAIN_FILE }, 'Reset to the starter scenario'),
    replaceWorkspace: (files, label, active) => {
      const activePath = active ?? files[0]?.path ?? '';
      commit({ files, folders: [], open: activePath ? [activePath] : [], activePath }, label);
    },
    // Not saved again: the other tab saved them, and a write from here could put back an older state.
    adoptFiles: (files) => commit({ files }, undefined, false),
    undoFileOp: () => {
      const op = get().fileOps.at(-1);
      if (!op) return;
      commit({ ...op.ws, open: op.open, activePath: op.activePath });
      set({ fileOps: get().fileOps.slice(0, -1) });
    },
  };
};
