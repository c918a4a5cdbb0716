// Builds a pod's status the way the kubelet's status manager does (generateAPIPodStatus):
// conditions in the API's order, container statuses in spec order, phase from getPhase.

import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.ts';
import { bytes, milliCPU } from '../api/quantity.ts';

export interface ContainerView {
  spec: Container;
  init: boolean;
  imageID: string;
  containerID?: string;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  started: boolean;
  sidecar?: boolean;
}

export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined) guaranteed = false;
      else if (r === 'cpu' ? milliCPU(q) !== milliCPU(l) : bytes(q) !== bytes(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** A sidecar: an init container with restartPolicy Always (KEP-753, GA in v1.33). */
export const isSidecar = (c: Container): boolean => c['restartPolicy'] === 'Always';

/** kubecontainer.HasAnyRegularContainerStarted: the pod was initialized before. */
const anyAppStarted = (apps: ContainerView[]): boolean => apps.some((c) => c.state.running || c.state.terminated);

/**
 * kubelet getPhase (kubelet_pods.go): regular init containers hold the pod Pending; sidecars
 * count as running (Pending until started) and are ignored once terminated; then the app
 * containers decide.
 */
export function podPhase(pod: Pod, apps: ContainerView[], inits: ContainerView[] = []): PodStatus['phase'] {
  const policy = pod.spec.restartPolicy ?? 'Always';
  let pendingInit = 0, failedInit = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of inits) {
    const { state, lastState } = c;
    if (c.sidecar) {
      if (state.running) {
        if (!c.started) pendingInit++;
        running++;
      } else if (!state.terminated && !lastState.terminated) {
        pendingInit++;
        waiting++;
      }
    } else if (state.terminated) {
      if (state.terminated.exitCode !== 0) failedInit++;
    } else if (!state.running && lastState.terminated) {
      if (lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  for (const c of apps) {
    if (c.state.running) running++;
    else if (c.state.terminated) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState.terminated) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 && !anyAppStarted(apps)) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  if (policy === 'Always') return 'Running';
  if (stopped === succeeded) return 'Succeeded';
  return policy === 'Never' ? 'Failed' : 'Running';
}

function cond(prev: PodCondition[] | undefined, now: string, type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const p = prev?.find((c) => c.type === type);
  return {
    type, status, lastProbeTime: null,
    lastTransitionTime: p && p.status === status ? p.lastTransitionTime : now,
    ...(reason ? { reason } : {}), ...(message ? { message } : {}),
  };
}

const toStatus = (c: ContainerView): ContainerStatus => ({
  name: c.spec.name,
  state: c.state,
  lastState: c.lastState,
  // prober manager UpdatePodStatus: a regular init container is ready once it exited 0.
  ready: c.init && !c.sidecar ? c.state.terminated?.exitCode === 0 : c.ready,
  restartCount: c.restartCount,
  image: c.spec.image,
  imageID: c.imageID,
  ...(c.containerID ? { containerID: `containerd://${c.containerID}` } : {}),
  started: c.started,
});

export interface StatusInput {
  pod: Pod;
  now: string;
  hostIP: string;
  podIP?: string;
  sandboxReady: boolean;
  startTime: string;
  inits: ContainerView[];
  apps: ContainerView[];
  terminal?: boolean;
  /** The eviction manager's message: phase Failed, reason Evicted, a DisruptionTarget condition. */
  evicted?: string;
}

export function buildStatus(i: StatusInput): PodStatus {
  const prev = i.pod.status?.conditions;
  // status_manager.go mergePodStatus: a pod turns terminal only once no container can still run,
  // so an evicted pod reads Running (with its DisruptionTarget) until its containers are killed.
  const evicted = i.evicted && ![...i.inits, ...i.apps].some((c) => c.state.running) ? i.evicted : undefined;
  const phase = evicted ? 'Failed' : podPhase(i.pod, i.apps, i.inits);
  const allDone = phase === 'Succeeded' || phase === 'Failed';
  // status/generate.go: a sidecar counts as initialized once started, a regular init container
  // once it exited 0; an app container that ever started means the pod was initialized.
  const pendingInits = i.inits.filter((c) => !(c.sidecar ? c.started : c.state.terminated?.exitCode === 0)).map((c) => c.spec.name);
  const initDone = !pendingInits.length || anyAppStarted(i.apps);
  const unready = [...i.inits.filter((c) => c.sidecar), ...i.apps].filter((c) => !c.ready).map((c) => c.spec.name);
  // A finished pod's Ready condition says PodCompleted (or PodFailed), as the kubelet reports it.
  const readyReason = phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : unready.length ? 'ContainersNotReady' : undefined;
  const readyMsg = !allDone && unready.length ? `containers with unready status: [${unready.join(' ')}]` : undefined;
  const conditions: PodCondition[] = [
    ...(i.evicted ? [cond(prev, i.now, 'DisruptionTarget', true, 'TerminationByKubelet', i.evicted)] : []),
    cond(prev, i.now, 'PodReadyToStartContainers', i.sandboxReady && !i.terminal),
    cond(prev, i.now, 'Initialized', initDone || phase === 'Succeeded', phase === 'Succeeded' ? 'PodCompleted' : initDone ? undefined : 'ContainersNotInitialized',
      initDone || phase === 'Succeeded' ? undefined : `containers with incomplete status: [${pendingInits.join(' ')}]`),
    cond(prev, i.now, 'Ready', !unready.length && !allDone, readyReason, readyMsg),
    cond(prev, i.now, 'ContainersReady', !unready.length && !allDone, readyReason, readyMsg),
    ...(prev?.filter((c) => c.type === 'PodScheduled') ?? []),
  ];
  const status: PodStatus = {
    phase,
    ...(evicted ? { reason: 'Evicted', message: evicted } : {}),
    conditions,
    hostIP: i.hostIP,
    hostIPs: [{ ip: i.hostIP }],
    ...(i.podIP ? { podIP: i.podIP, podIPs: [{ ip: i.podIP }] } : {}),
    startTime: i.startTime,
    ...(i.inits.length ? { initContainerStatuses: i.inits.map(toStatus) } : {}),
    containerStatuses: i.apps.map(toStatus),
    qosClass: qosClass(i.pod),
  };
  return status;
}
