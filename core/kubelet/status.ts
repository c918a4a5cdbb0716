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

/** kubelet getPhase: Pending until every app container has started once; then from their states. */
export function podPhase(pod: Pod, initDone: boolean, apps: ContainerView[], inits: ContainerView[] = []): PodStatus['phase'] {
  // An init container that failed under restartPolicy Never fails the pod.
  if (!initDone && (pod.spec.restartPolicy ?? 'Always') === 'Never' && inits.some((c) => c.state.terminated && c.state.terminated.exitCode !== 0)) return 'Failed';
  if (!initDone) return 'Pending';
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of apps) {
    if (c.state.running) running++;
    else if (c.state.terminated) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  const policy = pod.spec.restartPolicy ?? 'Always';
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
  ready: c.ready,
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
}

export function buildStatus(i: StatusInput): PodStatus {
  const prev = i.pod.status?.conditions;
  const initDone = i.inits.every((c) => c.state.terminated?.exitCode === 0);
  const pendingInits = i.inits.filter((c) => c.state.terminated?.exitCode !== 0).map((c) => c.spec.name);
  const unready = i.apps.filter((c) => !c.ready).map((c) => c.spec.name);
  const phase = podPhase(i.pod, initDone, i.apps, i.inits);
  const allDone = phase === 'Succeeded' || phase === 'Failed';
  // A finished pod's Ready condition says PodCompleted, as the kubelet reports it.
  const readyReason = allDone ? 'PodCompleted' : unready.length ? 'ContainersNotReady' : undefined;
  const readyMsg = !allDone && unready.length ? `containers with unready status: [${unready.join(' ')}]` : undefined;
  const conditions: PodCondition[] = [
    cond(prev, i.now, 'PodReadyToStartContainers', i.sandboxReady && !i.terminal),
    cond(prev, i.now, 'Initialized', initDone, allDone && i.inits.length ? 'PodCompleted' : initDone ? undefined : 'ContainersNotInitialized',
      initDone ? undefined : `containers with incomplete status: [${pendingInits.join(' ')}]`),
    cond(prev, i.now, 'Ready', !unready.length && !allDone, readyReason, readyMsg),
    cond(prev, i.now, 'ContainersReady', !unready.length && !allDone, readyReason, readyMsg),
    ...(prev?.filter((c) => c.type === 'PodScheduled') ?? []),
  ];
  const status: PodStatus = {
    phase,
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
