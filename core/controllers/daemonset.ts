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

export class DaemonSetController implements Component {
  readonly name = 'daemonset-controller';
  private queue = new WorkQueue<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    const all = () => {
      for (const ds of store.list('DaemonSet')) this.queue.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
    };
    all();
    store.watch(['DaemonSet'], (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    store.watch(['Pod'], (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'DaemonSet') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
    store.watch(['Node'], (e) => {
      // Heartbeats change only status; what matters here is a node coming, going, or its labels/taints.
      const o = e.old as Node | undefined;
      const n = e.object as Node;
      if (e.type === 'MODIFIED' && o && JSON.stringify(o.spec) === JSON.stringify(n.spec) && JSON.stringify(o.metadata.labels) === JSON.stringify(n.metadata.labels)) return;
      all();
    });
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
    const rev = ensureRevision(this.ctx, ds, ds.spec.template, ds.spec.selector.matchLabels ?? {});
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
    const isNew = (p: Pod) => p.metadata.labels?.['controller-revision-hash'] === rev.hash;
    let desired = 0;
    const oldOnNodes: Pod[] = [];
    const create: string[] = [];
    for (const node of nodes) {
      const [run, keep] = shouldRun(ds, node);
      const mine = byNode.get(node.metadata.name);
      if (run) desired++;
      if (!mine) {
        // The common case, kept cheap: no daemon pod here yet.
        if (run) create.push(node.metadata.name);
        continue;
      }
      const here = mine.filter((p) => !p.metadata.deletionTimestamp);
      byNode.delete(node.metadata.name);
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
      } else if (live[0] && !isNew(live[0])) oldOnNodes.push(live[0]);
    }
    // Pods on nodes that no longer exist.
    for (const ps of byNode.values()) for (const p of ps) if (!p.metadata.deletionTimestamp) this.deletePod(ds, p);
    for (const n of create) this.createPod(ds, n, rev.hash);
    this.rollingUpdate(ds, desired, pods, oldOnNodes);
    this.cleanupHistory(ds, rev.name);
    this.updateStatus(ds, nodes, rev.hash);
  }

  private rollingUpdate(ds: DaemonSet, desired: number, pods: Pod[], old: Pod[]): void {
    if (!old.length || (ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const maxUnavailable = Math.max(1, intOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, false));
    const unavailable = pods.filter((p) => !p.metadata.deletionTimestamp && !isPodReady(p)).length + pods.filter((p) => p.metadata.deletionTimestamp).length;
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
    else this.ctx.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${res.message}`, COMPONENT);
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

  private updateStatus(ds: DaemonSet, nodes: Node[], hash: string): void {
    const pods = this.ctx.api.store.dependents<Pod>(ds.metadata.uid, 'Pod').filter((p) => isPodActive(p));
    const scheduledOn = new Map<string, Pod>();
    for (const p of pods) if (p.spec.nodeName) scheduledOn.set(p.spec.nodeName, p);
    let desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
    for (const n of nodes) {
      const [run] = shouldRun(ds, n);
      const p = scheduledOn.get(n.metadata.name);
      if (run) desired++;
      if (!p) continue;
      if (run) {
        current++;
        if (isPodReady(p)) {
          ready++;
          available++;
        }
        if (p.metadata.labels?.['controller-revision-hash'] === hash) updated++;
      } else misscheduled++;
    }
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
