// Taint eviction controller (pkg/controller/tainteviction): pods on a node with NoExecute
// taints they do not tolerate are deleted at once; pods tolerating them for a while
// (tolerationSeconds, 300 s by default admission for not-ready/unreachable) are deleted
// when that time has passed since the taint was added. Each eviction is an event:
// "Marking for deletion Pod default/web-7d4b9c8f5-x2x9k".

import type { Node, Pod, Taint, Toleration } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import type { Timer } from '../api/clock.ts';
import { clone } from '../api/store.ts';
import { toleratesTaint } from '../scheduler/plugins/taintToleration.ts';

const COMPONENT = { component: 'taint-eviction-controller' };

/**
 * How long a pod may stay on a node with these NoExecute taints: 0 (now) when one is not
 * tolerated, Infinity when all are tolerated forever, else the smallest tolerationSeconds.
 */
export function tolerationWindowMs(tols: Toleration[], taints: Taint[]): number {
  let min = Infinity;
  for (const t of taints) {
    const matching = tols.filter((tol) => toleratesTaint(tol, t));
    if (!matching.length) return 0;
    for (const m of matching) if (m.tolerationSeconds !== undefined) min = Math.min(min, Math.max(0, m.tolerationSeconds) * 1000);
  }
  return min;
}

export class TaintEvictionController implements Component {
  readonly name = 'taint-eviction-controller';
  private dirtyNodes = new Set<string>();
  private dirtyPods = new Set<string>();
  private timers = new Map<string, Timer>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    for (const n of store.list<Node>('Node')) if (noExecute(n).length) this.dirtyNodes.add(n.metadata.name);
    store.watch(['Node'], (e) => {
      const n = e.object as Node;
      if (e.type === 'DELETED') return;
      if (JSON.stringify(noExecute(n)) !== JSON.stringify(e.old ? noExecute(e.old as Node) : [])) this.dirtyNodes.add(n.metadata.name);
    });
    store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      if (e.type === 'DELETED') {
        this.cancel(key);
        return;
      }
      if (p.spec.nodeName && !(e.old as Pod | undefined)?.spec.nodeName) this.dirtyPods.add(key);
    });
  }

  private cancel(key: string): void {
    this.ctx.clock.cancel(this.timers.get(key));
    this.timers.delete(key);
  }

  sync(): boolean {
    if (!this.dirtyNodes.size && !this.dirtyPods.size) return false;
    const nodes = [...this.dirtyNodes];
    this.dirtyNodes.clear();
    for (const name of nodes) {
      const n = this.ctx.api.get<Node>('Node', undefined, name);
      for (const p of this.ctx.api.store.podsOnNode<Pod>(name)) this.handlePod(p, n);
    }
    const pods = [...this.dirtyPods];
    this.dirtyPods.clear();
    for (const key of pods) {
      const [ns, name] = key.split('/') as [string, string];
      const p = this.ctx.api.get<Pod>('Pod', ns, name);
      if (p?.spec.nodeName) this.handlePod(p, this.ctx.api.get<Node>('Node', undefined, p.spec.nodeName));
    }
    return true;
  }

  private handlePod(p: Pod, n: Node | undefined): void {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    this.cancel(key);
    if (!n || p.metadata.deletionTimestamp) return;
    const taints = noExecute(n);
    if (!taints.length) return;
    const window = tolerationWindowMs(p.spec.tolerations ?? [], taints);
    if (window === Infinity) return;
    // The clock starts when the (latest) taint was added.
    const added = Math.max(...taints.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : Date.parse(this.ctx.clock.iso()))));
    const due = added + window - Date.parse(this.ctx.clock.iso());
    if (due <= 0) this.evict(p);
    else this.timers.set(key, this.ctx.clock.after(due, () => {
      this.timers.delete(key);
      const cur = this.ctx.api.get<Pod>('Pod', p.metadata.namespace, p.metadata.name);
      if (cur && cur.metadata.uid === p.metadata.uid) this.evict(cur);
    }));
  }

  private evict(p: Pod): void {
    if (p.metadata.deletionTimestamp) return;
    const next = clone(p);
    next.status ??= { phase: 'Pending' };
    const conds = (next.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: this.ctx.clock.iso(), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    next.status.conditions = conds;
    this.ctx.api.update(next);
    this.ctx.events.record(p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, COMPONENT);
    this.ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
  }
}

const noExecute = (n: Node): Taint[] => (n.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
