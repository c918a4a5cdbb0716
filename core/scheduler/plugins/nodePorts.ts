// NodePorts: two pods on one node cannot claim the same hostPort/protocol/hostIP.
import type { Pod } from '../../api/types.ts';
import type { FilterPlugin } from '../types.ts';
import { success, unschedulable } from '../types.ts';

export const hostPortsOf = (pod: Pod): string[] =>
  (pod.spec.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => `${p.protocol ?? 'TCP'}/${p.hostPort}`));

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter(pod, ni) {
    const clash = hostPortsOf(pod).some((p) => ni.usedPorts.has(p));
    return clash ? unschedulable("node(s) didn't have free ports for the requested pod ports") : success;
  },
};
