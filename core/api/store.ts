// The object store: what kube-apiserver keeps in etcd. Every write bumps the revision
// and is delivered to watchers as a diff; stored objects are frozen, so a reader can
// never change state behind the store's back.
//
// Indexes (namespace, uid, owner uid, label pairs, a pod's node) are kept on every write
// so controllers can find what they need in O(result), not O(cluster) — the same job
// client-go's informer indexers do for the real controllers.

import type { KObject } from './types.ts';
import { etcdKey } from './resources.ts';
import { Interner } from './intern.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
  old?: KObject;
}
export type Watcher = (e: WatchEvent) => void;
interface WatchEntry {
  kinds: Set<string> | null;
  fn: Watcher;
}

export interface EtcdEntry {
  key: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

export const keyOf = (kind: string, namespace: string | undefined, name: string): string => `${kind}/${namespace ?? ''}/${name}`;
export const keyOfObject = (o: KObject): string => keyOf(o.kind, o.metadata.namespace, o.metadata.name);

type Bucket = Map<string, KObject>;

function addTo(m: Map<string, Bucket>, k: string, key: string, o: KObject): void {
  let b = m.get(k);
  if (!b) m.set(k, (b = new Map()));
  b.set(key, o);
}
function delFrom(m: Map<string, Bucket>, k: string, key: string): void {
  const b = m.get(k);
  if (!b) return;
  b.delete(key);
  if (!b.size) m.delete(k);
}

const nodeNameOf = (o: KObject | undefined): string | undefined =>
  o?.kind === 'Pod' ? ((o.spec as { nodeName?: string } | undefined)?.nodeName || undefined) : undefined;

export class ObjectStore {
  private revision = 0;
  private byKind = new Map<string, Bucket>();
  /** kind/namespace → objects */
  private byNs = new Map<string, Bucket>();
  private byUid = new Map<string, KObject>();
  /** owner uid → dependents (any kind) */
  private byOwner = new Map<string, Bucket>();
  /** owner uid + kind → dependents of that kind (a DaemonSet's revisions without walking its thousands of pods) */
  private byOwnerKind = new Map<string, Bucket>();
  /** kind/namespace/label=value → objects */
  private byLabel = new Map<string, Bucket>();
  /** node name → pods bound to it */
  private byNode = new Map<string, Bucket>();
  private etcd = new Map<string, EtcdEntry>();
  private watchers: WatchEntry[] = [];
  /** Watchers of each kind, in registration order, built on first use: an event reaches only its kind's watchers. */
  private kindWatchers = new Map<string, WatchEntry[]>();
  /** Pod watchers by node name: a kubelet hears about its own pods only. */
  private nodeWatchers = new Map<string, Watcher[]>();
  /** Pods' parts that many pods hold alike, kept once. */
  private parts = new Interner();

  get rev(): number {
    return this.revision;
  }

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.byKind.get(kind)?.get(keyOf(kind, namespace, name)) as T | undefined;
  }

  /** Objects of a kind, optionally in one namespace; order is insertion order (callers sort for printing). */
  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    const m = namespace === undefined ? this.byKind.get(kind) : this.byNs.get(`${kind}/${namespace}`);
    return m ? ([...m.values()] as T[]) : [];
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** The object with this uid, whatever its kind. */
  byUID<T extends KObject = KObject>(uid: string | undefined): T | undefined {
    return uid ? (this.byUid.get(uid) as T | undefined) : undefined;
  }

  /** Objects listing `uid` in their ownerReferences (optionally of one kind). */
  dependents<T extends KObject = KObject>(uid: string | undefined, kind?: string): T[] {
    const b = uid ? (kind ? this.byOwnerKind.get(`${uid}\0${kind}`) : this.byOwner.get(uid)) : undefined;
    return b ? ([...b.values()] as T[]) : [];
  }

  /**
   * Objects of a kind in a namespace whose labels carry every pair of `sel` (a Service-style
   * map selector). Walks the smallest label bucket, so it costs O(matches), not O(namespace).
   */
  selectMap<T extends KObject = KObject>(kind: string, namespace: string, sel: Record<string, string>): T[] {
    const pairs = Object.entries(sel);
    if (!pairs.length) return [];
    let smallest: Bucket | undefined;
    for (const [k, v] of pairs) {
      const b = this.byLabel.get(`${kind}/${namespace}/${k}=${v}`);
      if (!b) return [];
      if (!smallest || b.size < smallest.size) smallest = b;
    }
    const out: T[] = [];
    for (const o of smallest!.values()) if (pairs.every(([k, v]) => o.metadata.labels?.[k] === v)) out.push(o as T);
    return out;
  }

  /** Pods bound to a node (spec.nodeName). */
  podsOnNode<T extends KObject = KObject>(node: string): T[] {
    const b = this.byNode.get(node);
    return b ? ([...b.values()] as T[]) : [];
  }

  /** Objects of a kind in a namespace carrying label k=v. */
  withLabel<T extends KObject = KObject>(kind: string, namespace: string, k: string, v: string): T[] {
    const b = this.byLabel.get(`${kind}/${namespace}/${k}=${v}`);
    return b ? ([...b.values()] as T[]) : [];
  }

  /** Writes an object (create or replace); returns the stored frozen copy with its new resourceVersion. */
  put<T extends KObject>(obj: T): T {
    const key = keyOfObject(obj);
    let m = this.byKind.get(obj.kind);
    if (!m) this.byKind.set(obj.kind, (m = new Map()));
    const old = m.get(key);
    this.revision++;
    const next = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.revision) } };
    if (next.kind === 'Pod') this.parts.sharePod(next);
    const stored = deepFreeze(next);
    m.set(key, stored);
    if (old) this.unindex(key, old);
    this.index(key, stored);
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
    this.unindex(key, old);
    this.revision++;
    this.etcd.delete(etcdKey(kind, namespace, name));
    this.emit({ type: 'DELETED', object: old });
    return old;
  }

  private index(key: string, o: KObject): void {
    const ns = o.metadata.namespace ?? '';
    addTo(this.byNs, `${o.kind}/${ns}`, key, o);
    if (o.metadata.uid) this.byUid.set(o.metadata.uid, o);
    for (const r of o.metadata.ownerReferences ?? []) {
      addTo(this.byOwner, r.uid, key, o);
      addTo(this.byOwnerKind, `${r.uid}\0${o.kind}`, key, o);
    }
    for (const [k, v] of Object.entries(o.metadata.labels ?? {})) addTo(this.byLabel, `${o.kind}/${ns}/${k}=${v}`, key, o);
    const node = nodeNameOf(o);
    if (node) addTo(this.byNode, node, key, o);
  }

  private unindex(key: string, o: KObject): void {
    const ns = o.metadata.namespace ?? '';
    delFrom(this.byNs, `${o.kind}/${ns}`, key);
    if (o.metadata.uid && this.byUid.get(o.metadata.uid)?.metadata.name === o.metadata.name) this.byUid.delete(o.metadata.uid);
    for (const r of o.metadata.ownerReferences ?? []) {
      delFrom(this.byOwner, r.uid, key);
      delFrom(this.byOwnerKind, `${r.uid}\0${o.kind}`, key);
    }
    for (const [k, v] of Object.entries(o.metadata.labels ?? {})) delFrom(this.byLabel, `${o.kind}/${ns}/${k}=${v}`, key);
    const node = nodeNameOf(o);
    if (node) delFrom(this.byNode, node, key);
  }

  /** etcd's view: every key with its revisions, sorted as `etcdctl get --prefix` lists them. */
  etcdEntries(): EtcdEntry[] {
    return [...this.etcd.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  etcdEntry(key: string): EtcdEntry | undefined {
    return this.etcd.get(key);
  }

  watch(kinds: string[] | null, fn: Watcher): () => void {
    const w = { kinds: kinds ? new Set(kinds) : null, fn };
    this.watchers.push(w);
    // Appended in place: a watcher added while an event is delivered hears that event too.
    for (const [kind, l] of this.kindWatchers) if (!w.kinds || w.kinds.has(kind)) l.push(w);
    return () => {
      this.watchers = this.watchers.filter((x) => x !== w);
      this.kindWatchers = new Map();
    };
  }

  /**
   * Watches the pods bound to one node (spec.nodeName, before or after the change): what a
   * kubelet's field-selected watch (`spec.nodeName=NODE`) delivers. O(1) per event per node.
   */
  watchNodePods(node: string, fn: Watcher): () => void {
    let l = this.nodeWatchers.get(node);
    if (!l) this.nodeWatchers.set(node, (l = []));
    l.push(fn);
    return () => {
      const cur = this.nodeWatchers.get(node) ?? [];
      this.nodeWatchers.set(node, cur.filter((x) => x !== fn));
    };
  }

  private emit(e: WatchEvent): void {
    const kind = e.object.kind;
    let list = this.kindWatchers.get(kind);
    if (!list) this.kindWatchers.set(kind, (list = this.watchers.filter((w) => !w.kinds || w.kinds.has(kind))));
    for (const w of list) w.fn(e);
    if (e.object.kind !== 'Pod' || !this.nodeWatchers.size) return;
    const a = nodeNameOf(e.object);
    const b = nodeNameOf(e.old);
    if (a) for (const fn of this.nodeWatchers.get(a) ?? []) fn(e);
    if (b && b !== a) for (const fn of this.nodeWatchers.get(b) ?? []) fn(e);
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
  // A plain recursive copy: several times faster than a JSON round trip for API objects,
  // which hold only plain objects, arrays and primitives.
  if (o === null || typeof o !== 'object') return o;
  if (Array.isArray(o)) return o.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = clone(v);
  }
  return out as T;
}
