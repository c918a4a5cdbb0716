// StatefulSet controller (pkg/controller/statefulset): pods with stable names <set>-0,
// <set>-1, ... and a stable DNS name through the governing Service (hostname/subdomain).
// OrderedReady creates them one at a time in order, each once its predecessors are Running
// and Ready, and removes them from the highest ordinal down; Parallel does not wait.
// Rolling updates replace pods from the highest ordinal down to the partition.

import type { KObject, LabelSelector, Pod, PodTemplateSpec } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { controllerRef, isPodReady, ownerRefTo } from './owners.ts';
import { ensureRevision } from './revisions.ts';

const COMPONENT = { component: 'statefulset-controller' };

export interface StatefulSet extends KObject {
  kind: 'StatefulSet';
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: LabelSelector;
    template: PodTemplateSpec;
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    ordinals?: { start?: number };
  };
  status?: Record<string, unknown>;
}

const ordinalOf = (set: string, p: Pod): number => {
  const m = new RegExp(`^${set.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(p.metadata.name);
  return m ? Number(m[1]) : -1;
};
const runningReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;

export class StatefulSetController implements Component {
  readonly name = 'statefulset-controller';
  private queue = new WorkQueue<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    for (const s of store.list('StatefulSet')) this.queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
    store.watch(['StatefulSet'], (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    store.watch(['Pod'], (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'StatefulSet') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    for (const key of this.queue.drain()) {
      const [ns, name] = key.split('/') as [string, string];
      const s = this.ctx.api.get<StatefulSet>('StatefulSet', ns, name);
      if (s && !s.metadata.deletionTimestamp) this.reconcile(s);
    }
    return true;
  }

  private reconcile(set: StatefulSet): void {
    const name = set.metadata.name;
    const rev = ensureRevision(this.ctx, set, set.spec.template, set.spec.selector.matchLabels ?? {});
    const updateRevision = rev.name;
    const pods = this.ctx.api.store.dependents<Pod>(set.metadata.uid, 'Pod').filter((p) => controllerRef(p)?.uid === set.metadata.uid);
    const byOrdinal = new Map<number, Pod>();
    for (const p of pods) byOrdinal.set(ordinalOf(name, p), p);
    const replicas = set.spec.replicas ?? 1;
    const start = set.spec.ordinals?.start ?? 0;
    const ordered = (set.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    // Failed pods are deleted to be recreated.
    for (const p of pods) if (p.status?.phase === 'Failed' && !p.metadata.deletionTimestamp) this.deletePod(set, p);
    // Create missing pods in order.
    for (let i = start; i < start + replicas; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        this.createPod(set, i, updateRevision);
        if (ordered) break;
        continue;
      }
      if (ordered && !runningReady(p)) break;
    }
    // Scale down: highest ordinal first, one at a time when ordered.
    const extra = pods.filter((p) => { const o = ordinalOf(name, p); return o < start || o >= start + replicas; }).sort((a, b) => ordinalOf(name, b) - ordinalOf(name, a));
    for (const p of extra) {
      if (p.metadata.deletionTimestamp) {
        if (ordered) break;
        continue;
      }
      if (ordered && pods.some((q) => q !== p && ordinalOf(name, q) < start + replicas && !runningReady(q))) break;
      this.deletePod(set, p);
      if (ordered) break;
    }
    // Rolling update from the highest ordinal down to the partition.
    if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && extra.length === 0) {
      const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      const inSet = [...byOrdinal.entries()].filter(([o]) => o >= start && o < start + replicas).sort((a, b) => b[0] - a[0]);
      const allHealthy = inSet.length === replicas && inSet.every(([, p]) => runningReady(p));
      if (allHealthy) {
        const stale = inSet.find(([o, p]) => o - start >= partition && p.metadata.labels?.['controller-revision-hash'] !== updateRevision);
        if (stale) this.deletePod(set, stale[1]);
      }
    }
    this.updateStatus(set, updateRevision);
  }

  private createPod(set: StatefulSet, ordinal: number, revision: string): void {
    const t = clone(set.spec.template);
    const podName = `${set.metadata.name}-${ordinal}`;
    const spec = t.spec;
    spec.hostname = podName;
    if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
    const res = this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace: set.metadata.namespace,
        labels: {
          ...(t.metadata?.labels ?? {}),
          'apps.kubernetes.io/pod-index': String(ordinal),
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': podName,
        },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(set)],
      },
      spec,
    });
    if (res.ok) this.ctx.events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
    else this.ctx.events.record(set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${res.message}`, COMPONENT);
  }

  private deletePod(set: StatefulSet, p: Pod): void {
    this.ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
    this.ctx.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
  }

  private updateStatus(set: StatefulSet, updateRevision: string): void {
    const pods = this.ctx.api.store.dependents<Pod>(set.metadata.uid, 'Pod').filter((p) => !p.metadata.deletionTimestamp);
    const ready = pods.filter(isPodReady).length;
    const updated = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === updateRevision).length;
    const prev = (set.status ?? {}) as { currentRevision?: string };
    const allUpdated = updated === pods.length && pods.length === (set.spec.replicas ?? 1);
    const currentRevision = allUpdated || !prev.currentRevision ? updateRevision : prev.currentRevision;
    const current = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === currentRevision).length;
    const status = {
      availableReplicas: ready,
      collisionCount: 0,
      currentReplicas: current,
      currentRevision,
      observedGeneration: set.metadata.generation ?? 1,
      readyReplicas: ready || undefined,
      replicas: pods.length,
      updateRevision,
      updatedReplicas: updated || undefined,
    };
    const clean = JSON.parse(JSON.stringify(status)) as Record<string, unknown>;
    if (JSON.stringify(clean) === JSON.stringify(set.status)) return;
    const next = clone(set);
    next.status = clean;
    this.ctx.api.update(next);
  }
}
