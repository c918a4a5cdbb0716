// Garbage collector: when an owner is deleted, its dependents (ownerReferences by uid)
// are deleted too — background cascading deletion, the default for kubectl delete.

import type { KObject } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector';
  private deletedUids = new Set<string>();
  /** owner uid → dependents' keys, kept from watch events so a deletion costs O(dependents). */
  private dependents = new Map<string, Map<string, KObject>>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    const index = (o: KObject, add: boolean) => {
      const k = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      for (const r of o.metadata.ownerReferences ?? []) {
        let m = this.dependents.get(r.uid);
        if (!m) this.dependents.set(r.uid, (m = new Map()));
        if (add) m.set(k, o);
        else m.delete(k);
      }
    };
    for (const kind of store.kinds()) for (const o of store.list(kind)) index(o, true);
    store.watch(null, (e) => {
      if (e.old) index(e.old, false);
      index(e.object, e.type !== 'DELETED');
      if (e.type === 'DELETED' && e.object.metadata.uid) this.deletedUids.add(e.object.metadata.uid);
    });
  }

  sync(): boolean {
    if (!this.deletedUids.size) return false;
    const uids = [...this.deletedUids];
    this.deletedUids.clear();
    for (const uid of uids) {
      const deps = [...(this.dependents.get(uid)?.values() ?? [])];
      this.dependents.delete(uid);
      for (const d of deps) {
        // A dependent with another live owner stays.
        const others = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (others.some((r) => this.ctx.api.store.list(r.kind, d.metadata.namespace).some((o) => o.metadata.uid === r.uid))) continue;
        this.ctx.api.delete(d.kind, d.metadata.namespace, d.metadata.name);
      }
    }
    return true;
  }
}
