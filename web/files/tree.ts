// The workspace as a tree of paths: pure operations (add, rename, delete, import) that return a
// new workspace or an error message for the user. Folders exist through their files, plus
// explicit empty folders the user created (e.g. nodes/worker-1/etc/kubernetes/manifests/).
import type { WorkspaceFile } from '../../core/protocol.ts';

export interface Workspace {
  files: WorkspaceFile[];
  /** Folders with no files yet, without a trailing slash. */
  folders: string[];
}

export type Result = { ok: true; ws: Workspace } | { ok: false; error: string };

export const MANIFEST_DIR = (node: string) => `nodes/${node}/etc/kubernetes/manifests`;

/** A clean relative path, or an error: no `..`, no empty segments, no leading slash. */
export function cleanPath(input: string): { path: string } | { error: string } {
  const path = input.trim().replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (!path) return { error: 'Type a name.' };
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return { error: 'A path may not contain empty parts, "." or "..".' };
  if (!/^[\w.\- /]+$/.test(path)) return { error: 'Use letters, digits, ".", "-", "_" and "/" only.' };
  if (path.length > 200) return { error: 'That path is too long.' };
  return { path };
}

const sortFiles = (files: WorkspaceFile[]) => [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
const under = (path: string, dir: string) => path === dir || path.startsWith(dir + '/');
const isFolder = (ws: Workspace, path: string) => ws.folders.includes(path) || ws.files.some((f) => f.path.startsWith(path + '/'));
const exists = (ws: Workspace, path: string) => ws.files.some((f) => f.path === path) || isFolder(ws, path);
/** Explicit folders no longer needed once a file lives in them. */
const pruneFolders = (ws: Workspace): Workspace => ({ files: ws.files, folders: ws.folders.filter((d) => !ws.files.some((f) => f.path.startsWith(d + '/'))).sort() });

export function addFile(ws: Workspace, input: string, content = ''): Result {
  const c = cleanPath(input);
  if ('error' in c) return { ok: false, error: c.error };
  if (exists(ws, c.path)) return { ok: false, error: `${c.path} already exists.` };
  if (ws.files.some((f) => under(c.path, f.path))) return { ok: false, error: 'A file cannot contain other files.' };
  return { ok: true, ws: pruneFolders({ files: sortFiles([...ws.files, { path: c.path, content }]), folders: ws.folders }) };
}

export function addFolder(ws: Workspace, input: string): Result {
  const c = cleanPath(input);
  if ('error' in c) return { ok: false, error: c.error };
  if (exists(ws, c.path)) return { ok: false, error: `${c.path} already exists.` };
  if (ws.files.some((f) => under(c.path, f.path))) return { ok: false, error: 'A file cannot contain a folder.' };
  return { ok: true, ws: { files: ws.files, folders: [...ws.folders, c.path].sort() } };
}

/** Renames a file, or a folder with everything in it. */
export function rename(ws: Workspace, from: string, input: string): Result {
  const c = cleanPath(input);
  if ('error' in c) return { ok: false, error: c.error };
  const to = c.path;
  if (to === from) return { ok: true, ws };
  if (!exists(ws, from)) return { ok: false, error: `${from} does not exist.` };
  if (exists(ws, to)) return { ok: false, error: `${to} already exists.` };
  if (under(to, from)) return { ok: false, error: 'A folder cannot move into itself.' };
  const move = (p: string) => (under(p, from) ? to + p.slice(from.length) : p);
  return {
    ok: true,
    ws: pruneFolders({ files: sortFiles(ws.files.map((f) => ({ path: move(f.path), content: f.content }))), folders: ws.folders.map(move) }),
  };
}

/** Deletes a file, or a folder with everything in it. */
export function remove(ws: Workspace, path: string): Workspace {
  return { files: ws.files.filter((f) => !under(f.path, path)), folders: ws.folders.filter((d) => !under(d, path)) };
}

/** Incoming files that would replace different text already in the workspace. */
export const conflicts = (ws: Workspace, incoming: WorkspaceFile[]): string[] =>
  incoming.filter((f) => ws.files.some((g) => g.path === f.path && g.content !== f.content)).map((f) => f.path);

/** `a.yaml` → `a-2.yaml`, the first free name. */
export function freeName(ws: Workspace, path: string): string {
  const m = /^(.*?)(\.[^./]+)?$/.exec(path)!;
  for (let n = 2; ; n++) {
    const candidate = `${m[1]}-${n}${m[2] ?? ''}`;
    if (!exists(ws, candidate)) return candidate;
  }
}

/** Adds imported files; `replace` overwrites same-named files, otherwise they get a free name. */
export function importFiles(ws: Workspace, incoming: WorkspaceFile[], mode: 'replace' | 'keep-both'): Workspace {
  let files = [...ws.files];
  for (const f of incoming) {
    const clean = cleanPath(f.path);
    if ('error' in clean) continue;
    const same = files.find((g) => g.path === clean.path);
    if (same && same.content === f.content) continue;
    if (same && mode === 'replace') files = files.map((g) => (g.path === clean.path ? { path: g.path, content: f.content } : g));
    else files.push({ path: same ? freeName({ files, folders: ws.folders }, clean.path) : clean.path, content: f.content });
  }
  return pruneFolders({ files: sortFiles(files), folders: ws.folders });
}

export interface TreeNode {
  name: string;
  path: string;
  kind: 'file' | 'folder';
  children: TreeNode[];
}

/** Folders first, then files, each alphabetical (the engine applies files in path order). */
export function buildTree(ws: Workspace): TreeNode[] {
  const root: TreeNode = { name: '', path: '', kind: 'folder', children: [] };
  const folder = (path: string): TreeNode => {
    let node = root;
    for (const part of path.split('/')) {
      const p = node.path ? `${node.path}/${part}` : part;
      let child = node.children.find((c) => c.kind === 'folder' && c.name === part);
      if (!child) node.children.push((child = { name: part, path: p, kind: 'folder', children: [] }));
      node = child;
    }
    return node;
  };
  for (const d of ws.folders) folder(d);
  for (const f of ws.files) {
    const slash = f.path.lastIndexOf('/');
    const parent = slash < 0 ? root : folder(f.path.slice(0, slash));
    parent.children.push({ name: f.path.slice(slash + 1), path: f.path, kind: 'file', children: [] });
  }
  const sort = (n: TreeNode) => {
    n.children.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : a.name < b.name ? -1 : 1));
    n.children.forEach(sort);
  };
  sort(root);
  // A chain of folders with nothing else in them shows as one row: etc/kubernetes/manifests.
  const compact = (n: TreeNode): TreeNode => {
    let c = n;
    while (c.kind === 'folder' && c.children.length === 1 && c.children[0]!.kind === 'folder') {
      const only = c.children[0]!;
      c = { ...only, name: `${c.name}/${only.name}` };
    }
    return { ...c, children: c.children.map(compact) };
  };
  return root.children.map(compact);
}
