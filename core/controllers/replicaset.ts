// ReplicaSet controller: keeps `replicas` active pods owned by each ReplicaSet, creating
// them from the template (name = <rs>-<5 random chars>) or deleting the least useful.

import type { Pod, ReplicaSet } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { controllerRef, isPodActive, isPodReady, ownerRefTo } from './owners.ts';
import { matchesSelector } from '../api/labels.ts';

const COMPONENT = { component: 'replicaset-controller' };

export class ReplicaSetController implements Component {
  readonly name = 'replicaset-controller';
  private queue = new WorkQueue<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    for (const rs of store.list('ReplicaSet')) this.queue.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
    store.watch(['ReplicaSet'], (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    store.watch(['Pod'], (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'ReplicaSet') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    for (const key of this.queue.drain()) {
      const [ns, name] = key.split('/') as [string, string];
      const rs = this.ctx.api.get<ReplicaSet>('ReplicaSet', ns, name);
      if (rs && !rs.metadata.deletionTimestamp) this.reconcile(rs);
    }
    return true;
  }

  private podsOf(rs: ReplicaSet): Pod[] {
    return this.ctx.api.store.dependents<Pod>(rs.metadata.uid, 'Pod').filter((p) => controllerRef(p)?.uid === rs.metadata.uid);
  }

  /** Pods that match the selector and have no controller are adopted (ownerReference added). */
  private adopt(rs: ReplicaSet): void {
    const ml = rs.spec.selector.matchLabels;
    if (!ml || !Object.keys(ml).length) return;
    for (const p of this.ctx.api.store.selectMap<Pod>('Pod', rs.metadata.namespace!, ml)) {
      if (controllerRef(p) || !isPodActive(p) || !matchesSelector(rs.spec.selector, p.metadata.labels)) continue;
      const next = clone(p);
      next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefTo(rs)];
      this.ctx.api.update(next);
    }
  }

  private reconcile(rs: ReplicaSet): void {
    this.adopt(rs);
    const pods = this.podsOf(rs);
    const active = pods.filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    if (active.length < want) {
      for (let i = active.length; i < want; i++) this.createPod(rs);
    } else if (active.length > want) {
      const victims = podsToDelete(active, active.length - want);
      for (const p of victims) {
        this.ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
        this.ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT);
      }
    }
    this.updateStatus(rs, this.podsOf(rs).filter(isPodActive));
  }

  private createPod(rs: ReplicaSet): void {
    const t = rs.spec.template;
    const res = this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}) },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(rs)],
      },
      spec: clone(t.spec),
    });
    if (res.ok) this.ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`, COMPONENT);
    else this.ctx.events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${res.message}`, COMPONENT);
  }

  private updateStatus(rs: ReplicaSet, active: Pod[]): void {
    const ready = active.filter(isPodReady).length;
    // Zero counts are omitted (omitempty), except replicas, as the API serialises them.
    const status = omitZero({
      replicas: active.length,
      fullyLabeledReplicas: active.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    }, ['replicas']) as ReplicaSet['status'];
    if (JSON.stringify(status) === JSON.stringify(rs.status)) return;
    this.ctx.api.update({ ...clone(rs), status });
  }
}

export function omitZero<T extends Record<string, number>>(o: T, keep: string[] = []): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== 0 || keep.includes(k)) (out as Record<string, number>)[k] = v;
  return out;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Which pods a scale-down removes first (controller.ActivePodsWithRanks): unscheduled before
 * scheduled, Pending before Running, not ready before ready, pods on nodes crowded with
 * siblings before lonely ones, then the youngest.
 */
export function podsToDelete(active: Pod[], n: number): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of active) if (p.spec.nodeName) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
  const key = (p: Pod) => [
    p.spec.nodeName ? 1 : 0,
    PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0,
    isPodReady(p) ? 1 : 0,
    -(onNode.get(p.spec.nodeName ?? '') ?? 0),
  ];
  return [...active].sort((a, b) => {
    const ka = key(a), kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || b.metadata.name.localeCompare(a.metadata.name);
  }).slice(0, n);
}
