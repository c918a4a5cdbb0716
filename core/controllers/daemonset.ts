// DaemonSet controller (pkg/controller/daemon): one pod per eligible node. Pods are bound
// by the default scheduler through a node-name affinity term the controller writes, and
// carry the tolerations every daemon pod gets (not-ready, unreachable, pressure,
// unschedulable). Rolling updates replace at most maxUnavailable pods at a time.

import type { KObject, LabelSelector, Node, Pod, PodTemplateSpec, Taint, Toleration } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { controllerRef, isPodActive, isPodReady, ownerRefTo } from './owners.ts';
import { ensureRevision, revisionsOf } from './revisions.ts';
import { intOrPercent } from './deployment.ts';
import { tolerates } from '../scheduler/plugins/taintToleration.ts';
import { nodeMatchesPod } from '../scheduler/plugins/nodeAffinity.ts';

const COMPONENT = { component: 'daemonset-controller' };

export interface DaemonSet extends KObject {
  kind: 'DaemonSet';
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: Record<string, unknown>;
}

/** util.AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates. */
export function daemonTolerations(tpl: PodTemplateSpec): Toleration[] {
  const tol = [...(tpl.spec.tolerations ?? [])];
  const add = (key: string, effect: Toleration['effect']) => {
    if (!tol.some((t) => t.key === key && t.effect === effect && t.operator === 'Exists')) tol.push({ key, operator: 'Exists', effect });
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (tpl.spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
  return tol;
}

// shouldRun per stored template and stored node: both are frozen, and a reconcile asks about
// every node each time one daemon pod changes, so the answer is worth keeping until either is rewritten.
const shouldRunMemo = new WeakMap<PodTemplateSpec, WeakMap<Node, [boolean, boolean]>>();

/** nodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. */
export function shouldRun(ds: DaemonSet, node: Node): [boolean, boolean] {
  const tpl = ds.spec.template;
  let memo = shouldRunMemo.get(tpl);
  if (!memo) shouldRunMemo.set(tpl, (memo = new WeakMap()));
  let r = memo.get(node);
  if (!r) memo.set(node, (r = decideShouldRun(tpl, node)));
  return r;
}

function decideShouldRun(tpl: PodTemplateSpec, node: Node): [boolean, boolean] {
  if (tpl.spec.nodeName && tpl.spec.nodeName !== node.metadata.name) return [false, false];
  if (!nodeMatchesPod(tpl.spec, node)) return [false, false];
  const tol = daemonTolerations(tpl);
  const untolerated = (effects: Taint['effect'][]) => (node.spec.taints ?? []).some((t) => effects.includes(t.effect) && !tolerates(tol, t));
  if (untolerated(['NoExecute'])) return [false, false];
  if (untolerated(['NoSchedule'])) return [false, true];
  return [true, true];
}

const nodeOfPod = (p: Pod): string | undefined => {
  if (p.spec.nodeName) return p.spec.nodeName;
  const terms = (p.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
};

/** What one node adds to a DaemonSet's status (each 0 or 1). */
interface Tally { desired: number; current: number; misscheduled: number; ready: number; updated: number }
const NO_TALLY: Tally = { desired: 0, current: 0, misscheduled: 0, ready: 0, updated: 0 };

/**
 * What the last reconcile of a DaemonSet learnt, so the next one visits only the nodes whose
 * daemon pods changed since: each node's share of the status, and the nodes running an old
 * template. Valid for one DaemonSet (uid), one stored template and its hash.
 */
interface DsState {
  uid: string;
  template: PodTemplateSpec;
  hash: string;
  perNode: Map<string, Tally>;
  sum: Tally;
  old: Map<string, Pod>;
}

const dsKey = (ns: string | undefined, name: string) => `${ns}/${name}`;

export class DaemonSetController implements Component {
  readonly name = 'daemonset-controller';
  private queue = new WorkQueue<string>();
  /** DaemonSet key → nodes to look at again ('all': every node). */
  private dirty = new Map<string, Set<string> | 'all'>();
  private states = new Map<string, DsState>();
  /** DaemonSet uid → node → its daemon pods there, in the order the API server lists them. */
  private podsByNode = new Map<string, Map<string, Map<string, Pod>>>();
  /** DaemonSet uid → how many of its pods are not ready or terminating, as a rolling update counts them. */
  private unavailable = new Map<string, number>();
  /** Node name → its place in the API server's node list (creation order). */
  private nodeOrder = new Map<string, number>();
  private lastNode = 0;

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    const all = () => {
      for (const ds of store.list('DaemonSet')) {
        const key = dsKey(ds.metadata.namespace, ds.metadata.name);
        this.queue.add(key);
        this.mark(key, 'all');
      }
    };
    all();
    for (const p of store.list<Pod>('Pod')) this.index(undefined, p);
    for (const n of store.list('Node')) this.nodeOrder.set(n.metadata.name, ++this.lastNode);
    store.watch(['DaemonSet'], (e) => {
      const key = dsKey(e.object.metadata.namespace, e.object.metadata.name);
      this.queue.add(key);
      // Its own status writes share the spec: only a new spec means every node again.
      if (e.old?.spec !== e.object.spec || e.type === 'DELETED') this.mark(key, 'all');
    });
    store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      const old = e.type === 'DELETED' ? p : (e.old as Pod | undefined);
      this.index(old, e.type === 'DELETED' ? undefined : p);
      for (const x of [old, e.type === 'DELETED' ? undefined : p])
        for (const r of x?.metadata.ownerReferences ?? []) {
          if (r.kind !== 'DaemonSet') continue;
          const key = dsKey(x!.metadata.namespace, r.name);
          this.mark(key, nodeOfPod(x!));
          this.mark(key, x!.spec.nodeName);
        }
      const ref = controllerRef(p);
      if (ref?.kind === 'DaemonSet') this.queue.add(dsKey(p.metadata.namespace, ref.name));
    });
    store.watch(['Node'], (e) => {
      // Heartbeats change only status; what matters here is a node coming, going, or its labels/taints,
      // and only that node is looked at again (addNode/updateNode/deleteNode enqueue the DaemonSets).
      const o = e.old as Node | undefined;
      const n = e.object as Node;
      const name = n.metadata.name;
      if (e.type === 'DELETED') this.nodeOrder.delete(name);
      if (e.type === 'ADDED') this.nodeOrder.set(name, ++this.lastNode);
      if (e.type === 'MODIFIED' && o && JSON.stringify(o.spec) === JSON.stringify(n.spec) && JSON.stringify(o.metadata.labels) === JSON.stringify(n.metadata.labels)) return;
      for (const ds of store.list('DaemonSet')) {
        const key = dsKey(ds.metadata.namespace, ds.metadata.name);
        this.queue.add(key);
        this.mark(key, name);
      }
    });
  }

  private mark(key: string, node: string | undefined | 'all'): void {
    if (node === undefined) return;
    const d = this.dirty.get(key);
    if (d === 'all') return;
    if (node === 'all') this.dirty.set(key, 'all');
    else if (d) d.add(node);
    else this.dirty.set(key, new Set([node]));
  }

  /** Keeps podsByNode as the store orders a DaemonSet's pods: a write moves a pod to the end. */
  private index(old: Pod | undefined, p: Pod | undefined): void {
    const key = (x: Pod) => `${x.metadata.namespace}/${x.metadata.name}`;
    const oldRef = old && controllerRef(old);
    const count = (uid: string, by: number) => this.unavailable.set(uid, (this.unavailable.get(uid) ?? 0) + by);
    if (old && oldRef?.kind === 'DaemonSet' && isUnavailable(old)) count(oldRef.uid, -1);
    if (p && controllerRef(p)?.kind === 'DaemonSet' && isUnavailable(p)) count(controllerRef(p)!.uid, 1);
    if (old && oldRef?.kind === 'DaemonSet') {
      const byNode = this.podsByNode.get(oldRef.uid);
      const n = nodeOfPod(old);
      const m = n === undefined ? undefined : byNode?.get(n);
      m?.delete(key(old));
      if (m && !m.size) byNode!.delete(n!);
      if (byNode && !byNode.size) this.podsByNode.delete(oldRef.uid);
    }
    const ref = p && controllerRef(p);
    const n = p && nodeOfPod(p);
    if (!p || ref?.kind !== 'DaemonSet' || n === undefined) return;
    let byNode = this.podsByNode.get(ref.uid);
    if (!byNode) this.podsByNode.set(ref.uid, (byNode = new Map()));
    let m = byNode.get(n);
    if (!m) byNode.set(n, (m = new Map()));
    m.delete(key(p));
    m.set(key(p), p);
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    for (const key of this.queue.drain()) {
      const [ns, name] = key.split('/') as [string, string];
      const ds = this.ctx.api.get<DaemonSet>('DaemonSet', ns, name);
      if (ds && !ds.metadata.deletionTimestamp) this.reconcile(ds);
    }
    return true;
  }

  private reconcile(ds: DaemonSet): void {
    const key = dsKey(ds.metadata.namespace, ds.metadata.name);
    const rev = ensureRevision(this.ctx, ds, ds.spec.template, ds.spec.selector.matchLabels ?? {});
    const marked = this.dirty.get(key);
    this.dirty.delete(key);
    const st = this.states.get(key);
    const incremental = st && st.uid === ds.metadata.uid && st.template === ds.spec.template && st.hash === rev.hash && marked !== 'all';
    const sum = incremental ? this.reconcileNodes(ds, rev.hash, st, marked ?? new Set()) : this.reconcileAll(ds, rev.hash);
    this.cleanupHistory(ds, rev.name);
    this.updateStatus(ds, sum);
  }

  /** Every node, as nodeShouldRunDaemonPod is asked for each; remembers each node's share for next time. */
  private reconcileAll(ds: DaemonSet, hash: string): Tally {
    const st: DsState = { uid: ds.metadata.uid!, template: ds.spec.template, hash, perNode: new Map(), sum: { ...NO_TALLY }, old: new Map() };
    this.states.set(dsKey(ds.metadata.namespace, ds.metadata.name), st);
    const pods = this.ctx.api.store.dependents<Pod>(ds.metadata.uid, 'Pod').filter((p) => controllerRef(p)?.uid === ds.metadata.uid);
    const byNode = new Map<string, Pod[]>();
    for (const p of pods) {
      const n = nodeOfPod(p);
      if (!n) continue;
      const l = byNode.get(n) ?? [];
      l.push(p);
      byNode.set(n, l);
    }
    const nodes = this.ctx.api.list<Node>('Node');
    let desired = 0;
    const create: string[] = [];
    for (const node of nodes) {
      if (shouldRun(ds, node)[0]) desired++;
      this.visitNode(ds, node, byNode.get(node.metadata.name), hash, st, create);
      byNode.delete(node.metadata.name);
    }
    // Pods on nodes that no longer exist.
    for (const ps of byNode.values()) for (const p of ps) if (!p.metadata.deletionTimestamp) this.deletePod(ds, p);
    for (const n of create) this.createPod(ds, n, hash);
    this.rollingUpdate(ds, desired, pods.filter(isUnavailable).length, [...st.old.values()]);
    const active = this.ctx.api.store.dependents<Pod>(ds.metadata.uid, 'Pod').filter((p) => isPodActive(p));
    const scheduledOn = new Map<string, Pod>();
    for (const p of active) if (p.spec.nodeName) scheduledOn.set(p.spec.nodeName, p);
    for (const n of nodes) this.setTally(st, n.metadata.name, tally(ds, n, scheduledOn.get(n.metadata.name), hash));
    return st.sum;
  }

  /**
   * Only the nodes whose daemon pods changed, or that came, went or changed themselves: the rest
   * would decide nothing new. Visited in the order the API server lists nodes (creation order).
   */
  private reconcileNodes(ds: DaemonSet, hash: string, st: DsState, marked: Set<string>): Tally {
    const key = dsKey(ds.metadata.namespace, ds.metadata.name);
    const byNode = this.podsByNode.get(ds.metadata.uid!);
    const nodes: Node[] = [];
    const gone: string[] = [];
    for (const name of marked) {
      const n = this.ctx.api.get<Node>('Node', undefined, name);
      if (n) nodes.push(n);
      else gone.push(name);
    }
    nodes.sort((a, b) => this.nodeOrder.get(a.metadata.name)! - this.nodeOrder.get(b.metadata.name)!);
    // The rolling update counts what was unavailable before this reconcile wrote anything.
    const unavailable = this.unavailable.get(ds.metadata.uid!) ?? 0;
    const create: string[] = [];
    for (const node of nodes) {
      const mine = byNode?.get(node.metadata.name);
      this.visitNode(ds, node, mine?.size ? [...mine.values()] : undefined, hash, st, create);
    }
    // Pods on nodes that no longer exist.
    for (const name of gone) {
      for (const p of [...(byNode?.get(name)?.values() ?? [])]) if (!p.metadata.deletionTimestamp) this.deletePod(ds, p);
      st.old.delete(name);
    }
    for (const n of create) this.createPod(ds, n, hash);
    this.rollingUpdate(ds, st.sum.desired, unavailable, [...st.old.values()]);
    // This reconcile's own writes marked the nodes they touched: their shares are recounted now.
    const touched = new Set(marked);
    const again = this.dirty.get(key);
    if (again instanceof Set) for (const n of again) touched.add(n);
    for (const name of touched) {
      const node = this.ctx.api.get<Node>('Node', undefined, name);
      if (!node) {
        this.setTally(st, name, NO_TALLY);
        st.perNode.delete(name);
        continue;
      }
      let p: Pod | undefined;
      for (const q of this.ctx.api.store.podsOnNode<Pod>(name)) if (isPodActive(q) && q.metadata.ownerReferences?.some((r) => r.uid === ds.metadata.uid)) p = q;
      this.setTally(st, name, tally(ds, node, p, hash));
    }
    return st.sum;
  }

  /** One node: remove failed and surplus daemon pods, note one to create or an old one to replace. */
  private visitNode(ds: DaemonSet, node: Node, mine: Pod[] | undefined, hash: string, st: DsState, create: string[]): void {
    const [run, keep] = shouldRun(ds, node);
    st.old.delete(node.metadata.name);
    if (!mine) {
      // The common case, kept cheap: no daemon pod here yet.
      if (run) create.push(node.metadata.name);
      return;
    }
    const here = mine.filter((p) => !p.metadata.deletionTimestamp);
    const failed = here.filter((p) => p.status?.phase === 'Failed');
    for (const p of failed) {
      this.ctx.events.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`, COMPONENT);
      this.deletePod(ds, p);
    }
    const live = here.filter((p) => p.status?.phase !== 'Failed');
    if (run && !live.length) {
      // Wait for a terminating pod to go before placing its successor.
      if (!mine.some((p) => p.metadata.deletionTimestamp)) create.push(node.metadata.name);
    } else if (!keep) {
      for (const p of live) this.deletePod(ds, p);
    } else if (live.length > 1) {
      for (const p of live.slice(1)) this.deletePod(ds, p);
    } else if (live[0] && live[0].metadata.labels?.['controller-revision-hash'] !== hash) st.old.set(node.metadata.name, live[0]);
  }

  private setTally(st: DsState, node: string, t: Tally): void {
    const prev = st.perNode.get(node) ?? NO_TALLY;
    for (const k of Object.keys(t) as (keyof Tally)[]) st.sum[k] += t[k] - prev[k];
    st.perNode.set(node, t);
  }

  private rollingUpdate(ds: DaemonSet, desired: number, unavailable: number, old: Pod[]): void {
    if (!old.length || (ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const maxUnavailable = Math.max(1, intOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, false));
    let budget = maxUnavailable - unavailable;
    // Unavailable old pods go first, they cost nothing.
    const ordered = [...old].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || a.metadata.name.localeCompare(b.metadata.name));
    for (const p of ordered) {
      if (!isPodReady(p)) this.deletePod(ds, p);
      else if (budget > 0) {
        budget--;
        this.deletePod(ds, p);
      }
    }
  }

  private createPod(ds: DaemonSet, node: string, hash: string): void {
    const t = clone(ds.spec.template);
    const spec = t.spec;
    spec.tolerations = daemonTolerations(t);
    const aff = (spec.affinity ?? {}) as Record<string, unknown>;
    const na = (aff.nodeAffinity ?? {}) as Record<string, unknown>;
    na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
    spec.affinity = { ...aff, nodeAffinity: na };
    const res = this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(ds)],
      },
      spec,
    });
    if (res.ok) this.ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`, COMPONENT);
    else {
      this.ctx.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${res.message}`, COMPONENT);
      // Nothing was written, so nothing marks the node: it is tried again next time.
      this.mark(dsKey(ds.metadata.namespace, ds.metadata.name), node);
    }
  }

  private deletePod(ds: DaemonSet, p: Pod): void {
    if (p.metadata.deletionTimestamp) return;
    this.ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
    this.ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT);
  }

  private cleanupHistory(ds: DaemonSet, current: string): void {
    const limit = ds.spec.revisionHistoryLimit ?? 10;
    const old = revisionsOf(this.ctx, ds).filter((r) => r.metadata.name !== current);
    for (const r of old.slice(0, Math.max(0, old.length - limit))) this.ctx.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name);
  }

  private updateStatus(ds: DaemonSet, sum: Tally): void {
    const { desired, current, misscheduled, ready, updated } = sum;
    const available = ready;
    const status = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
    };
    if (JSON.stringify(status) === JSON.stringify(ds.status)) return;
    // Only the status is new: the spec stays the same (frozen, shared) object.
    this.ctx.api.update({ ...ds, status });
  }
}

/** A node's share of the status: the last active pod of the DaemonSet bound there, if any. */
function tally(ds: DaemonSet, node: Node, p: Pod | undefined, hash: string): Tally {
  const run = shouldRun(ds, node)[0];
  const here = run && !!p;
  const ready = here && isPodReady(p!);
  return {
    desired: run ? 1 : 0,
    current: here ? 1 : 0,
    misscheduled: !run && p ? 1 : 0,
    ready: ready ? 1 : 0,
    updated: here && p!.metadata.labels?.['controller-revision-hash'] === hash ? 1 : 0,
  };
}

/** Not ready, or terminating: what a rolling update may not add to beyond maxUnavailable. */
const isUnavailable = (p: Pod): boolean => !!p.metadata.deletionTimestamp || !isPodReady(p);
