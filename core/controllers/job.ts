// Job controller (pkg/controller/job): runs pods until `completions` succeed, `parallelism`
// at a time; failed pods are replaced after an exponential back-off (10 s, 20 s, ... 6 min)
// until backoffLimit failures, then the Job fails. Events and conditions as upstream:
// "Created pod: pi-x7k2q", "Job completed", "Job has reached the specified backoff limit".

import type { KObject, LabelSelector, Pod, PodTemplateSpec } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { controllerRef, isPodReady, ownerRefTo } from './owners.ts';

const COMPONENT = { component: 'job-controller' };
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

export interface Job extends KObject {
  kind: 'Job';
  spec: {
    parallelism?: number;
    completions?: number | null;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    suspend?: boolean;
    selector?: LabelSelector;
    template: PodTemplateSpec;
  };
  status?: {
    active?: number;
    succeeded?: number;
    failed?: number;
    ready?: number;
    terminating?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: { type: string; status: string; lastProbeTime: string; lastTransitionTime: string; reason?: string; message?: string }[];
    uncountedTerminatedPods?: Record<string, unknown>;
  };
}

export class JobController implements Component {
  readonly name = 'job-controller';
  private queue = new WorkQueue<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    for (const j of store.list('Job')) this.queue.add(`${j.metadata.namespace}/${j.metadata.name}`);
    store.watch(['Job'], (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    store.watch(['Pod'], (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'Job') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    for (const key of this.queue.drain()) {
      const [ns, name] = key.split('/') as [string, string];
      const j = this.ctx.api.get<Job>('Job', ns, name);
      if (j && !j.metadata.deletionTimestamp) this.reconcile(j);
    }
    return true;
  }

  private finished(j: Job): string | undefined {
    return j.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
  }

  private reconcile(j: Job): void {
    const key = `${j.metadata.namespace}/${j.metadata.name}`;
    const pods = this.ctx.api.store.dependents<Pod>(j.metadata.uid, 'Pod').filter((p) => controllerRef(p)?.uid === j.metadata.uid);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const active = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const completions = j.spec.completions ?? 1;
    const parallelism = j.spec.parallelism ?? 1;
    const backoffLimit = j.spec.backoffLimit ?? 6;
    const now = this.ctx.clock.iso();
    const status = clone(j.status ?? {});
    status.startTime ??= j.spec.suspend ? undefined : now;
    const done = this.finished(j);
    let conds = status.conditions ?? [];
    const cond = (type: string, reason: string, message: string) => ({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message });
    if (!done) {
      if (failed > backoffLimit) {
        for (const p of active) this.ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
        conds = [...conds, cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'), cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')];
        this.ctx.events.record(j, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', COMPONENT);
      } else if (succeeded >= completions) {
        conds = [...conds, cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'), cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')];
        status.completionTime = now;
        this.ctx.events.record(j, 'Normal', 'Completed', 'Job completed', COMPONENT);
      } else if (!j.spec.suspend) {
        const want = Math.min(parallelism, completions - succeeded) - active.length;
        if (want > 0) {
          const wait = failed ? Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failed - 1)) : 0;
          const lastFail = pods.filter((p) => p.status?.phase === 'Failed').map((p) => this.finishedAt(p)).sort().pop();
          const due = lastFail ? Date.parse(lastFail) + wait : 0;
          const nowMs = Date.parse(now);
          if (due > nowMs) this.ctx.clock.after(due - nowMs, () => this.queue.add(key));
          else for (let i = 0; i < want; i++) this.createPod(j);
        }
      }
    }
    status.conditions = conds.length ? conds : undefined;
    const cur = this.ctx.api.store.dependents<Pod>(j.metadata.uid, 'Pod').filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    status.active = cur.length || undefined;
    status.ready = cur.filter(isPodReady).length;
    status.succeeded = succeeded || undefined;
    status.failed = failed || undefined;
    status.terminating = pods.filter((p) => p.metadata.deletionTimestamp).length;
    status.uncountedTerminatedPods = {};
    const clean = JSON.parse(JSON.stringify(status)) as Job['status'];
    if (JSON.stringify(clean) !== JSON.stringify(j.status)) {
      const next = clone(j);
      next.status = clean;
      this.ctx.api.update(next);
    }
    const fin = this.finished({ ...j, status: clean } as Job);
    if (fin && j.spec.ttlSecondsAfterFinished !== undefined && !done) {
      this.ctx.clock.after(j.spec.ttlSecondsAfterFinished * 1000, () => {
        const cur2 = this.ctx.api.get('Job', j.metadata.namespace, j.metadata.name);
        if (cur2?.metadata.uid === j.metadata.uid) this.ctx.api.delete('Job', j.metadata.namespace, j.metadata.name);
      });
    }
  }

  private finishedAt(p: Pod): string {
    const t = [...(p.status?.containerStatuses ?? [])].map((c) => c.state.terminated?.finishedAt ?? '').sort().pop();
    return t || p.metadata.creationTimestamp || '';
  }

  private createPod(j: Job): void {
    const t = j.spec.template;
    const res = this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${j.metadata.name}-`,
        namespace: j.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}) },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(j)],
      },
      spec: clone(t.spec),
    });
    if (res.ok) this.ctx.events.record(j, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`, COMPONENT);
    else this.ctx.events.record(j, 'Warning', 'FailedCreate', `Error creating: ${res.message}`, COMPONENT);
  }
}
