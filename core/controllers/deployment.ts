// Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template
// (named <deploy>-<pod-template-hash>), revisions kept as annotations, rolled over with
// maxSurge/maxUnavailable as rolling.go does (scale the new RS up within the surge first;
// only on a later pass scale old ones down within maxUnavailable), or Recreate.

import type { Deployment, ReplicaSet } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { controllerRef, ownerRefTo } from './owners.ts';
import { omitZero } from './replicaset.ts';
import { podTemplateHash } from './hash.ts';

const COMPONENT = { component: 'deployment-controller' };
export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
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

/** deploymentutil.ResolveFenceposts: maxSurge and maxUnavailable as numbers (never both 0). */
export function fenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec.replicas ?? 1;
  const ru = d.spec.strategy?.rollingUpdate;
  const maxSurge = intOrPercent(ru?.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = intOrPercent(ru?.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
const specReplicas = (rs: ReplicaSet) => rs.spec.replicas ?? 0;
const available = (rs: ReplicaSet) => rs.status?.availableReplicas ?? 0;
const byAge = (a: ReplicaSet, b: ReplicaSet) =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name);

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

  replicaSetsOf(d: Deployment): ReplicaSet[] {
    return this.ctx.api.store.dependents<ReplicaSet>(d.metadata.uid, 'ReplicaSet').filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
  }

  private reconcile(d: Deployment): void {
    const all = this.replicaSetsOf(d);
    const hash = podTemplateHash(d.spec.template);
    let newRS = all.find((rs) => rs.metadata.labels?.[HASH] === hash);
    const olds = all.filter((rs) => rs !== newRS).sort(byAge);
    const paused = !!(d.spec as { paused?: boolean }).paused;
    const maxRev = Math.max(0, ...olds.map(revisionOf));
    if (!paused) {
      if (!newRS) newRS = this.createRS(d, hash, maxRev + 1);
      else if (revisionOf(newRS) <= maxRev) newRS = this.setRevision(d, newRS, maxRev + 1);
    }
    const replicas = d.spec.replicas ?? 1;
    if (paused || !newRS) {
      // A paused Deployment is only scaled (its newest ReplicaSet follows spec.replicas).
      const active = newRS ?? [...all].sort((a, b) => revisionOf(b) - revisionOf(a))[0];
      if (active && olds.every((rs) => rs === active || specReplicas(rs) === 0)) this.scale(d, active, replicas);
      if (active) this.updateStatus(d, active);
      return;
    }
    if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'Recreate') this.recreate(d, newRS, olds);
    else this.rollingUpdate(d, newRS, olds);
    this.cleanup(d, olds);
    this.updateStatus(d, newRS);
  }

  private recreate(d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[]): void {
    let oldRunning = false;
    for (const rs of olds) {
      if (specReplicas(rs) > 0) this.scale(d, rs, 0);
      // Wait until the old pods are gone before any new one is created.
      if (this.ctx.api.store.dependents(rs.metadata.uid, 'Pod').length) oldRunning = true;
    }
    if (!oldRunning) this.scale(d, newRS, d.spec.replicas ?? 1);
  }

  private rollingUpdate(d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[]): void {
    const replicas = d.spec.replicas ?? 1;
    const { maxSurge, maxUnavailable } = fenceposts(d);
    const all = [newRS, ...olds];
    const total = () => all.reduce((s, rs) => s + specReplicas(rs), 0);
    // reconcileNewReplicaSet
    if (specReplicas(newRS) > replicas) {
      this.scale(d, newRS, replicas);
      return;
    }
    if (specReplicas(newRS) < replicas) {
      const room = replicas + maxSurge - total();
      if (room > 0) {
        const up = Math.min(room, replicas - specReplicas(newRS));
        this.scale(d, newRS, specReplicas(newRS) + up);
        return;
      }
    }
    // reconcileOldReplicaSets
    if (!olds.some((rs) => specReplicas(rs) > 0)) return;
    const minAvailable = replicas - maxUnavailable;
    const newUnavailable = specReplicas(newRS) - available(newRS);
    let maxScaledDown = total() - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // cleanupUnhealthyReplicas: unavailable old pods cost nothing to remove.
    for (const rs of olds) {
      if (maxScaledDown <= 0) break;
      const unhealthy = specReplicas(rs) - available(rs);
      if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown, unhealthy);
      const idx = all.indexOf(rs);
      all[idx] = this.scale(d, rs, specReplicas(rs) - down) ?? rs;
      maxScaledDown -= down;
    }
    // scaleDownOldReplicaSetsForRollingUpdate
    const availableNow = all.reduce((s, rs) => s + available(rs), 0);
    if (availableNow <= minAvailable) return;
    let budget = availableNow - minAvailable;
    for (const rs0 of olds) {
      const rs = all[all.findIndex((x) => x.metadata.name === rs0.metadata.name)]!;
      if (budget <= 0) break;
      if (specReplicas(rs) === 0) continue;
      const down = Math.min(specReplicas(rs), budget);
      this.scale(d, rs, specReplicas(rs) - down);
      budget -= down;
    }
  }

  private createRS(d: Deployment, hash: string, revision: number): ReplicaSet | undefined {
    const t = clone(d.spec.template);
    t.metadata = { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}), [HASH]: hash } };
    const { maxSurge } = fenceposts(d);
    const cause = d.metadata.annotations?.[CHANGE_CAUSE];
    const res = this.ctx.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec.template.metadata?.labels ?? {}), [HASH]: hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
          'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + maxSurge),
          [REVISION]: String(revision),
          ...(cause ? { [CHANGE_CAUSE]: cause } : {}),
        },
        ownerReferences: [ownerRefTo(d)],
      },
      spec: {
        replicas: 0,
        ...((d.spec as { minReadySeconds?: number }).minReadySeconds ? { minReadySeconds: (d.spec as { minReadySeconds?: number }).minReadySeconds } : {}),
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

  /** An old template brought back (rollout undo) becomes the newest revision again. */
  private setRevision(d: Deployment, rs: ReplicaSet, rev: number): ReplicaSet {
    const next = clone(rs);
    const cause = d.metadata.annotations?.[CHANGE_CAUSE];
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: String(rev), ...(cause ? { [CHANGE_CAUSE]: cause } : {}) };
    return this.ctx.api.update(next) ?? rs;
  }

  private scale(d: Deployment, rs: ReplicaSet, to: number): ReplicaSet | undefined {
    const from = rs.spec.replicas ?? 0;
    if (from === to) return rs;
    const next = clone(rs);
    next.spec.replicas = to;
    const { maxSurge } = fenceposts(d);
    next.metadata.annotations = {
      ...(next.metadata.annotations ?? {}),
      'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
      'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + maxSurge),
    };
    const stored = this.ctx.api.update(next);
    this.ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, COMPONENT);
    return stored;
  }

  /** Old ReplicaSets scaled to zero beyond revisionHistoryLimit are deleted, oldest first. */
  private cleanup(d: Deployment, olds: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const idle = olds.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) this.ctx.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }

  /** A timer of its own scope: one made inside updateStatus would keep that call's ReplicaSets alive until it fires. */
  private recheckAfter(ms: number, key: string): void {
    this.ctx.clock.after(ms, () => this.queue.add(key), true);
  }

  private updateStatus(d: Deployment, newRS: ReplicaSet): void {
    const all = this.replicaSetsOf(d);
    const sum = (f: (rs: ReplicaSet) => number | undefined) => all.reduce((s, rs) => s + (f(rs) ?? 0), 0);
    const replicas = sum((rs) => rs.status?.replicas);
    const availableNow = sum((rs) => rs.status?.availableReplicas);
    const want = d.spec.replicas ?? 1;
    const cur = this.ctx.api.get<ReplicaSet>('ReplicaSet', newRS.metadata.namespace, newRS.metadata.name) ?? newRS;
    const updated = cur.status?.replicas ?? 0;
    const now = this.ctx.clock.iso();
    const prevConds = (d.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime: string; lastUpdateTime: string; reason: string; message: string }[];
    const cond = (type: string, status: string, reason: string, message: string) => {
      const prev = prevConds.find((c) => c.type === type);
      const same = prev?.status === status && prev.reason === reason && prev.message === message;
      return { type, status, lastUpdateTime: same ? prev.lastUpdateTime : now, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now, reason, message };
    };
    const { maxUnavailable } = fenceposts(d);
    const minAvailable = want - maxUnavailable;
    const complete = updated === want && replicas === want && availableNow === want && (cur.spec.replicas ?? 0) === want;
    const prevProg = prevConds.find((c) => c.type === 'Progressing');
    const deadline = (d.spec as { progressDeadlineSeconds?: number }).progressDeadlineSeconds ?? 600;
    let progressing;
    if (complete) progressing = cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`);
    else if (prevProg?.reason === 'ProgressDeadlineExceeded') progressing = prevProg;
    else if (!prevProg) progressing = cond('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${newRS.metadata.name}"`);
    else {
      progressing = cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newRS.metadata.name}" is progressing.`);
      // util.DeploymentProgressing: more updated/ready/available pods, or fewer old ones, is progress.
      const st = d.status ?? {};
      const oldNow = replicas - updated;
      const oldBefore = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
      const moved = updated > (st.updatedReplicas ?? 0) || availableNow > (st.availableReplicas ?? 0) || sum((rs) => rs.status?.readyReplicas) > (st.readyReplicas ?? 0) || oldNow < oldBefore;
      if (moved) progressing = { ...progressing, lastUpdateTime: now };
      const since = Date.parse(progressing.lastUpdateTime);
      const nowMs = Date.parse(now);
      if (nowMs - since >= deadline * 1000)
        progressing = cond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`);
      else if (progressing.lastUpdateTime === now) {
        // Re-check when the deadline would pass without progress.
        this.recheckAfter(deadline * 1000, `${d.metadata.namespace}/${d.metadata.name}`);
      }
    }
    const status = {
      observedGeneration: d.metadata.generation ?? 1,
      ...omitZero({ replicas, updatedReplicas: updated, readyReplicas: sum((rs) => rs.status?.readyReplicas), availableReplicas: availableNow, unavailableReplicas: Math.max(0, want - availableNow) }),
      conditions: [
        availableNow >= minAvailable
          ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        progressing,
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
