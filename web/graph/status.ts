// The STATUS column of `kubectl get pods` (printPod in kubernetes/pkg/printers/internalversion),
// reduced to what the graph needs, plus a colour tone for it.
import type { Pod } from '../../core/api/types.ts';

export type PodTone = 'ok' | 'progress' | 'warn' | 'bad' | 'done' | 'terminating';

const BAD = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName',
  'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'Error', 'OOMKilled',
  'Failed', 'Evicted', 'ContainerStatusUnknown', 'OutOfcpu', 'OutOfmemory', 'NodeAffinity', 'Unknown',
]);
const PROGRESS = new Set(['Pending', 'ContainerCreating', 'PodInitializing']);

// The page's snapshot objects are never mutated (a patch replaces them), so the graph asks for a
// pod's status once per object.
const memo = new WeakMap<Pod, { status: string; tone: PodTone }>();
export function podStatusOfSnapshot(pod: Pod): { status: string; tone: PodTone } {
  let s = memo.get(pod);
  if (!s) memo.set(pod, (s = podStatus(pod)));
  return s;
}

export function podStatus(pod: Pod): { status: string; tone: PodTone } {
  const st = pod.status;
  let reason: string = st?.reason || st?.phase || 'Pending';

  const init = st?.initContainerStatuses ?? [];
  const initTotal = pod.spec.initContainers?.length ?? 0;
  let initializing = false;
  init.forEach((c, i) => {
    if (initializing || c.state.terminated?.exitCode === 0) return;
    initializing = true;
    if (c.state.terminated) reason = c.state.terminated.reason ? `Init:${c.state.terminated.reason}` : `Init:ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initTotal}`;
  });

  if (!initializing) {
    let running = false;
    for (const c of [...(st?.containerStatuses ?? [])].reverse()) {
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated) reason = c.state.terminated.exitCode ? `ExitCode:${c.state.terminated.exitCode}` : 'Completed';
      else if (c.ready && c.state.running) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }

  if (pod.metadata.deletionTimestamp) return { status: 'Terminating', tone: 'terminating' };
  const allReady = (st?.containerStatuses ?? []).length > 0 && st!.containerStatuses!.every((c) => c.ready);
  if (reason === 'Running') return { status: reason, tone: allReady ? 'ok' : 'warn' };
  if (reason === 'Succeeded' || reason === 'Completed') return { status: reason, tone: 'done' };
  if (PROGRESS.has(reason) || /^Init:\d/.test(reason)) return { status: reason, tone: 'progress' };
  if (BAD.has(reason) || reason.startsWith('Init:') || reason.startsWith('ExitCode:')) return { status: reason, tone: 'bad' };
  return { status: reason, tone: 'warn' };
}

/** How a container of a restarted pod last ended (kubectl describe's Last State): the latest one. */
export interface LastExit {
  reason: string;
  code: number;
  at: string;
}
export function lastExit(pod: Pod): LastExit | null {
  let last: LastExit | null = null;
  for (const c of pod.status?.containerStatuses ?? []) {
    const t = c.lastState?.terminated;
    if (!t || !c.restartCount) continue;
    const at = t.finishedAt ?? '';
    if (!last || at > last.at) last = { reason: t.reason ?? (t.exitCode ? 'Error' : 'Completed'), code: t.exitCode, at };
  }
  return last;
}
