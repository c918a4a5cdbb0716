// The kubelet's stats provider (the Summary API, /stats/summary, fed by cAdvisor): the node's
// and each container's working set and CPU usage. The eviction manager observes
// memory.available from it, and metrics-server scrapes it for `kubectl top`, so both read
// these numbers and nothing else.

import type { Kubelet } from './kubelet.ts';
import type { Process } from '../runtime/process.ts';

/** What the node itself uses besides containers (systemd, containerd, the kubelet; the control plane's host processes). */
const SYSTEM = { controlPlane: { memory: 520 * 2 ** 20, cpuMilli: 60 }, worker: { memory: 310 * 2 ** 20, cpuMilli: 15 } };
const PAGE = 4096;

/** A cgroup's memory is counted in whole pages. */
export const pages = (b: number): number => Math.ceil(b / PAGE) * PAGE;

export interface Usage { workingSetBytes: number; cpuMilli: number }

/** A running container's usage; undefined once it has exited. */
export function containerUsage(p: Process | undefined): Usage | undefined {
  return p && !p.done ? { workingSetBytes: pages(p.memory), cpuMilli: p.cpuUsage } : undefined;
}

/** The node's usage: the system's own plus every running container's. */
export function nodeUsage(k: Kubelet): Usage {
  const cp = k.ctx.api.get('Node', undefined, k.nodeName)?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
  const system = cp ? SYSTEM.controlPlane : SYSTEM.worker;
  const out: Usage = { workingSetBytes: system.memory, cpuMilli: system.cpuMilli };
  for (const c of k.cri.containers.values()) {
    const cu = containerUsage(c.proc);
    if (!cu) continue;
    out.workingSetBytes += cu.workingSetBytes;
    out.cpuMilli += cu.cpuMilli;
  }
  return out;
}

/** CPU time the kubelet process has used since it started (simulated): its start-up work, then about 1.3 % of a core. */
export const kubeletCpuMs = (k: Kubelet, until: number): number => 1187 + Math.round((until - k.startedAt) * 0.0131);

/** systemd's format_timespan to the millisecond: "26.274s", "6min 40.143s", "4h 2min 16.500s", "40s". */
export function systemdTimespan(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000]] as const) {
    if (rest < size) continue;
    parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  if (rest >= 1000) parts.push(`${Math.floor(rest / 1000)}${rest % 1000 ? '.' + String(rest % 1000).padStart(3, '0') : ''}s`);
  else if (rest) parts.push(`${rest}ms`);
  return parts.join(' ') || '0';
}
