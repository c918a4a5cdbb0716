// The kubelet's node heartbeats (kubelet_node_status.go, nodelease): the Lease
// kube-node-lease/<node> is renewed every 10 s (renewInterval = 25 % of the 40 s
// leaseDurationSeconds); node status is computed every nodeStatusUpdateFrequency (10 s)
// and written when it changed or nodeStatusReportFrequency (5 min) has passed. Stopping
// the kubelet stops both, which is what the node lifecycle controller notices.
// The pressure conditions are read from the eviction manager at each tick, so one it starts
// reporting waits for the next tick. Upstream the two 10 s loops are separate goroutines (the
// status one jittered by up to 4 %), so their phase is arbitrary; here, at an equal instant, the
// status update runs first (it is started first), so a change waits one full period.

import type { KObject, Node, NodeCondition } from '../api/types.ts';
import type { Timer } from '../api/clock.ts';
import { clone } from '../api/store.ts';
import type { Kubelet } from './kubelet.ts';

export const LEASE_DURATION_S = 40;
export const LEASE_RENEW_MS = 10_000;
export const STATUS_UPDATE_MS = 10_000;
export const STATUS_REPORT_MS = 5 * 60_000;

/** metav1.MicroTime: RFC 3339 with microseconds. */
export const microTime = (iso: string, ms: number): string => iso.replace(/Z$/, `.${String(ms % 1000).padStart(3, '0')}000Z`);

/**
 * The condition setters (nodestatus/setters.go): each pressure condition as the eviction
 * manager reports it, with its reason, message and the event recorded when it flips.
 */
const PRESSURE = [
  ['MemoryPressure', ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory'], ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', 'NodeHasInsufficientMemory']],
  ['DiskPressure', ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure'], ['KubeletHasDiskPressure', 'kubelet has disk pressure', 'NodeHasDiskPressure']],
  ['PIDPressure', ['KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID'], ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available', 'NodeHasInsufficientPID']],
] as const;

function conditionsOf(pressure: ReadonlySet<string>): { type: string; status: 'True' | 'False'; reason: string; message: string; event: string }[] {
  return [
    ...PRESSURE.map(([type, ok, bad]) => {
      const [reason, message, event] = pressure.has(type) ? bad : ok;
      return { type, status: pressure.has(type) ? 'True' as const : 'False' as const, reason, message, event };
    }),
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', event: 'NodeReady' },
  ];
}

export class NodeHeartbeat {
  private leaseTimer?: Timer;
  private statusTimer?: Timer;
  private lastReport = -Infinity;

  constructor(private k: Kubelet) {}

  start(): void {
    this.renewLease();
    this.updateStatus(true);
  }

  stop(): void {
    this.k.ctx.clock.cancel(this.leaseTimer);
    this.k.ctx.clock.cancel(this.statusTimer);
  }

  private renewLease(): void {
    const { api, clock } = this.k.ctx;
    const node = api.get<Node>('Node', undefined, this.k.nodeName);
    if (node) {
      const renewTime = microTime(clock.iso(), clock.now());
      const cur = api.get('Lease', 'kube-node-lease', this.k.nodeName);
      if (!cur) {
        api.create({
          apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
          metadata: { name: this.k.nodeName, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid ?? '' }] },
          spec: { holderIdentity: this.k.nodeName, leaseDurationSeconds: LEASE_DURATION_S, renewTime },
        } as KObject);
      } else {
        const next = clone(cur);
        next.spec = { ...(next.spec as object), holderIdentity: this.k.nodeName, leaseDurationSeconds: LEASE_DURATION_S, renewTime };
        api.update(next);
      }
    }
    this.leaseTimer = clock.after(LEASE_RENEW_MS, () => this.renewLease(), true);
  }

  /** tryUpdateNodeStatus: write when something changed or the report is due. */
  updateStatus(force = false): void {
    const { api, clock } = this.k.ctx;
    const node = api.get<Node>('Node', undefined, this.k.nodeName);
    if (node) {
      const now = clock.iso();
      const prev = node.status?.conditions ?? [];
      const wanted = conditionsOf(this.k.eviction.conditions);
      const conditions: NodeCondition[] = wanted.map(({ type, status, reason, message }) => {
        const p = prev.find((c) => c.type === type);
        const same = p && p.status === status;
        return { type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: same ? p.lastTransitionTime : now };
      });
      const changed = conditions.some((c) => {
        const p = prev.find((x) => x.type === c.type);
        return !p || p.status !== c.status || p.reason !== c.reason;
      });
      const images = this.k.imageList();
      const imagesChanged = JSON.stringify(images) !== JSON.stringify(node.status?.images ?? []);
      if (force || changed || imagesChanged || clock.now() - this.lastReport >= STATUS_REPORT_MS) {
        const next = clone(node);
        next.status = { ...(next.status ?? {}), conditions: changed || force || clock.now() - this.lastReport >= STATUS_REPORT_MS ? conditions : prev.map((c) => ({ ...c })), images };
        if (changed || force || clock.now() - this.lastReport >= STATUS_REPORT_MS) this.lastReport = clock.now();
        api.update(next);
        if (changed && prev.find((c) => c.type === 'Ready')?.status !== 'True') this.k.nodeEvent('Normal', 'NodeReady', `Node ${this.k.nodeName} status is now: NodeReady`);
        // setters.go records the event on every flip, Unknown (the node lifecycle controller's) included.
        for (const w of wanted) {
          const p = prev.find((c) => c.type === w.type);
          if (w.type !== 'Ready' && p && p.status !== w.status) this.k.nodeEvent('Normal', w.event, `Node ${this.k.nodeName} status is now: ${w.event}`);
        }
      }
    }
    this.statusTimer = clock.after(STATUS_UPDATE_MS, () => this.updateStatus(), true);
  }
}
