// Namespace controller (pkg/controller/namespace): a namespace being deleted (phase
// Terminating) is emptied — every object in it deleted, pods gracefully — and removed once
// nothing is left, with the NamespaceContentRemaining condition saying what is still there.

import type { KObject } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { resourceForKind } from '../api/resources.ts';

export class NamespaceController implements Component {
  readonly name = 'namespace-controller';
  private queue = new WorkQueue<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    store.watch(null, (e) => {
      if (e.object.kind === 'Namespace') {
        if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name);
        return;
      }
      // Something left a terminating namespace: maybe it is empty now.
      const ns = e.object.metadata.namespace;
      if (e.type === 'DELETED' && ns && store.get('Namespace', undefined, ns)?.metadata.deletionTimestamp) this.queue.add(ns);
    });
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    for (const name of this.queue.drain()) {
      const ns = this.ctx.api.get('Namespace', undefined, name);
      if (ns?.metadata.deletionTimestamp) this.empty(ns);
    }
    return true;
  }

  private empty(ns: KObject): void {
    const store = this.ctx.api.store;
    const left = new Map<string, number>();
    for (const kind of store.kinds()) {
      if (kind === 'Event' || !resourceForKind(kind).namespaced) continue;
      for (const o of store.list(kind, ns.metadata.name)) {
        if (!o.metadata.deletionTimestamp) this.ctx.api.delete(kind, ns.metadata.name, o.metadata.name);
        if (store.get(kind, ns.metadata.name, o.metadata.name)) left.set(kind, (left.get(kind) ?? 0) + 1);
      }
    }
    if (!left.size) {
      for (const ev of store.list('Event', ns.metadata.name)) store.remove('Event', ns.metadata.name, ev.metadata.name);
      this.ctx.api.finalizeNamespace(ns.metadata.name);
      return;
    }
    const now = this.ctx.clock.iso();
    const remaining = [...left].map(([k, n]) => {
      const r = resourceForKind(k);
      return `${r.plural}.${r.group} has ${n} resource instances`;
    }).sort().join(', ');
    const conds = [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', lastTransitionTime: now, reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', lastTransitionTime: now, reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      { type: 'NamespaceDeletionContentFailure', status: 'False', lastTransitionTime: now, reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      { type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining}` },
      { type: 'NamespaceFinalizersRemaining', status: 'False', lastTransitionTime: now, reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ];
    const prev = (ns.status as { conditions?: { type: string; message: string; lastTransitionTime: string }[] } | undefined)?.conditions ?? [];
    const merged = conds.map((c) => {
      const p = prev.find((x) => x.type === c.type);
      return p && JSON.stringify({ ...p, lastTransitionTime: '' }) === JSON.stringify({ ...c, lastTransitionTime: '' }) ? p : c;
    });
    if (JSON.stringify(merged) === JSON.stringify(prev)) return;
    const next = clone(ns);
    next.status = { phase: 'Terminating', conditions: merged };
    this.ctx.api.update(next);
  }
}
