// NodeResourcesFit (plugins/noderesources/fit.go): requests must fit in allocatable minus
// what bound pods request — cpu, memory, ephemeral-storage, extended resources and the pod
// count — reported as "Insufficient cpu", "Too many pods". The score is the default
// LeastAllocated strategy: ((allocatable - requested) * 100 / allocatable) per resource,
// cpu and memory weighted 1:1, integer arithmetic as upstream.
import type { FilterPlugin, ScorePlugin } from '../types.ts';
import { success, unschedulable } from '../types.ts';
import { podRequests } from '../resources.ts';

const least = (req: number, cap: number): number => (cap === 0 || req > cap ? 0 : Math.trunc(((cap - req) * 100) / cap));

export const nodeResourcesFit: FilterPlugin & ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  filter(pod, ni) {
    const want = podRequests(pod);
    // Most nodes fit: answer those without building a list of reasons.
    if (ni.requested.pods + 1 <= ni.allocatable.pods && ni.requested.milliCPU + want.milliCPU <= ni.allocatable.milliCPU
      && ni.requested.memory + want.memory <= ni.allocatable.memory && ni.requested.ephemeralStorage + want.ephemeralStorage <= ni.allocatable.ephemeralStorage
      && !want.scalar) return success;
    const reasons: string[] = [];
    if (ni.requested.pods + 1 > ni.allocatable.pods) reasons.push('Too many pods');
    if (want.milliCPU > 0 && ni.requested.milliCPU + want.milliCPU > ni.allocatable.milliCPU) reasons.push('Insufficient cpu');
    if (want.memory > 0 && ni.requested.memory + want.memory > ni.allocatable.memory) reasons.push('Insufficient memory');
    if (want.ephemeralStorage > 0 && ni.requested.ephemeralStorage + want.ephemeralStorage > ni.allocatable.ephemeralStorage)
      reasons.push('Insufficient ephemeral-storage');
    for (const [k, v] of Object.entries(want.scalar ?? {})) {
      if (v > 0 && (ni.requested.scalar?.[k] ?? 0) + v > (ni.allocatable.scalar?.[k] ?? 0)) reasons.push(`Insufficient ${k}`);
    }
    return reasons.length ? unschedulable(...reasons) : success;
  },
  score(pod, ni) {
    const want = podRequests(pod, true);
    const cpu = least(ni.nonZeroRequested.milliCPU + want.milliCPU, ni.allocatable.milliCPU);
    const mem = least(ni.nonZeroRequested.memory + want.memory, ni.allocatable.memory);
    return Math.trunc((cpu + mem) / 2);
  },
};
