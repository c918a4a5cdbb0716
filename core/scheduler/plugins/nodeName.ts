// NodeName: a pod that names its node fits only that node.
import type { FilterPlugin } from '../types.ts';
import { success, unresolvable } from '../types.ts';

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(pod, ni) {
    const want = pod.spec.nodeName;
    return !want || want === ni.node.metadata.name ? success : unresolvable("node(s) didn't match the requested node name");
  },
};
