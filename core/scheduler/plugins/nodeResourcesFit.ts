// NodeResourcesFit: requests must fit in allocatable minus what bound pods request;
// the score prefers the least allocated node (default strategy LeastAllocated).
import type { FilterPlugin, ScorePlugin, NodeInfo } from '../types.ts';
import { success, unschedulable } from '../types.ts';
import { podRequests } from '../resources.ts';

export const nodeResourcesFit: FilterPlugin & ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  filter(pod, ni) {
    const want = podRequests(pod);
    const reasons: string[] = [];
    if (ni.requested.pods + 1 > ni.allocatable.pods) reasons.push('Too many pods');
    if (want.milliCPU > 0 && ni.requested.milliCPU + want.milliCPU > ni.allocatable.milliCPU) reasons.push('Insufficient cpu');
    if (want.memory > 0 && ni.requested.memory + want.memory > ni.allocatable.memory) reasons.push('Insufficient memory');
    if (want.ephemeralStorage > 0 && ni.requested.ephemeralStorage + want.ephemeralStorage > ni.allocatable.ephemeralStorage)
      reasons.push('Insufficient ephemeral-storage');
    return reasons.length ? unschedulable(...reasons) : success;
  },
  score(pod, ni) {
    const want = podRequests(pod, true);
    const frac = (req: number, cap: number) => (cap <= 0 || req > cap ? 0 : ((cap - req) * 100) / cap);
    const cpu = frac(ni.nonZeroRequested.milliCPU + want.milliCPU, ni.allocatable.milliCPU);
    const mem = frac(ni.nonZeroRequested.memory + want.memory, ni.allocatable.memory);
    return Math.floor((cpu + mem) / 2);
  },
};

/** NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory use stay even. */
export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, ni: NodeInfo) {
    const want = podRequests(pod, true);
    const f = (req: number, cap: number) => (cap <= 0 ? 1 : Math.min(1, req / cap));
    const cpu = f(ni.nonZeroRequested.milliCPU + want.milliCPU, ni.allocatable.milliCPU);
    const mem = f(ni.nonZeroRequested.memory + want.memory, ni.allocatable.memory);
    const std = Math.abs(cpu - mem) / 2;
    return Math.floor((1 - std) * 100);
  },
};
