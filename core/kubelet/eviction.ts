// The kubelet's eviction manager (pkg/kubelet/eviction/eviction_manager.go synchronize):
// every 10 s it observes the signals (memory.available = capacity - working set of
// everything on the node; nodefs/imagefs on the node's one disk; pid.available), finds the
// hard thresholds met, keeps each pressure condition True until evictionPressureTransitionPeriod
// after it was last met, and — with a threshold met — records EvictionThresholdMet, reclaims
// node-level resources (image and container GC for disk) and otherwise evicts one pod: ranked
// by usage above requests, priority, then usage (helpers.go rankMemoryPressure/rankDiskPressureFunc),
// killed with a 1 s grace period (the kill still gives 2 s), Failed with reason Evicted and the
// helpers.go message. After an eviction it waits for the pod's cleanup, then looks again.
// Critical pods (static, mirror, priority >= 2000000000) are never evicted.
// The pressure conditions live here (nodeConditions); the node status loop reads them on its
// own 10 s tick (nodestatus/setters.go MemoryPressureCondition → IsUnderMemoryPressure), so a
// condition reaches the API at the next node status update, not when it is first observed.

import type { Timer } from '../api/clock.ts';
import { bytes, formatBytes } from '../api/quantity.ts';
import { parseThresholds, thresholdQuantity, type Signal, type Threshold } from './thresholds.ts';
import type { Kubelet } from './kubelet.ts';
import type { PodWorker } from './podWorker.ts';
import { containerUsage, nodeUsage, pages } from './stats.ts';

export const MONITORING_PERIOD_MS = 10_000;
/** The OS, kubelet and containerd state on the node's disk. */
const SYSTEM_DISK = 9 * 2 ** 30;
/** kernel.pid_max on a 64-bit node, and the processes the OS itself runs. */
const PID_MAX = 4_194_304;
const SYSTEM_PIDS = 180;
const CRITICAL_PRIORITY = 2_000_000_000;

export type Pressure = 'MemoryPressure' | 'DiskPressure' | 'PIDPressure';
const CONDITION: Record<Signal, Pressure> = {
  'memory.available': 'MemoryPressure', 'nodefs.available': 'DiskPressure', 'nodefs.inodesFree': 'DiskPressure',
  'imagefs.available': 'DiskPressure', 'imagefs.inodesFree': 'DiskPressure', 'pid.available': 'PIDPressure',
};
/** byEvictionPriority: memory first, then the rest in order. */
const RESOURCE: Partial<Record<Signal, string>> = { 'memory.available': 'memory', 'nodefs.available': 'ephemeral-storage', 'imagefs.available': 'ephemeral-storage', 'pid.available': 'pids' };

interface Observation { available: number; capacity: number }

export class EvictionManager {
  private readonly thresholds: Threshold[];
  private lastObserved = new Map<Pressure, number>();
  private timer?: Timer;
  /** nodeConditions: the pressure conditions the next node status update will report. */
  conditions = new Set<Pressure>();

  constructor(private k: Kubelet) {
    this.thresholds = parseThresholds(k.ctx.settings.kubelet.evictionHard);
  }

  /** Start: the first synchronize runs at once, then one per monitoring period. */
  start(): void {
    this.stop();
    this.k.log('I', 'eviction_manager.go:189', '"Eviction manager: starting control loop"');
    this.timer = this.k.ctx.clock.after(0, () => this.loop(), true);
  }

  stop(): void {
    this.k.ctx.clock.cancel(this.timer);
  }

  private loop(): void {
    const evicted = this.synchronize();
    if (evicted) this.waitForKill(evicted);
    else this.timer = this.k.ctx.clock.after(MONITORING_PERIOD_MS, () => this.loop(), true);
  }

  /** evictPod's killPodFunc blocks until the pod's containers are dead (looked at every second here). */
  private waitForKill(w: PodWorker): void {
    this.timer = this.k.ctx.clock.after(1000, () => {
      if (!w.terminal && !w.finished) return this.waitForKill(w);
      this.k.log('I', 'eviction_manager.go:627', `"Eviction manager: pod is evicted successfully" pod="${w.key}"`);
      this.k.log('I', 'eviction_manager.go:208', `"Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["${w.key}"]`);
      this.waitForCleanup(w, 0);
    }, true);
  }

  /** waitForPodsCleanup: a 1 s ticker, 30 s at most, until the pod worker has finished the pod; then synchronize at once. */
  private waitForCleanup(w: PodWorker, waited: number): void {
    this.timer = this.k.ctx.clock.after(1000, () => {
      if (w.terminal || w.finished) this.k.log('I', 'eviction_manager.go:463', `"Eviction manager: pods successfully cleaned up" pods=["${w.key}"]`);
      else if (waited + 1000 >= 30_000) this.k.log('I', 'eviction_manager.go:455', `"Eviction manager: timed out waiting for pods to be cleaned up" pods=["${w.key}"]`);
      else return this.waitForCleanup(w, waited + 1000);
      this.loop();
    }, true);
  }

  observe(): Partial<Record<Signal, Observation>> {
    const k = this.k;
    const node = k.ctx.api.get('Node', undefined, k.nodeName) as { status?: { capacity?: Record<string, string | number> } } | undefined;
    const memCap = k.nodeMemoryBytes;
    const diskCap = bytes(node?.status?.capacity?.['ephemeral-storage']);
    let disk = SYSTEM_DISK;
    for (const img of k.cri.images.values()) disk += img.sizeBytes;
    let procs = SYSTEM_PIDS;
    for (const c of k.cri.containers.values()) {
      disk += c.logBytes + (c.fs?.usedBytes() ?? 0);
      if (c.proc && !c.proc.done) procs++;
    }
    for (const w of k.workers.values()) disk += w.volumes.reduce((n, v) => n + (v.usedBytes?.() ?? 0), 0);
    const fs = { available: diskCap - disk, capacity: diskCap };
    // kind nodes have no dedicated image filesystem: imagefs is observed on nodefs.
    return {
      'memory.available': { available: memCap - nodeUsage(k).workingSetBytes, capacity: memCap },
      ...(diskCap ? { 'nodefs.available': fs, 'imagefs.available': fs } : {}),
      'pid.available': { available: PID_MAX - procs, capacity: PID_MAX },
    };
  }

  private met(obs: Partial<Record<Signal, Observation>>): Threshold[] {
    return this.thresholds.filter((t) => {
      const o = obs[t.signal];
      return o !== undefined && o.available < thresholdQuantity(t, o.capacity);
    });
  }

  /** One synchronize(); returns the worker of the pod it evicted. */
  synchronize(): PodWorker | undefined {
    const k = this.k;
    if (!k.running) return undefined;
    const now = k.ctx.clock.now();
    let obs = this.observe();
    let met = this.met(obs);
    for (const t of met) this.lastObserved.set(CONDITION[t.signal], now);
    const period = k.ctx.settings.kubelet.evictionPressureTransitionPeriodMs;
    this.conditions = new Set([...this.lastObserved].filter(([, at]) => now - at < period || at === now).map(([c]) => c));
    if (!met.length) return undefined;
    met = [...met].sort((a, b) => Number(b.signal === 'memory.available') - Number(a.signal === 'memory.available'));
    const t = met[0]!;
    const resource = RESOURCE[t.signal];
    if (!resource) return undefined;
    k.log('I', 'eviction_manager.go:376', `"Eviction manager: attempting to reclaim" resourceName="${resource}"`);
    k.nodeEvent('Warning', 'EvictionThresholdMet', `Attempting to reclaim ${resource}`);
    if (t.signal !== 'memory.available' && t.signal !== 'pid.available') {
      // reclaimNodeLevelResources: container GC, then unused images.
      k.reclaimDisk();
      obs = this.observe();
      if (!this.met(obs).some((x) => x.signal === t.signal)) {
        k.log('I', 'eviction_manager.go:383', `"Eviction manager: able to reduce resource pressure without evicting pods." resourceName="${resource}"`);
        return undefined;
      }
    }
    k.log('I', 'eviction_manager.go:394', `"Eviction manager: must evict pod(s) to reclaim" resourceName="${resource}"`);
    const ranked = this.rank(t.signal);
    k.log('I', 'eviction_manager.go:412', `"Eviction manager: pods ranked for eviction" pods=[${ranked.map((r) => `"${r.w.key}"`).join(',')}]`);
    const victim = ranked[0];
    if (!victim) {
      k.log('I', 'eviction_manager.go:443', '"Eviction manager: unable to evict any pods from the node"');
      return undefined;
    }
    const o = obs[t.signal]!;
    const message = evictionMessage(resource, t, o, victim.w, t.signal === 'memory.available');
    k.event(victim.w.pod, 'Warning', 'Evicted', message);
    victim.w.evict(message);
    return victim.w;
  }

  /**
   * rankMemoryPressure / rankDiskPressureFunc: over requests first, then lower priority, then
   * larger usage over requests; rankPIDPressure: lower priority, then more processes.
   */
  private rank(signal: Signal): { w: PodWorker; over: number }[] {
    const mem = signal === 'memory.available';
    const pids = signal === 'pid.available';
    const rows = [...this.k.workers.values()]
      .filter((w) => !isCritical(w) && !w.terminal && !w.draining && !w.terminating)
      .filter((w) => w.all.some((c) => c.proc && !c.proc.done))
      .map((w) => {
        const usage = pids ? w.all.filter((c) => c.proc && !c.proc.done).length : mem ? podMemory(w) : podDisk(w);
        const request = pids ? 0 : w.pod.spec.containers.reduce((n, c) => n + bytes(c.resources?.requests?.[mem ? 'memory' : 'ephemeral-storage']), 0);
        return { w, over: usage - request, priority: w.pod.spec.priority ?? 0 };
      });
    if (pids) return rows.sort((a, b) => a.priority - b.priority || b.over - a.over);
    return rows.sort((a, b) => Number(b.over > 0) - Number(a.over > 0) || a.priority - b.priority || b.over - a.over);
  }
}

/** kubelettypes.IsCriticalPod: static, mirror, or a system priority (by value, or by its class before admission resolved it). */
const isCritical = (w: PodWorker): boolean => w.isStatic || !!w.pod.metadata.annotations?.['kubernetes.io/config.mirror']
  || (w.pod.spec.priority ?? 0) >= CRITICAL_PRIORITY || ['system-node-critical', 'system-cluster-critical'].includes(String(w.pod.spec['priorityClassName'] ?? ''));

const podMemory = (w: PodWorker): number => w.all.reduce((n, c) => n + (containerUsage(c.proc)?.workingSetBytes ?? 0), 0);
const podDisk = (w: PodWorker): number => w.volumes.reduce((n, v) => n + (v.usedBytes?.() ?? 0), 0) + w.all.reduce((n, c) => n + (c.proc?.o.fs.usedBytes() ?? 0), 0);

/** helpers.go evictionMessage (each fragment ends with a space, as upstream's). */
function evictionMessage(resource: string, t: Threshold, o: Observation, w: PodWorker, mem: boolean): string {
  let msg = `The node was low on resource: ${resource}. `;
  const quantity = t.quantity !== undefined ? formatBytes(t.quantity) : formatBytes(thresholdQuantity(t, o.capacity));
  msg += `Threshold quantity: ${quantity}, available: ${formatBytes(Math.max(o.available, 0))}. `;
  // Only memory and ephemeral-storage name the containers.
  for (const c of resource === 'pids' ? [] : w.apps) {
    if (!c.proc || c.proc.done) continue;
    const usage = mem ? pages(c.proc.memory) : c.proc.o.fs.usedBytes();
    const req = c.spec.resources?.requests?.[resource];
    if (usage > bytes(req)) msg += `Container ${c.spec.name} was using ${formatBytes(usage)}, request is ${req === undefined ? '0' : String(req)}, has larger consumption of ${resource}. `;
  }
  return msg;
}
