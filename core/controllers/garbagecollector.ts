// Garbage collector (pkg/controller/garbagecollector): dependents follow their owners.
// - Background (kubectl's default): the owner is gone at once; its dependents, found by
//   ownerReferences uid, are deleted after it.
// - Foreground: the owner keeps a deletionTimestamp and the `foregroundDeletion` finalizer
//   while its dependents are deleted (foreground too); the finalizer is removed when no
//   dependent with blockOwnerDeletion is left, and the owner goes.
// - Orphan: the `orphan` finalizer makes the collector strip the ownerReference from every
//   dependent, then remove the finalizer: the dependents stay.
// Dependents are looked up through the store's owner index: O(dependents) per deletion.

import type { KObject } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { clone } from '../api/store.ts';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector';
  /** Owners that were deleted (uid): their dependents are to be collected. */
  private deleted = new Set<string>();
  /** Owners being deleted with a GC finalizer (kind/ns/name). */
  private finalizing = new Set<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    store.watch(null, (e) => {
      const o = e.object;
      if (e.type === 'DELETED') {
        if (o.metadata.uid && store.dependents(o.metadata.uid).length) this.deleted.add(o.metadata.uid);
        // A dependent left: its foreground-deleting owners may be done now.
        for (const r of o.metadata.ownerReferences ?? []) {
          const owner = store.byUID(r.uid);
          if (owner?.metadata.finalizers?.includes(FOREGROUND)) this.finalizing.add(keyOf(owner));
        }
        return;
      }
      if (o.metadata.deletionTimestamp && hasGcFinalizer(o)) this.finalizing.add(keyOf(o));
    });
  }

  sync(): boolean {
    if (!this.deleted.size && !this.finalizing.size) return false;
    const uids = [...this.deleted];
    this.deleted.clear();
    for (const uid of uids) this.collectDependentsOf(uid);
    const owners = [...this.finalizing];
    this.finalizing.clear();
    for (const k of owners) {
      const [kind, ns, name] = k.split('/') as [string, string, string];
      const o = this.ctx.api.store.get(kind, ns || undefined, name);
      if (o?.metadata.deletionTimestamp) this.finalize(o);
    }
    return true;
  }

  /** The owner is gone: delete dependents that have no other live owner, unhook the rest. */
  private collectDependentsOf(uid: string, policy: 'Background' | 'Foreground' = 'Background'): void {
    const store = this.ctx.api.store;
    for (const d of store.dependents(uid)) {
      const live = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && store.byUID(r.uid));
      if (live.length) {
        const next = clone(d);
        next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        this.ctx.api.update(next);
        continue;
      }
      if (d.metadata.deletionTimestamp) continue;
      this.ctx.api.delete(d.kind, d.metadata.namespace, d.metadata.name, { propagationPolicy: policy });
    }
  }

  private finalize(owner: KObject): void {
    const store = this.ctx.api.store;
    const uid = owner.metadata.uid!;
    const fins = owner.metadata.finalizers ?? [];
    if (fins.includes(ORPHAN)) {
      for (const d of store.dependents(uid)) {
        const next = clone(d);
        next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
        this.ctx.api.update(next);
      }
      this.dropFinalizer(owner, ORPHAN);
      return;
    }
    if (fins.includes(FOREGROUND)) {
      this.collectDependentsOf(uid, 'Foreground');
      const blocking = store.dependents(uid).filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
      if (!blocking.length) this.dropFinalizer(owner, FOREGROUND);
    }
  }

  private dropFinalizer(o: KObject, f: string): void {
    const cur = this.ctx.api.store.get(o.kind, o.metadata.namespace, o.metadata.name);
    if (!cur) return;
    const next = clone(cur);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((x) => x !== f);
    if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
    this.ctx.api.update(next);
  }
}

const keyOf = (o: KObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const hasGcFinalizer = (o: KObject) => !!o.metadata.finalizers?.some((f) => f === FOREGROUND || f === ORPHAN);
