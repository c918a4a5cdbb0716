// Two tabs on one workspace share one saved copy: each saves its whole file list at every
// keystroke, so without this a stale tab's next keystroke wrote back its old text of the files
// the other tab had changed. The `storage` event tells a tab what another one saved; the files
// that tab changed are taken over here, the others keep this tab's text.
import type { WorkspaceFile } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';
import { FILES_KEY } from '../store/workspace.ts';

export interface Merged {
  files: WorkspaceFile[];
  /** Paths whose text here changed because the other tab changed them (added, edited, deleted). */
  changed: string[];
}

/**
 * A three-way merge per file: `base` is what was saved before the other tab's write, `theirs`
 * what it wrote, `mine` this tab's files. A file the other tab changed takes its text (or goes,
 * if it deleted it); every other file keeps this tab's text.
 */
export function mergeFromOtherTab(base: WorkspaceFile[], theirs: WorkspaceFile[], mine: WorkspaceFile[]): Merged {
  const was = new Map(base.map((f) => [f.path, f.content]));
  const now = new Map(theirs.map((f) => [f.path, f.content]));
  const here = new Map(mine.map((f) => [f.path, f.content]));
  const files: WorkspaceFile[] = [];
  const changed: string[] = [];
  for (const path of new Set([...now.keys(), ...here.keys(), ...was.keys()])) {
    const theirText = now.get(path);
    const myText = here.get(path);
    const text = theirText === was.get(path) ? myText : theirText;
    if (text !== undefined) files.push({ path, content: text });
    if (text !== myText) changed.push(path);
  }
  return { files, changed };
}

/** Parses a saved file list; anything else (corrupt, foreign) is null. */
export function parseSaved(raw: string | null): WorkspaceFile[] | null {
  if (raw === null) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) && v.every((f) => typeof f?.path === 'string' && typeof f?.content === 'string') ? (v as WorkspaceFile[]) : null;
  } catch {
    return null;
  }
}

type Listener = () => void;
let notice: { paths: string[] } | null = null;
const listeners = new Set<Listener>();

/** What the last merge changed here, for the bar that says so (useSyncExternalStore). */
export const otherTabNotice = {
  get: () => notice,
  subscribe: (l: Listener) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
  dismiss: () => {
    notice = null;
    for (const l of listeners) l();
  },
};

/**
 * Listens for the other tabs' saves. The merged list becomes this tab's files but is not written
 * back: events arrive after the fact, so a write here could replace a newer save with an older
 * one (the two tabs then took turns undoing each other's typing). A tab writes only what is
 * typed or done in it.
 */
export function syncWithOtherTabs(): () => void {
  const current = () => useStore.getState().files;
  const adopt = (files: WorkspaceFile[]) => useStore.getState().adoptFiles(files);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== FILES_KEY || e.storageArea !== globalThis.localStorage) return;
    const theirs = parseSaved(e.newValue);
    if (!theirs) return;
    const { files, changed } = mergeFromOtherTab(parseSaved(e.oldValue) ?? [], theirs, current());
    if (!changed.length) return;
    adopt(files);
    notice = { paths: changed };
    for (const l of listeners) l();
  };
  globalThis.addEventListener('storage', onStorage);
  return () => globalThis.removeEventListener('storage', onStorage);
}
