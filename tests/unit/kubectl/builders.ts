// Small builders for kubectl formatting tests. Times are seconds before NOW.
import type { ContainerState, ContainerStatus, Deployment, EndpointSlice, KEvent, Node, Pod, ReplicaSet, Service } from '../../../core/api/types.ts';

export const NOW = Date.parse('2024-05-01T12:00:00Z');
export const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');

export const running = (startedSecondsAgo = 60): ContainerState => ({ running: { startedAt: ago(startedSecondsAgo) } });
export const waiting = (reason?: string): ContainerState => ({ waiting: reason ? { reason } : {} });
export const terminated = (exitCode: number, reason?: string, finishedSecondsAgo = 10): ContainerState => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), startedAt: ago(finishedSecondsAgo + 5), finishedAt: ago(finishedSecondsAgo) },
});

export function cstatus(name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name, image: 'nginx:1.27', imageID: '', ready: state.running !== undefined, restartCount: 0, state, lastState: {},
    started: state.running !== undefined, ...extra,
  };
}

export function pod(name: string, over: { containers?: string[]; init?: string[]; status?: Partial<NonNullable<Pod['status']>>; spec?: Partial<Pod['spec']>; meta?: Partial<Pod['metadata']>; age?: number } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: ago(over.age ?? 300), ...over.meta },
    spec: {
      containers: (over.containers ?? ['app']).map((n) => ({ name: n, image: 'nginx:1.27' })),
      ...(over.init ? { initContainers: over.init.map((n) => ({ name: n, image: 'busybox' })) } : {}),
      ...over.spec,
    },
    status: { phase: 'Running', ...over.status },
  };
}

export function node(name: string, over: { ready?: 'True' | 'False' | 'Unknown'; labels?: Record<string, string>; unschedulable?: boolean; age?: number } = {}): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, creationTimestamp: ago(over.age ?? 86400 * 3), labels: over.labels ?? {} },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], ...(over.unschedulable ? { unschedulable: true } : {}) },
    status: {
      conditions: over.ready ? [{ type: 'Ready', status: over.ready, lastHeartbeatTime: ago(10), lastTransitionTime: ago(3600), reason: 'KubeletReady', message: 'kubelet is posting ready status' }] : [],
      addresses: [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'v1.34.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-1', containerRuntimeVersion: 'containerd://2.1.3' },
    },
  };
}

export function service(name: string, spec: Partial<Service['spec']>, status?: Service['status']): Service {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: ago(120) },
    spec: { type: 'ClusterIP', ...spec }, ...(status ? { status } : {}),
  };
}

const template = (image = 'nginx:1.27') => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } });

export function deployment(name: string, replicas: number, status: Deployment['status']): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default', creationTimestamp: ago(600) },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template() }, status,
  };
}

export function replicaSet(name: string, replicas: number, status: ReplicaSet['status']): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', creationTimestamp: ago(600) },
    spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c' } }, template: template() }, status,
  };
}

export function endpointSlice(name: string, addresses: string[], ports: EndpointSlice['ports']): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, namespace: 'default', creationTimestamp: ago(60) },
    addressType: 'IPv4', endpoints: addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })), ports,
  };
}

export function event(name: string, over: Partial<KEvent> & { last: number; first?: number }): KEvent {
  const { last, first, ...rest } = over;
  return {
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', creationTimestamp: ago(first ?? last) },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
    reason: 'Scheduled', message: 'Successfully assigned default/web to worker-1', type: 'Normal',
    source: { component: 'default-scheduler' }, firstTimestamp: ago(first ?? last), lastTimestamp: ago(last), count: 1,
    ...rest,
  };
}
