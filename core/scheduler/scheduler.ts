// kube-scheduler: takes unscheduled pods from its queue, runs the filter plugins on
// every node, scores the feasible ones, binds to the best, and reports as the real one
// does (`Successfully assigned ...`, `0/3 nodes are available: ...`).

import type { Pod } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { SchedulerCache } from './cache.ts';
import type { Decision, FilterPlugin, NodeInfo, ScorePlugin, Status } from './types.ts';
import { nodeUnschedulable } from './plugins/nodeUnschedulable.ts';
import { nodeName } from './plugins/nodeName.ts';
import { taintToleration } from './plugins/taintToleration.ts';
import { nodeAffinity } from './plugins/nodeAffinity.ts';
import { nodePorts } from './plugins/nodePorts.ts';
import { nodeResourcesFit, balancedAllocation } from './plugins/nodeResourcesFit.ts';
import { fitErrorMessage } from './fitError.ts';

// The default profile's order (pkg/scheduler/apis/config/v1/default_plugins.go).
const FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit];
const SCORES: ScorePlugin[] = [taintToleration, nodeAffinity, nodeResourcesFit, balancedAllocation];

export const SCHEDULER_NAME = 'default-scheduler';

export class Scheduler implements Component {
  readonly name = 'kube-scheduler';
  private active = new WorkQueue<string>();
  private unschedulable = new Set<string>();
  readonly cache: SchedulerCache;
  readonly decisions = new Map<string, Decision>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    this.cache = new SchedulerCache(store);
    for (const p of store.list<Pod>('Pod')) this.consider(p);
    store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      if (e.type === 'DELETED') {
        this.unschedulable.delete(key);
        this.decisions.delete(key);
        if (p.spec.nodeName) this.retryUnschedulable();
        return;
      }
      this.consider(p);
      // A pod that finished or left frees room: retry the ones waiting.
      if (e.old && p.spec.nodeName && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')) this.retryUnschedulable();
    });
    store.watch(['Node'], () => this.retryUnschedulable());
  }

  private consider(p: Pod): void {
    if (p.spec.nodeName || p.metadata.deletionTimestamp) return;
    if ((p.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return;
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    if (!this.unschedulable.has(key)) this.active.add(key);
  }

  private retryUnschedulable(): void {
    for (const k of this.unschedulable) this.active.add(k);
    this.unschedulable.clear();
  }

  sync(): boolean {
    if (!this.active.size) return false;
    for (const key of this.active.drain()) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.ctx.api.get<Pod>('Pod', ns, name);
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) continue;
      this.scheduleOne(pod, key);
    }
    return true;
  }

  private scheduleOne(pod: Pod, key: string): void {
    const d: Decision = { pod: key, time: this.ctx.clock.now(), filters: {}, scores: {} };
    const feasible: NodeInfo[] = [];
    for (const ni of this.cache.nodes.values()) {
      let st: Status = { code: 'Success', reasons: [] };
      for (const f of FILTERS) {
        const r = f.filter(pod, ni);
        if (r.code !== 'Success') {
          st = { ...r, plugin: f.name };
          break;
        }
      }
      d.filters[ni.node.metadata.name] = st;
      if (st.code === 'Success') feasible.push(ni);
    }
    this.decisions.set(key, d);
    if (!feasible.length) return this.fail(pod, key, d);
    const best = this.pickHost(pod, feasible, d);
    d.node = best;
    this.bind(pod, best);
  }

  private pickHost(pod: Pod, feasible: NodeInfo[], d: Decision): string {
    if (feasible.length === 1) return feasible[0]!.node.metadata.name;
    const total = new Map<string, number>();
    for (const p of SCORES) {
      const s = new Map(feasible.map((ni) => [ni.node.metadata.name, p.score(pod, ni)]));
      p.normalize?.(s);
      for (const [n, v] of s) {
        total.set(n, (total.get(n) ?? 0) + v * p.weight);
        (d.scores[n] ??= {})[p.name] = v;
      }
    }
    // Ties are broken at random (reservoir sampling in selectHost), with our seeded RNG.
    let best = '';
    let bestScore = -1;
    let ties = 0;
    for (const [n, v] of total) {
      if (v > bestScore) [best, bestScore, ties] = [n, v, 1];
      else if (v === bestScore && this.ctx.rng.int(++ties) === 0) best = n;
    }
    return best;
  }

  private bind(pod: Pod, node: string): void {
    this.cache.assume(pod, node);
    const next = clone(pod);
    next.spec.nodeName = node;
    next.status = { ...(next.status ?? { phase: 'Pending' }) };
    setScheduled(next, this.ctx.clock.iso(), 'True');
    const stored = this.ctx.api.update(next);
    if (!stored) return;
    this.ctx.events.record(stored, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, { component: SCHEDULER_NAME });
  }

  private fail(pod: Pod, key: string, d: Decision): void {
    const msg = fitErrorMessage(this.cache.nodes.size, Object.values(d.filters), pod.spec.preemptionPolicy === 'Never');
    d.message = msg;
    this.unschedulable.add(key);
    const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (prev?.status === 'False' && prev.message === msg) return;
    const next = clone(pod);
    next.status = { ...(next.status ?? { phase: 'Pending' }) };
    setScheduled(next, this.ctx.clock.iso(), 'False', 'Unschedulable', msg);
    const stored = this.ctx.api.update(next);
    if (stored) this.ctx.events.record(stored, 'Warning', 'FailedScheduling', msg, { component: SCHEDULER_NAME });
  }
}

function setScheduled(p: Pod, now: string, status: 'True' | 'False', reason?: string, message?: string): void {
  const conds = (p.status!.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  const prev = p.status!.conditions?.find((c) => c.type === 'PodScheduled');
  conds.push({
    type: 'PodScheduled', status, lastProbeTime: null,
    lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now,
    ...(reason ? { reason } : {}), ...(message ? { message } : {}),
  });
  p.status!.conditions = conds;
}
