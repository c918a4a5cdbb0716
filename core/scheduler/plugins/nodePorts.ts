// NodePorts: two pods on one node cannot claim the same hostPort/protocol/hostIP.
import type { Pod } from '../../api/types.ts';
import type { FilterPlugin } from '../types.ts';
import { skip, success, unschedulable } from '../types.ts';

// Per stored (frozen) spec: the filter asks once per node examined, for the same pod.
const portsMemo = new WeakMap<object, string[]>();

export function hostPortsOf(pod: Pod): string[] {
  let ports = portsMemo.get(pod.spec);
  if (!ports) {
    ports = (pod.spec.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => `${p.protocol ?? 'TCP'}/${p.hostPort}`));
    if (Object.isFrozen(pod.spec)) portsMemo.set(pod.spec, ports);
  }
  return ports;
}

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  preFilter(pod) {
    return hostPortsOf(pod).length ? undefined : skip;
  },
  filter(pod, ni) {
    const ports = hostPortsOf(pod);
    const clash = ports.length > 0 && ports.some((p) => ni.usedPorts.has(p));
    return clash ? unschedulable("node(s) didn't have free ports for the requested pod ports") : success;
  },
};
