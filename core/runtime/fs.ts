// A container's filesystem as far as the behaviour model needs it: the writable top
// layer (files the process or `kubectl exec` create), plus volume mounts shared with
// the pod (emptyDir is one store for every container that mounts it). Paths are
// absolute; a directory is a key whose value is null.

export type Store = Map<string, string | null>;

/** Sizes of files written by size (fallocate, dd) rather than by content, per store. */
const allocated = new WeakMap<Store, Map<string, number>>();

/** Bytes a store's files take on disk (what the kubelet's volume and rootfs stats count). */
export function storeBytes(store: Store): number {
  const big = allocated.get(store);
  let n = 0;
  // Counted in 4 KiB blocks, as du and the kubelet's volume stats see a file.
  for (const [k, v] of store) if (typeof v === 'string') n += Math.ceil((big?.get(k) ?? v.length) / 4096) * 4096;
  return n;
}

export interface Mount {
  path: string;
  store: Store;
  readOnly: boolean;
  /** The volume's name, for messages. */
  volume: string;
}

const norm = (p: string): string => {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
};

export class ContainerFs {
  constructor(readonly layer: Store, readonly mounts: Mount[] = []) {}

  /** Which store holds a path, and the path inside it. */
  private locate(path: string): { store: Store; rel: string; mount?: Mount } {
    const p = norm(path);
    let best: Mount | undefined;
    for (const m of this.mounts) {
      const mp = norm(m.path);
      if ((p === mp || p.startsWith(mp === '/' ? '/' : mp + '/')) && (!best || mp.length > norm(best.path).length)) best = m;
    }
    if (!best) return { store: this.layer, rel: p };
    const rel = norm(p.slice(norm(best.path).length) || '/');
    return { store: best.store, rel, mount: best };
  }

  read(path: string): string | undefined {
    const { store, rel } = this.locate(path);
    const v = store.get(rel);
    return typeof v === 'string' ? v : undefined;
  }

  isDir(path: string): boolean {
    const p = norm(path);
    if (p === '/') return true;
    if (this.mounts.some((m) => norm(m.path) === p)) return true;
    const { store, rel } = this.locate(p);
    if (rel === '/') return true;
    if (store.get(rel) === null) return true;
    for (const k of store.keys()) if (k.startsWith(rel + '/')) return true;
    for (const m of this.mounts) if (norm(m.path).startsWith(p + '/')) return true;
    return false;
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined || this.isDir(path);
  }

  /** Entries of a directory, sorted as `ls` sorts them (C locale). */
  list(path: string): string[] {
    const p = norm(path);
    const names = new Set<string>();
    const { store, rel } = this.locate(p);
    const prefix = rel === '/' ? '/' : rel + '/';
    for (const k of store.keys()) if (k.startsWith(prefix) && k !== rel) names.add(k.slice(prefix.length).split('/')[0]!);
    for (const m of this.mounts) {
      const mp = norm(m.path);
      const pp = p === '/' ? '/' : p + '/';
      if (mp.startsWith(pp) && mp !== p) names.add(mp.slice(pp.length).split('/')[0]!);
    }
    return [...names].filter(Boolean).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Writes a file; returns an error text when the mount is read-only. */
  write(path: string, content: string, append = false): string | undefined {
    const { store, rel, mount } = this.locate(path);
    if (mount?.readOnly) return 'Read-only file system';
    const prev = store.get(rel);
    allocated.get(store)?.delete(rel);
    store.set(rel, append && typeof prev === 'string' ? prev + content : content);
    return undefined;
  }

  /** A file of `size` bytes whose content nobody reads back (zeros from dd, fallocate). */
  allocate(path: string, size: number): string | undefined {
    const err = this.write(path, '');
    if (err) return err;
    const { store, rel } = this.locate(path);
    if (!allocated.has(store)) allocated.set(store, new Map());
    allocated.get(store)!.set(rel, size);
    return undefined;
  }

  /** Bytes in the writable layer. */
  usedBytes(): number {
    return storeBytes(this.layer);
  }

  touch(path: string): string | undefined {
    return this.read(path) !== undefined ? undefined : this.write(path, '');
  }

  mkdir(path: string): string | undefined {
    const { store, rel, mount } = this.locate(path);
    if (mount?.readOnly) return 'Read-only file system';
    if (!store.has(rel)) store.set(rel, null);
    return undefined;
  }

  /** Removes a file or (recursively) a directory; false when nothing was there. */
  remove(path: string): boolean | 'ro' {
    const { store, rel, mount } = this.locate(path);
    if (mount?.readOnly) return 'ro';
    let found = store.delete(rel);
    allocated.get(store)?.delete(rel);
    for (const k of [...store.keys()]) if (k.startsWith(rel + '/')) found = (allocated.get(store)?.delete(k), store.delete(k)) || found;
    return found;
  }
}
