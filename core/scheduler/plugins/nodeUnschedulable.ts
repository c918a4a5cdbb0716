// NodeUnschedulable: a cordoned node (spec.unschedulable) takes no new pods unless they
// tolerate node.kubernetes.io/unschedulable:NoSchedule.
import type { FilterPlugin } from '../types.ts';
import { success, unresolvable } from '../types.ts';
import { tolerates } from './taintToleration.ts';

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, ni) {
    if (!ni.node.spec.unschedulable) return success;
    const ok = tolerates(pod.spec.tolerations ?? [], { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
    return ok ? success : unresolvable('node(s) were unschedulable');
  },
};
