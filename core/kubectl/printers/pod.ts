// `kubectl get pods` row, after upstream printPod (pkg/printers/internalversion/printers.go).
import type { ContainerState, ContainerStatus, Pod } from '../../api/types.ts';
import { since } from '../duration.ts';
import type { Printer, RowContext } from '../table.ts';

// Fields the shared types leave out.
interface Terminated { exitCode: number; reason?: string; signal?: number; finishedAt?: string }
interface ReadinessGate { conditionType: string }

const terminated = (s: ContainerState): Terminated | undefined => s.terminated as Terminated | undefined;

/** A sidecar: an init container with restartPolicy Always. */
const isRestartable = (c: { [k: string]: unknown } | undefined): boolean => c?.['restartPolicy'] === 'Always';

const later = (a: string, b: string | undefined): string => (b && (!a || Date.parse(b) > Date.parse(a)) ? b : a);

export interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
  /** finishedAt of the most recent restart, '' if none. */
  lastRestart: string;
}

/** READY, STATUS and RESTARTS exactly as printPod computes them. */
export function podSummary(pod: Pod): PodSummary {
  const status = pod.status;
  const spec = pod.spec;
  const phase = status?.phase ?? '';
  let reason: string = status?.reason || phase;
  for (const c of status?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  const total = spec.containers.length + (spec.initContainers ?? []).filter(isRestartable).length;
  let ready = 0;
  let restarts = 0;
  let lastRestart = '';
  let sidecarRestarts = 0;
  let lastSidecarRestart = '';

  let initializing = false;
  const initStatuses: ContainerStatus[] = status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const sidecar = isRestartable(initSpecs.get(c.name));
    restarts += c.restartCount;
    lastRestart = later(lastRestart, terminated(c.lastState ?? {})?.finishedAt);
    if (sidecar) {
      sidecarRestarts += c.restartCount;
      lastSidecarRestart = later(lastSidecarRestart, terminated(c.lastState ?? {})?.finishedAt);
    }
    const term = terminated(c.state);
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initialized = (status?.conditions ?? []).find((c) => c.type === 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    // Walked backwards, so the first container's state wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount;
      lastRestart = later(lastRestart, terminated(c.lastState ?? {})?.finishedAt);
      const term = terminated(c.state);
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready: `${ready}/${total}`, status: reason, restarts, lastRestart };
}

function readinessGates(pod: Pod): string {
  const gates = (pod.spec['readinessGates'] as ReadinessGate[] | undefined) ?? [];
  if (gates.length === 0) return '<none>';
  const conds = pod.status?.conditions ?? [];
  const ok = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ok}/${gates.length}`;
}

/** podIPs[0]; the v1→internal conversion fills podIPs from a lone podIP. */
const podIP = (pod: Pod): string => pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';

export const podPrinter: Printer<Pod> = {
  columns: [
    { name: 'Name' }, { name: 'Ready' }, { name: 'Status' }, { name: 'Restarts' }, { name: 'Age' },
    { name: 'IP', wide: true }, { name: 'Node', wide: true },
    { name: 'Nominated Node', wide: true }, { name: 'Readiness Gates', wide: true },
  ],
  cells(pod: Pod, ctx: RowContext): string[] {
    const s = podSummary(pod);
    const restarts = s.restarts !== 0 && s.lastRestart ? `${s.restarts} (${since(s.lastRestart, ctx.now)} ago)` : String(s.restarts);
    return [
      pod.metadata.name, s.ready, s.status, restarts, since(pod.metadata.creationTimestamp, ctx.now),
      podIP(pod), pod.spec.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates(pod),
    ];
  },
};
