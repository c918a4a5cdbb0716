// kube-scheduler: takes unscheduled pods from its queue (highest priority first), runs the
// filter plugins over the nodes (stopping, in big clusters, once enough feasible nodes are
// found, as percentageOfNodesToScore does), scores the feasible ones, binds to the best, and
// reports as the real one does (`Successfully assigned ...`, `0/3 nodes are available: ...`).
// Pods that do not fit wait in the unschedulable pool until the cluster changes (a node
// added or changed, a pod leaving), with a 1 s..10 s back-off, and at least every 5 minutes.

import type { Pod } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { ServiceIndex } from '../api/serviceIndex.ts';
import { minorOf } from '../cluster/settings.ts';
import { SchedulerCache } from './cache.ts';
import type { CycleState, Decision, FilterPlugin, NodeInfo, ScorePlugin, Status, Verdicts } from './types.ts';
import { success } from './types.ts';
import { VerdictRecorder, verdictLookup } from './verdicts.ts';
import { nodeUnschedulable } from './plugins/nodeUnschedulable.ts';
import { nodeName } from './plugins/nodeName.ts';
import { taintToleration } from './plugins/taintToleration.ts';
import { nodeAffinity } from './plugins/nodeAffinity.ts';
import { nodePorts } from './plugins/nodePorts.ts';
import { nodeResourcesFit } from './plugins/nodeResourcesFit.ts';
import { balancedAllocation } from './plugins/nodeResourcesBalancedAllocation.ts';
import { podTopologySpread } from './plugins/podTopologySpread.ts';
import { interPodAffinity } from './plugins/interPodAffinity.ts';
import { imageLocality } from './plugins/imageLocality.ts';
import { volumeBinding } from './plugins/volumeBinding.ts';
import { absentNodesStatus, fitErrorMessage } from './fitError.ts';
import { preempt } from './preemption.ts';

// The default profile's order (pkg/scheduler/apis/config/v1/default_plugins.go).
export const FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeBinding, podTopologySpread, interPodAffinity];
export const SCORES: ScorePlugin[] = [taintToleration, nodeAffinity, podTopologySpread, interPodAffinity, nodeResourcesFit, balancedAllocation, imageLocality];

/** How many nodes' scores a decision keeps for "why this node". */
const SCORES_KEPT = 5;

export const SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration: a pod waits at most this long for a cluster event. */
const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
const FLUSH_PERIOD_MS = 30_000;
const MAX_DECISIONS = 2000;

/** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore (min 100 nodes, min 5%). */
export function feasibleNodesToFind(numAll: number): number {
  if (numAll < 100) return numAll;
  const pct = Math.max(5, 50 - Math.trunc(numAll / 125));
  return Math.max(100, Math.trunc((numAll * pct) / 100));
}

/** What the PreFilter plugins left for the cycle: the Filters to run, the candidate nodes, or a failure for every node. */
interface PreFilterRun {
  filters: FilterPlugin[];
  /** The plugins whose PreFilterResult narrowed the candidates. */
  narrowedBy: string[];
  nodeNames?: ReadonlySet<string>;
  failed?: Status;
}

const NO_NODES: ReadonlySet<string> = new Set();
const NO_VERDICTS: Verdicts = { names: [], examined: new Uint16Array(0), codes: new Uint8Array(0), statuses: [], absentCount: 0 };

const podKeyOf = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;

interface Waiting {
  attempts: number;
  lastAttempt: number;
  since: number;
  plugins: Set<string>;
}

export class Scheduler implements Component {
  readonly name = 'kube-scheduler';
  private active = new Set<string>();
  private unschedulable = new Map<string, Waiting>();
  private attempts = new Map<string, Waiting>();
  readonly cache: SchedulerCache;
  readonly services: ServiceIndex;
  readonly decisions = new Map<string, Decision>();
  private nextStart = 0;
  private recorder = new VerdictRecorder();
  private absentStatuses = new Map<string, Status>();
  private version: { minor: number; patch: number };

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    this.cache = new SchedulerCache(store);
    this.services = new ServiceIndex(store);
    const v = ctx.settings.kubernetesVersion;
    this.version = { minor: minorOf(v), patch: Number(/^v?\d+\.\d+\.(\d+)/.exec(v)?.[1] ?? 0) };
    for (const p of store.list<Pod>('Pod')) this.consider(p);
    store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      const old = e.old as Pod | undefined;
      const key = podKeyOf(p);
      if (e.type === 'DELETED') {
        this.active.delete(key);
        this.unschedulable.delete(key);
        this.attempts.delete(key);
        if (p.spec.nodeName) this.moveAll(() => true);
        return;
      }
      this.consider(p);
      if (!p.spec.nodeName) return;
      const finished = (x: Pod | undefined) => x?.status?.phase === 'Succeeded' || x?.status?.phase === 'Failed';
      // A pod that finished or is leaving frees room.
      if ((finished(p) && !finished(old)) || (p.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp)) this.moveAll(() => true);
      // A pod placed or relabelled can satisfy affinity or spreading.
      else if (!old?.spec.nodeName || JSON.stringify(old.metadata.labels) !== JSON.stringify(p.metadata.labels))
        this.moveAll((w) => w.plugins.has('InterPodAffinity') || w.plugins.has('PodTopologySpread'));
    });
    store.watch(['Node'], (e) => {
      const o = e.old;
      const n = e.object;
      if (e.type === 'DELETED') return;
      // Heartbeats only touch conditions; what can make a pod fit is spec, labels or allocatable.
      const changed = !o || JSON.stringify(o.spec) !== JSON.stringify(n.spec) || JSON.stringify(o.metadata.labels) !== JSON.stringify(n.metadata.labels)
        || JSON.stringify((o.status as { allocatable?: unknown } | undefined)?.allocatable) !== JSON.stringify((n.status as { allocatable?: unknown } | undefined)?.allocatable);
      if (changed) this.moveAll(() => true);
    });
    // VolumeBinding's EventsToRegister: a claim bound, a PV or class added can let a waiting pod in.
    store.watch(['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'], () => this.moveAll((w) => w.plugins.has('VolumeBinding')));
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.ctx.clock.after(FLUSH_PERIOD_MS, () => {
      const now = this.ctx.clock.now();
      this.moveAll((w) => now - w.since >= MAX_UNSCHEDULABLE_MS);
      this.scheduleFlush();
    }, true);
  }

  private consider(p: Pod): void {
    if (p.spec.nodeName || p.metadata.deletionTimestamp) return;
    if ((p.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return;
    const key = podKeyOf(p);
    if ((p.spec.schedulingGates as unknown[] | undefined)?.length) {
      this.gate(p);
      return;
    }
    if (!this.unschedulable.has(key)) this.active.add(key);
  }

  /** Moves waiting pods back to the active queue once their back-off has passed. */
  private moveAll(pred: (w: Waiting) => boolean): void {
    const now = this.ctx.clock.now();
    for (const [key, w] of this.unschedulable) {
      if (!pred(w)) continue;
      this.unschedulable.delete(key);
      const wait = w.lastAttempt + backoff(w.attempts) - now;
      if (wait <= 0) this.active.add(key);
      else this.ctx.clock.after(wait, () => this.active.add(key));
    }
  }

  sync(): boolean {
    if (!this.active.size) return false;
    const pods: Pod[] = [];
    for (const key of this.active) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.ctx.api.get<Pod>('Pod', ns, name);
      if (pod && !pod.spec.nodeName && !pod.metadata.deletionTimestamp) pods.push(pod);
    }
    this.active.clear();
    // PrioritySort: higher priority first, then the order they were created.
    pods.sort((a, b) => (b.spec.priority ?? 0) - (a.spec.priority ?? 0) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
    for (const p of pods) this.scheduleOne(p);
    return true;
  }

  private newCycle(): CycleState {
    return { nodes: this.cache.list(), byName: this.cache.nodes, store: this.ctx.api.store, services: this.services, images: this.cache.images, antiAffinityPods: this.cache.antiAffinityPods.values(), version: this.version, data: new Map() };
  }

  /** Runs the cycle's filters on one node; the first failure is the node's status. */
  private runFilters(pod: Pod, ni: NodeInfo, state: CycleState, filters: readonly FilterPlugin[]): Status {
    for (const f of filters) {
      const r = f.filter(pod, ni, state);
      if (r.code !== 'Success') return tagged(r, f.name);
    }
    return success;
  }

  /**
   * RunPreFilterPlugins: each plugin's PreFilter in order. Skip leaves its Filter out of the
   * cycle; UnschedulableAndUnresolvable stops at once, Unschedulable lets the others run;
   * PreFilterResults intersect, and an empty intersection rejects every node.
   */
  private preFilter(pod: Pod, state: CycleState): PreFilterRun {
    const filters: FilterPlugin[] = [];
    const narrowedBy: string[] = [];
    let nodeNames: ReadonlySet<string> | undefined;
    let failed: Status | undefined;
    for (const f of FILTERS) {
      const r = f.preFilter?.(pod, state);
      if (r?.code === 'Skip') continue;
      filters.push(f);
      if (!r) continue;
      if (r.code !== 'Success') {
        failed = { code: r.code, reasons: r.reasons, plugin: f.name };
        if (r.code === 'UnschedulableAndUnresolvable') return { filters, narrowedBy, failed };
        continue;
      }
      if (!r.nodeNames) continue;
      narrowedBy.push(f.name);
      nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : r.nodeNames;
      if (!nodeNames.size) {
        const reasons = [narrowedBy.length === 1 ? `node(s) didn't satisfy plugin ${narrowedBy[0]}` : `node(s) didn't satisfy plugin(s) [${[...narrowedBy].sort().join(' ')}] simultaneously`];
        return { filters, narrowedBy, failed: { code: 'UnschedulableAndUnresolvable', reasons } };
      }
    }
    return { filters, narrowedBy, nodeNames, failed };
  }

  scheduleOne(pod: Pod): void {
    const key = podKeyOf(pod);
    const state = this.newCycle();
    const all = state.nodes;
    const d: Decision = { pod: key, time: this.ctx.clock.now(), evaluated: 0, filters: NO_VERDICTS, scores: {} };
    const pre = this.preFilter(pod, state);
    const feasible: NodeInfo[] = [];
    let absent: { status: Status; candidates: ReadonlySet<string>; count: number } | undefined;
    this.recorder.start(all.length);
    const nominated = pre.failed ? undefined : this.nominatedFits(pod, state, pre);
    if (pre.failed) absent = { status: pre.failed, candidates: NO_NODES, count: all.length };
    else if (nominated) {
      feasible.push(nominated.ni);
      this.recorder.add(nominated.at, success);
      d.evaluated = 1;
    } else {
      // findNodesThatFitPod: the PreFilterResult's nodes that exist, or every node; the rest have the absent status.
      let candidates: number[] | undefined;
      if (pre.nodeNames) {
        candidates = [];
        for (const n of pre.nodeNames) {
          const at = this.cache.position(n);
          if (at !== undefined) candidates.push(at);
        }
        absent = { status: this.absentStatus(pre.narrowedBy), candidates: pre.nodeNames, count: all.length - candidates.length };
      }
      const count = candidates ? candidates.length : all.length;
      const want = feasibleNodesToFind(count);
      let i = 0;
      for (; i < count && feasible.length < want; i++) {
        // Starting where the previous cycle stopped, so every node gets its turn (nextStartNodeIndex).
        const at = candidates ? candidates[(this.nextStart + i) % count]! : (this.nextStart + i) % count;
        const ni = all[at]!;
        const st = this.runFilters(pod, ni, state, pre.filters);
        this.recorder.add(at, st);
        if (st.code === 'Success') feasible.push(ni);
      }
      if (all.length) this.nextStart = (this.nextStart + i) % all.length;
      d.evaluated = i;
    }
    d.filters = this.recorder.done(this.cache.names(), absent);
    this.remember(key, d);
    if (!feasible.length) return this.fail(pod, d, state, pre);
    d.node = this.pickHost(pod, feasible, d, state);
    this.attempts.delete(key);
    this.bind(pod, d.node);
  }

  /**
   * evaluateNominatedNode: a pod that preemption nominated a node for tries that node first and
   * takes it when it fits, without looking at the others (nor moving the round-robin start).
   */
  private nominatedFits(pod: Pod, state: CycleState, pre: PreFilterRun): { ni: NodeInfo; at: number } | undefined {
    const name = pod.status?.nominatedNodeName;
    const at = name === undefined ? undefined : this.cache.position(name);
    if (at === undefined) return undefined;
    const ni = state.nodes[at]!;
    return this.runFilters(pod, ni, state, pre.filters).code === 'Success' ? { ni, at } : undefined;
  }

  /** One status object per set of narrowing plugins, shared by the decisions that keep it. */
  private absentStatus(plugins: string[]): Status {
    const k = plugins.join(' ');
    let st = this.absentStatuses.get(k);
    if (!st) this.absentStatuses.set(k, (st = absentNodesStatus(plugins, this.version)));
    return st;
  }

  private pickHost(pod: Pod, feasible: NodeInfo[], d: Decision, state: CycleState): string {
    if (feasible.length === 1) return feasible[0]!.node.metadata.name;
    const total = new Float64Array(feasible.length);
    const perPlugin: [string, Float64Array][] = [];
    for (const p of SCORES) {
      if (p.preScore?.(pod, feasible, state) === 'skip') continue;
      const s = new Float64Array(feasible.length);
      for (let i = 0; i < feasible.length; i++) s[i] = p.score(pod, feasible[i]!, state);
      p.normalize?.(s, feasible, state);
      for (let i = 0; i < feasible.length; i++) total[i]! += s[i]! * p.weight;
      perPlugin.push([p.name, s]);
    }
    // Ties are broken at random (reservoir sampling in selectHost), with our seeded RNG.
    let best = 0;
    let ties = 1;
    for (let i = 1; i < total.length; i++) {
      if (total[i]! > total[best]!) [best, ties] = [i, 1];
      else if (total[i] === total[best] && this.ctx.rng.int(++ties) === 0) best = i;
    }
    // Keep the per-plugin scores of the best few nodes only: enough to explain the choice,
    // bounded however large the cluster.
    const top = bestIndices(total, SCORES_KEPT);
    if (!top.includes(best)) top.push(best);
    for (const i of top) {
      const row: Record<string, number> = (d.scores[feasible[i]!.node.metadata.name] = {});
      for (const [plugin, s] of perPlugin) row[plugin] = s[i]!;
      row.total = total[i]!;
    }
    return feasible[best]!.node.metadata.name;
  }

  private bind(pod: Pod, node: string): void {
    this.cache.assume(pod, node);
    const next: Pod = { ...pod, spec: { ...pod.spec, nodeName: node }, status: { ...(pod.status ?? { phase: 'Pending' }) } };
    delete next.status!.nominatedNodeName;
    setScheduled(next, this.ctx.clock.iso(), 'True');
    const stored = this.ctx.api.update(next);
    if (!stored) return;
    this.ctx.events.record(stored, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, { component: SCHEDULER_NAME });
  }

  private fail(pod: Pod, d: Decision, state: CycleState, pre: PreFilterRun): void {
    const key = podKeyOf(pod);
    // PostFilter: preemption's dry run over every node, with the cycle's filters.
    const outcome = preempt(pod, verdictLookup(d.filters), state.nodes, (p, ni) => this.runFilters(p, ni, state, pre.filters));
    d.preemption = { node: outcome.node, victims: outcome.victims.map(podKeyOf), message: outcome.message };
    const msg = fitErrorMessage(state.nodes.length, d.filters, pre.failed?.reasons.join(', '), outcome.message, this.version);
    d.message = msg;
    const now = this.ctx.clock.now();
    const w = this.attempts.get(key) ?? { attempts: 0, lastAttempt: now, since: now, plugins: new Set<string>() };
    w.attempts++;
    w.lastAttempt = now;
    // Diagnosis.UnschedulablePlugins: the plugins that rejected a node, and those that narrowed the candidates.
    w.plugins = new Set([...d.filters.statuses, ...(pre.failed ? [pre.failed] : [])].map((s) => s.plugin ?? '').filter(Boolean).concat(pre.narrowedBy));
    this.attempts.set(key, w);
    this.unschedulable.set(key, w);
    const next = clone(pod);
    next.status = { ...(next.status ?? { phase: 'Pending' }) };
    if (outcome.node) {
      this.evict(pod, outcome.node, outcome.victims);
      next.status.nominatedNodeName = outcome.node;
    }
    setScheduled(next, this.ctx.clock.iso(), 'False', 'Unschedulable', msg);
    const stored = JSON.stringify(next.status) === JSON.stringify(pod.status) ? pod : this.ctx.api.update(next);
    // Every failed attempt is reported; the recorder folds repeats into one event with a count.
    if (stored) this.ctx.events.record(stored, 'Warning', 'FailedScheduling', msg, { component: SCHEDULER_NAME });
  }

  /** prepareCandidate: mark each victim with DisruptionTarget, delete it, and say why. */
  private evict(preemptor: Pod, node: string, victims: Pod[]): void {
    for (const v of victims) {
      const cur = this.ctx.api.get<Pod>('Pod', v.metadata.namespace, v.metadata.name);
      if (!cur) continue;
      const next = clone(cur);
      next.status ??= { phase: 'Pending' };
      const conds = (next.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: this.ctx.clock.iso(), reason: 'PreemptionByScheduler', message: `${preemptor.spec.schedulerName ?? SCHEDULER_NAME}: preempting to accommodate a higher priority pod` });
      next.status.conditions = conds;
      this.ctx.api.update(next);
      this.ctx.api.delete('Pod', cur.metadata.namespace, cur.metadata.name);
      this.ctx.events.record(cur, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${node}`, { component: SCHEDULER_NAME });
    }
  }

  /** A pod with schedulingGates waits, and says so in its PodScheduled condition. */
  private gate(p: Pod): void {
    const prev = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (prev?.reason === 'SchedulingGated') return;
    const next = clone(p);
    next.status = { ...(next.status ?? { phase: 'Pending' }) };
    setScheduled(next, this.ctx.clock.iso(), 'False', 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates');
    this.ctx.api.update(next);
  }

  private remember(key: string, d: Decision): void {
    this.decisions.delete(key);
    this.decisions.set(key, d);
    if (this.decisions.size > MAX_DECISIONS) this.decisions.delete(this.decisions.keys().next().value!);
  }
}

/** The indices of the `k` highest totals, highest first, ties by index: a sort's first k, without sorting every node. */
function bestIndices(total: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < total.length; i++) {
    // A later index with an equal total sorts after: it never displaces one already kept.
    if (top.length === k && !(total[i]! > total[top[k - 1]!]!)) continue;
    let j = top.length;
    while (j > 0 && total[top[j - 1]!]! < total[i]!) j--;
    top.splice(j, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

// A plugin's shared status (the same failure on many nodes) gets one copy naming the plugin, not one per node.
const taggedMemo = new WeakMap<Status, Status>();
function tagged(r: Status, plugin: string): Status {
  const t = taggedMemo.get(r);
  if (t?.plugin === plugin) return t;
  const out = { ...r, plugin };
  taggedMemo.set(r, out);
  return out;
}

const backoff = (attempts: number) => Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));

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
