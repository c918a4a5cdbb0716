// Node lifecycle controller (pkg/controller/nodelifecycle): every node-monitor-period (5 s)
// it checks when each node last showed life — its Lease in kube-node-lease renewed, or its
// Ready condition's heartbeat. After node-monitor-grace-period without either (50 s since
// v1.32, 40 s before) the node's conditions become Unknown ("Kubelet stopped posting node
// status."), its pods are marked not ready, and it is tainted
// node.kubernetes.io/unreachable (NoSchedule and NoExecute); a node reporting Ready=False
// gets node.kubernetes.io/not-ready. The taints go when the node is Ready again.

import type { KObject, Node, NodeCondition, Pod, Taint } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { clone } from '../api/store.ts';

const COMPONENT = { component: 'node-controller' };
export const MONITOR_PERIOD_MS = 5000;
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
const CONDITION_TYPES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];

const readyOf = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
/** doNoScheduleTaintingPass: a pressure condition that is True taints the node NoSchedule. */
const PRESSURE_TAINTS: Record<string, string> = { MemoryPressure: 'node.kubernetes.io/memory-pressure', DiskPressure: 'node.kubernetes.io/disk-pressure', PIDPressure: 'node.kubernetes.io/pid-pressure' };
const conditionStatuses = (n: Node | undefined) => n?.status?.conditions?.map((c) => `${c.type}=${c.status}`).join() ?? '';

export class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller';
  /** node → simulated ms it was last seen alive */
  private probe = new Map<string, number>();
  private dirty = new Set<string>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    const now = () => ctx.clock.now();
    for (const n of store.list<Node>('Node')) this.probe.set(n.metadata.name, now());
    store.watch(['Node'], (e) => {
      const n = e.object as Node;
      const name = n.metadata.name;
      if (e.type === 'DELETED') {
        this.probe.delete(name);
        return;
      }
      const hb = readyOf(n)?.lastHeartbeatTime;
      const oldHb = e.old ? readyOf(e.old as Node)?.lastHeartbeatTime : undefined;
      if (e.type === 'ADDED' || hb !== oldHb) this.probe.set(name, now());
      // A node's own Ready change (back to True, or False) is acted on at once.
      if (conditionStatuses(n) !== conditionStatuses(e.old as Node | undefined)) this.dirty.add(name);
    });
    store.watch(['Lease'], (e) => {
      if (e.type === 'DELETED' || e.object.metadata.namespace !== 'kube-node-lease') return;
      const renew = (e.object.spec as { renewTime?: string } | undefined)?.renewTime;
      const old = (e.old?.spec as { renewTime?: string } | undefined)?.renewTime;
      if (renew !== old) this.probe.set(e.object.metadata.name, now());
    });
    this.tick();
  }

  private tick(): void {
    this.ctx.clock.after(MONITOR_PERIOD_MS, () => {
      this.monitor();
      this.tick();
    }, true);
  }

  sync(): boolean {
    if (!this.dirty.size) return false;
    const names = [...this.dirty];
    this.dirty.clear();
    for (const name of names) {
      const n = this.ctx.api.get<Node>('Node', undefined, name);
      if (n) this.reconcileTaints(n);
    }
    return true;
  }

  /** monitorNodeHealth: nodes silent for longer than the grace period go Unknown. */
  private monitor(): void {
    const grace = this.ctx.settings.nodeMonitorGracePeriodMs;
    const now = this.ctx.clock.now();
    for (const [name, seen] of this.probe) {
      if (now - seen <= grace) continue;
      const n = this.ctx.api.get<Node>('Node', undefined, name);
      if (!n || readyOf(n)?.status === 'Unknown') continue;
      this.markUnknown(n);
    }
  }

  private markUnknown(n: Node): void {
    const now = this.ctx.clock.iso();
    const next = clone(n);
    const conds: NodeCondition[] = next.status?.conditions ?? [];
    for (const type of CONDITION_TYPES) {
      const c = conds.find((x) => x.type === type);
      if (!c) conds.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: now, lastTransitionTime: now });
      else if (c.status !== 'Unknown') Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now });
    }
    next.status = { ...(next.status ?? {}), conditions: conds };
    const stored = this.ctx.api.update(next);
    if (!stored) return;
    this.ctx.events.record(stored, 'Normal', 'NodeNotReady', `Node ${n.metadata.name} status is now: NodeNotReady`, COMPONENT);
    this.markPodsNotReady(n.metadata.name);
    this.reconcileTaints(stored);
  }

  /** MarkPodsNotReady: the Ready condition of every pod on the node goes False. */
  private markPodsNotReady(node: string): void {
    const now = this.ctx.clock.iso();
    for (const p of this.podsOn(node)) {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = clone(p);
      const c = next.status!.conditions!.find((x) => x.type === 'Ready')!;
      c.status = 'False';
      c.lastTransitionTime = now;
      const stored = this.ctx.api.update(next);
      if (stored) this.ctx.events.record(stored, 'Warning', 'NodeNotReady', 'Node is not ready', COMPONENT);
    }
  }

  private podsOn(node: string): Pod[] {
    return this.ctx.api.store.podsOnNode<Pod>(node);
  }

  /** doNoExecuteTaintingPass + taint-by-condition: the taints that follow Ready. */
  private reconcileTaints(n: Node): void {
    const ready = readyOf(n)?.status;
    const key = ready === 'Unknown' ? UNREACHABLE : ready === 'False' ? NOT_READY : undefined;
    const taints = n.spec.taints ?? [];
    const pressure = Object.values(PRESSURE_TAINTS);
    const keep = taints.filter((t) => t.key !== UNREACHABLE && t.key !== NOT_READY && !pressure.includes(t.key));
    const want: Taint[] = [...keep];
    for (const c of n.status?.conditions ?? []) {
      const k = PRESSURE_TAINTS[c.type];
      if (k && c.status === 'True') want.push(taints.find((t) => t.key === k && t.effect === 'NoSchedule') ?? { key: k, effect: 'NoSchedule' });
    }
    if (key) {
      const now = this.ctx.clock.iso();
      const had = (effect: Taint['effect']) => taints.find((t) => t.key === key && t.effect === effect);
      want.push(had('NoSchedule') ?? { key, effect: 'NoSchedule' });
      want.push(had('NoExecute') ?? { key, effect: 'NoExecute', timeAdded: now });
    }
    if (JSON.stringify(want) === JSON.stringify(taints)) return;
    const next = clone(n);
    if (want.length) next.spec.taints = want;
    else delete next.spec.taints;
    this.ctx.api.update(next as KObject);
  }
}
