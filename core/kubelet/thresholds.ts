// Hard eviction thresholds and node allocatable, as the kubelet derives them from its
// KubeletConfiguration (pkg/kubelet/eviction/api, eviction/helpers.go ParseThresholdConfig,
// cm/node_container_manager_linux.go GetNodeAllocatableReservation):
//   allocatable = capacity - kubeReserved - systemReserved - hard eviction threshold
// where only memory.available reserves memory and nodefs.available ephemeral-storage.
// A percentage threshold is taken of the capacity (int64(float64(capacity) * percent)).

import type { ResourceList } from '../api/types.ts';
import { bytes, formatBytes, formatMilli, milliCPU, parseQuantity } from '../api/quantity.ts';
import type { ClusterSettings } from '../cluster/settings.ts';

export type Signal = 'memory.available' | 'nodefs.available' | 'nodefs.inodesFree' | 'imagefs.available' | 'imagefs.inodesFree' | 'pid.available';

export interface Threshold {
  signal: Signal;
  /** Absolute (bytes, inodes, PIDs) or a fraction of the capacity. */
  quantity?: number;
  percentage?: number;
}

const SIGNALS = new Set<string>(['memory.available', 'nodefs.available', 'nodefs.inodesFree', 'imagefs.available', 'imagefs.inodesFree', 'pid.available']);

/** ParseThresholdConfig for evictionHard: unknown signals and "0%" / "0" (disabled) are dropped. */
export function parseThresholds(hard: Record<string, string>): Threshold[] {
  const out: Threshold[] = [];
  for (const [signal, value] of Object.entries(hard)) {
    if (!SIGNALS.has(signal)) continue;
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(value);
    if (pct) {
      const percentage = Number(pct[1]) / 100;
      if (percentage > 0) out.push({ signal: signal as Signal, percentage });
      continue;
    }
    const quantity = parseQuantity(value);
    if (quantity !== undefined && quantity > 0) out.push({ signal: signal as Signal, quantity });
  }
  return out;
}

/** GetThresholdQuantity: the threshold's value for a resource of this capacity. */
export const thresholdQuantity = (t: Threshold, capacity: number): number =>
  t.quantity ?? Math.trunc(capacity * (t.percentage ?? 0));

/** The node's allocatable from its capacity and the kubelet's settings. */
export function nodeAllocatable(capacity: ResourceList, s: ClusterSettings): ResourceList {
  const { kubeReserved, systemReserved, evictionHard } = s.kubelet;
  const thresholds = parseThresholds(evictionHard);
  const hard = (sig: Signal, cap: number) => {
    const t = thresholds.find((x) => x.signal === sig);
    return t ? thresholdQuantity(t, cap) : 0;
  };
  const out: ResourceList = { ...capacity };
  if (capacity.cpu !== undefined) {
    const m = milliCPU(capacity.cpu) - milliCPU(kubeReserved.cpu) - milliCPU(systemReserved.cpu);
    out.cpu = formatMilli(Math.max(m, 0));
  }
  for (const [res, sig] of [['memory', 'memory.available'], ['ephemeral-storage', 'nodefs.available']] as const) {
    const cap = capacity[res];
    if (cap === undefined) continue;
    const b = bytes(cap);
    const v = b - bytes(kubeReserved[res]) - bytes(systemReserved[res]) - hard(sig, b);
    out[res] = formatBytes(Math.max(v, 0));
  }
  return out;
}
