// A watch cache over the object store, after kube-apiserver's (the cacher): it keeps the recent
// changes with the revision each happened at, so a client that holds the state as of revision R
// asks for "what changed since R" instead of listing everything again. Like the real one it is a
// bounded window: a revision older than what it still remembers is "too old" (the API server's
// 410 Gone), and the client lists afresh. Here the client is the page, fed by the Web Worker.

import { keyOfObject, type ObjectStore } from './store.ts';
import type { KObject } from './types.ts';

/** The state of the changed keys, as of `revision`. */
export interface ChangesSince {
  /** The store's revision the changes bring the client to. */
  revision: number;
  /** Objects created or modified since the asked revision (their latest version), by key order of first change. */
  upsert: KObject[];
  /** Keys (`Kind/namespace/name`) of objects deleted since then and not created again. */
  remove: string[];
}

export interface WatchCacheOptions {
  /** Kinds left out (Events churn and are sent apart). */
  ignore?: string[];
  /** Changes remembered at most; older ones are forgotten (a client that far behind lists again). */
  capacity?: number;
}

interface Entry {
  rev: number;
  key: string;
  /** The object after the change; undefined when it was deleted. */
  object: KObject | undefined;
}

export class WatchCache {
  private log: Entry[] = [];
  /** Changes at revisions ≤ this are no longer in the log: asking since an older one is too old. */
  private compacted: number;
  private readonly ignore: Set<string>;
  private readonly capacity: number;
  private readonly stop: () => void;

  constructor(readonly store: ObjectStore, opts: WatchCacheOptions = {}) {
    this.ignore = new Set(opts.ignore ?? []);
    this.capacity = opts.capacity ?? 100_000;
    this.compacted = store.rev;
    this.stop = store.watch(null, (e) => {
      if (this.ignore.has(e.object.kind)) return;
      // A delete's event carries the object as it was; the revision is the store's after the write.
      this.log.push({ rev: store.rev, key: keyOfObject(e.object), object: e.type === 'DELETED' ? undefined : e.object });
      // Past capacity the older half goes at once, so a busy store pays for it now and then.
      if (this.log.length > this.capacity) this.compact(this.log[this.log.length - Math.ceil(this.capacity / 2) - 1]!.rev);
    });
  }

  /** The oldest revision `since` still answers. */
  get oldest(): number {
    return this.compacted;
  }

  /**
   * What changed after `rev`, folded per key to its latest state; null when `rev` is older than
   * the window (the caller lists everything instead) or newer than the store (a different store).
   */
  since(rev: number): ChangesSince | null {
    if (rev < this.compacted || rev > this.store.rev) return null;
    const latest = new Map<string, KObject | undefined>();
    for (let i = this.firstAfter(rev); i < this.log.length; i++) {
      const e = this.log[i]!;
      latest.set(e.key, e.object);
    }
    const upsert: KObject[] = [];
    const remove: string[] = [];
    for (const [key, object] of latest) {
      if (object) upsert.push(object);
      else remove.push(key);
    }
    return { revision: this.store.rev, upsert, remove };
  }

  /** Forgets the changes at revisions ≤ `rev` (etcd's compaction): every client is past them. */
  compact(rev: number): void {
    if (rev <= this.compacted) return;
    this.log = this.log.slice(this.firstAfter(rev));
    this.compacted = Math.min(rev, this.store.rev);
  }

  /** Stops following the store. */
  close(): void {
    this.stop();
    this.log = [];
  }

  /** Index of the first entry with a revision above `rev` (the log is in revision order). */
  private firstAfter(rev: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.log[mid]!.rev <= rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
