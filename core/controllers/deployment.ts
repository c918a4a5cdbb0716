// Deployment controller: one ReplicaSet per pod template (named <deploy>-<pod-template-hash>),
// rolled over with maxSurge/maxUnavailable (or Recreate), revisions kept as annotations.

import type { Deployment, ReplicaSet } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { controllerRef, ownerRefTo } from './owners.ts';
import { omitZero } from './replicaset.ts';
import { podTemplateHash } from './hash.ts';

const COMPONENT = { component: 'deployment-controller' };
const REVISION = 'deployment.kubernetes.io/revision';
const HASH = 'pod-template-hash';

/** Resolves an int-or-percent against a total (maxSurge rounds up, maxUnavailable down). */
export function intOrPercent(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export class DeploymentController implements Component {
  readonly name = 'deployment-controller';
  private queue = new WorkQueue<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    for (const d of store.list('Deployment')) this.queue.add(`${d.metadata.namespace}/${d.metadata.name}`);
    store.watch(['Deployment'], (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    store.watch(['ReplicaSet'], (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'Deployment') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    for (const key of this.queue.drain()) {
      const [ns, name] = key.split('/') as [string, string];
      const d = this.ctx.api.get<Deployment>('Deployment', ns, name);
      if (d && !d.metadata.deletionTimestamp) this.reconcile(d);
    }
    return true;
  }

  private reconcile(d: Deployment): void {
    const all = this.ctx.api.list<ReplicaSet>('ReplicaSet', d.metadata.namespace).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
    const hash = podTemplateHash(d.spec.template);
    let newRS = all.find((rs) => rs.metadata.labels?.[HASH] === hash);
    const olds = all.filter((rs) => rs !== newRS);
    const maxRev = Math.max(0, ...all.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0)));
    if (!newRS) newRS = this.createRS(d, hash, maxRev + 1);
    else if (Number(newRS.metadata.annotations?.[REVISION] ?? 0) < maxRev) newRS = this.setRevision(newRS, maxRev + 1);
    if (!newRS) return;
    const replicas = d.spec.replicas ?? 1;
    const strategy = d.spec.strategy?.type ?? 'RollingUpdate';
    const activeOld = olds.filter((rs) => (rs.spec.replicas ?? 0) > 0 || (rs.status?.replicas ?? 0) > 0);

    if (strategy === 'Recreate') {
      for (const rs of activeOld) this.scale(d, rs, 0);
      if (!activeOld.length) this.scale(d, newRS, replicas);
    } else if (!activeOld.length) {
      this.scale(d, newRS, replicas);
    } else {
      let maxSurge = intOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true);
      let maxUnavailable = intOrPercent(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', replicas, false);
      if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
      maxSurge = Math.max(0, maxSurge);
      const total = all.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
      const newReplicas = newRS.spec.replicas ?? 0;
      if (total < replicas + maxSurge && newReplicas < replicas)
        newRS = this.scale(d, newRS, Math.min(replicas, newReplicas + (replicas + maxSurge - total))) ?? newRS;
      const available = all.reduce((s, rs) => s + (rs.status?.availableReplicas ?? 0), 0);
      let canDrop = available - (replicas - maxUnavailable);
      // Old replicas that are not available cost nothing to remove.
      for (const rs of activeOld) {
        const unavailable = Math.max(0, (rs.spec.replicas ?? 0) - (rs.status?.availableReplicas ?? 0));
        const drop = Math.min(rs.spec.replicas ?? 0, unavailable + Math.max(0, canDrop));
        if (drop <= 0) continue;
        canDrop -= Math.max(0, drop - unavailable);
        this.scale(d, rs, (rs.spec.replicas ?? 0) - drop);
      }
    }
    this.cleanup(d, olds);
    this.updateStatus(d, newRS);
  }

  private createRS(d: Deployment, hash: string, revision: number): ReplicaSet | undefined {
    const t = clone(d.spec.template);
    t.metadata = { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}), [HASH]: hash } };
    const res = this.ctx.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec.template.metadata?.labels ?? {}), [HASH]: hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
          'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + intOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', d.spec.replicas ?? 1, true)),
          [REVISION]: String(revision),
        },
        ownerReferences: [ownerRefTo(d)],
      },
      spec: {
        replicas: 0,
        selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [HASH]: hash } },
        template: t,
      },
    });
    if (!res.ok) {
      this.ctx.events.record(d, 'Warning', 'FailedCreate', res.message, COMPONENT);
      return undefined;
    }
    return res.object as ReplicaSet;
  }

  private setRevision(rs: ReplicaSet, rev: number): ReplicaSet {
    const next = clone(rs);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: String(rev) };
    return this.ctx.api.update(next) ?? rs;
  }

  private scale(d: Deployment, rs: ReplicaSet, to: number): ReplicaSet | undefined {
    const from = rs.spec.replicas ?? 0;
    if (from === to) return rs;
    const next = clone(rs);
    next.spec.replicas = to;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1) };
    const stored = this.ctx.api.update(next);
    this.ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, COMPONENT);
    return stored;
  }

  /** Old ReplicaSets scaled to zero beyond revisionHistoryLimit are deleted, oldest first. */
  private cleanup(d: Deployment, olds: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const idle = olds.filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0)
      .sort((a, b) => Number(a.metadata.annotations?.[REVISION] ?? 0) - Number(b.metadata.annotations?.[REVISION] ?? 0));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) this.ctx.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }

  private updateStatus(d: Deployment, newRS: ReplicaSet): void {
    const all = this.ctx.api.list<ReplicaSet>('ReplicaSet', d.metadata.namespace).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
    const sum = (f: (rs: ReplicaSet) => number | undefined) => all.reduce((s, rs) => s + (f(rs) ?? 0), 0);
    const replicas = sum((rs) => rs.status?.replicas);
    const available = sum((rs) => rs.status?.availableReplicas);
    const want = d.spec.replicas ?? 1;
    const updated = this.ctx.api.get<ReplicaSet>('ReplicaSet', newRS.metadata.namespace, newRS.metadata.name)?.status?.replicas ?? 0;
    const now = this.ctx.clock.iso();
    const prevConds = (d.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime: string; lastUpdateTime: string; reason: string; message: string }[];
    const cond = (type: string, status: string, reason: string, message: string) => {
      const prev = prevConds.find((c) => c.type === type);
      const same = prev?.status === status && prev.reason === reason && prev.message === message;
      return { type, status, lastUpdateTime: same ? prev.lastUpdateTime : now, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now, reason, message };
    };
    const minAvailable = want - intOrPercent(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', want, false);
    const complete = updated === want && replicas === want && available === want;
    const status = {
      observedGeneration: d.metadata.generation ?? 1,
      ...omitZero({ replicas, updatedReplicas: updated, readyReplicas: sum((rs) => rs.status?.readyReplicas), availableReplicas: available, unavailableReplicas: Math.max(0, want - available) }),
      conditions: [
        available >= minAvailable
          ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        complete
          ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`)
          : cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newRS.metadata.name}" is progressing.`),
      ],
    };
    const rev = newRS.metadata.annotations?.[REVISION];
    const next = clone(d);
    next.status = status as Deployment['status'];
    if (rev) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: rev };
    if (JSON.stringify(next.status) === JSON.stringify(d.status) && next.metadata.annotations?.[REVISION] === d.metadata.annotations?.[REVISION]) return;
    this.ctx.api.update(next);
  }
}
