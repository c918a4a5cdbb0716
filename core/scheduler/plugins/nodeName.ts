// NodeName: a pod that names its node fits only that node.
import type { FilterPlugin } from '../types.ts';
import { skip, success, unresolvable } from '../types.ts';

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  // Not upstream's (its NodeName has no PreFilter), but the same verdicts: a pod without
  // spec.nodeName passes this filter on every node, so the cycle leaves it out.
  preFilter(pod) {
    return pod.spec.nodeName ? undefined : skip;
  },
  filter(pod, ni) {
    const want = pod.spec.nodeName;
    return !want || want === ni.node.metadata.name ? success : unresolvable("node(s) didn't match the requested node name");
  },
};
