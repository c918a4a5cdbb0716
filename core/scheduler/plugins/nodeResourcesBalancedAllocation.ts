// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): prefers
// nodes whose cpu and memory fractions stay close: score = (1 - std) * 100, where for two
// resources std = |cpu - memory| / 2.
import type { ScorePlugin } from '../types.ts';
import { podRequests } from '../resources.ts';

const f = (req: number, cap: number): number => (cap <= 0 ? 1 : Math.min(1, req / cap));

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, ni) {
    const want = podRequests(pod, true);
    const cpu = f(ni.nonZeroRequested.milliCPU + want.milliCPU, ni.allocatable.milliCPU);
    const mem = f(ni.nonZeroRequested.memory + want.memory, ni.allocatable.memory);
    const std = Math.abs(cpu - mem) / 2;
    return Math.trunc((1 - std) * 100);
  },
};
