// The object store: what kube-apiserver keeps in etcd. Every write bumps the revision
// and is delivered to watchers as a diff; stored objects are frozen, so a reader can
// never change state behind the store's back.

import type { KObject } from './types.ts';
import { etcdKey } from './resources.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
  old?: KObject;
}
export type Watcher = (e: WatchEvent) => void;

export interface EtcdEntry {
  key: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

export const keyOf = (kind: string, namespace: string | undefined, name: string): string => `${kind}/${namespace ?? ''}/${name}`;
export const keyOfObject = (o: KObject): string => keyOf(o.kind, o.metadata.namespace, o.metadata.name);

export class ObjectStore {
  private revision = 0;
  private byKind = new Map<string, Map<string, KObject>>();
  private etcd = new Map<string, EtcdEntry>();
  private watchers: { kinds: Set<string> | null; fn: Watcher }[] = [];

  get rev(): number {
    return this.revision;
  }

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.byKind.get(kind)?.get(keyOf(kind, namespace, name)) as T | undefined;
  }

  /** Objects of a kind, optionally in one namespace; order is insertion order (callers sort for printing). */
  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    const m = this.byKind.get(kind);
    if (!m) return [];
    const all = [...m.values()] as T[];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** Writes an object (create or replace); returns the stored frozen copy with its new resourceVersion. */
  put<T extends KObject>(obj: T): T {
    const key = keyOfObject(obj);
    let m = this.byKind.get(obj.kind);
    if (!m) this.byKind.set(obj.kind, (m = new Map()));
    const old = m.get(key);
    this.revision++;
    const stored = deepFreeze({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.revision) } }) as T;
    m.set(key, stored);
    const ek = etcdKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
    const prev = this.etcd.get(ek);
    this.etcd.set(ek, {
      key: ek,
      createRevision: prev ? prev.createRevision : this.revision,
      modRevision: this.revision,
      version: (prev?.version ?? 0) + 1,
    });
    this.emit({ type: old ? 'MODIFIED' : 'ADDED', object: stored, old });
    return stored;
  }

  remove(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const key = keyOf(kind, namespace, name);
    const m = this.byKind.get(kind);
    const old = m?.get(key);
    if (!m || !old) return undefined;
    m.delete(key);
    this.revision++;
    this.etcd.delete(etcdKey(kind, namespace, name));
    this.emit({ type: 'DELETED', object: old });
    return old;
  }

  /** etcd's view: every key with its revisions, sorted as `etcdctl get --prefix` lists them. */
  etcdEntries(): EtcdEntry[] {
    return [...this.etcd.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  watch(kinds: string[] | null, fn: Watcher): () => void {
    const w = { kinds: kinds ? new Set(kinds) : null, fn };
    this.watchers.push(w);
    return () => {
      this.watchers = this.watchers.filter((x) => x !== w);
    };
  }

  private emit(e: WatchEvent): void {
    for (const w of this.watchers) if (!w.kinds || w.kinds.has(e.object.kind)) w.fn(e);
  }
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** A mutable deep copy of a stored (frozen) object, for controllers to edit before writing back. */
export function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}
