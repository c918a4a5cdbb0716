// Realistic objects, shaped like what a kind cluster stores for `kubectl run web --image=nginx`,
// shared by the golden tests.
import type { KEvent, KObject, Node, Pod } from '../../../core/api/types.ts';
import { ago, event } from './builders.ts';

export const webPod: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'web-7d4b9c5f6d-x2k4p', namespace: 'default', uid: '3c9f6f2e-1b7a-4b0e-9a51-0c2d7f4e8a11', creationTimestamp: ago(330),
    labels: { app: 'web', 'pod-template-hash': '7d4b9c5f6d' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c5f6d', uid: 'r1', controller: true, blockOwnerDeletion: true }],
  },
  spec: {
    nodeName: 'worker-1', priority: 0, serviceAccountName: 'default', restartPolicy: 'Always',
    containers: [{
      name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: { limits: { memory: '128Mi' }, requests: { cpu: '0.1', memory: '64Mi' } },
      readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, periodSeconds: 5 },
      volumeMounts: [{ name: 'kube-api-access-9xk2s', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
    }],
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    volumes: [{
      name: 'kube-api-access-9xk2s',
      projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }, { downwardAPI: { items: [] } }] },
    }],
  },
  status: {
    phase: 'Running', hostIP: '172.18.0.3', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], startTime: ago(330), qosClass: 'Burstable',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: ago(320) },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ago(330) },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: ago(300) },
      { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: ago(300) },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ago(330) },
    ],
    containerStatuses: [{
      name: 'nginx', image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
      containerID: 'containerd://5e8c0d1b2a3f', ready: true, started: true, restartCount: 1,
      state: { running: { startedAt: ago(310) } },
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(325), finishedAt: ago(312), containerID: 'containerd://0d1e' } },
    }],
  },
};

export const webPodEvents: KEvent[] = [
  event('web-7d4b9c5f6d-x2k4p.17c1', { last: 330, reason: 'Scheduled', message: 'Successfully assigned default/web-7d4b9c5f6d-x2k4p to worker-1' }),
  event('web-7d4b9c5f6d-x2k4p.17c2', { last: 310, first: 328, count: 2, reason: 'Pulled', source: { component: 'kubelet', host: 'worker-1' }, message: 'Container image "nginx:1.27" already present on machine' }),
  event('web-7d4b9c5f6d-x2k4p.17c3', { last: 312, type: 'Warning', reason: 'OOMKilling', source: { component: 'kubelet', host: 'worker-1' }, message: 'Memory cgroup out of memory: Killed process 4242 (nginx)' }),
];

export const worker1: Node = {
  apiVersion: 'v1', kind: 'Node',
  metadata: {
    name: 'worker-1', creationTimestamp: ago(86400 * 2),
    labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'worker-1', 'kubernetes.io/os': 'linux' },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
  },
  spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], providerID: 'kind://docker/kind/worker-1', taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }] },
  status: {
    capacity: { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8131244Ki', pods: '110' },
    allocatable: { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8131244Ki', pods: '110' },
    conditions: [
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(86400 * 2), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
      { type: 'DiskPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(86400 * 2), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
      { type: 'PIDPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(86400 * 2), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
      { type: 'Ready', status: 'True', lastHeartbeatTime: ago(20), lastTransitionTime: ago(86400 * 2 - 30), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    ],
    addresses: [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'worker-1' }],
    nodeInfo: {
      machineID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', systemUUID: 'a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90', bootID: 'f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f',
      kernelVersion: '6.8.0-1', osImage: 'Debian GNU/Linux 12 (bookworm)', operatingSystem: 'linux', architecture: 'amd64',
      containerRuntimeVersion: 'containerd://2.1.3', kubeletVersion: 'v1.34.0', kubeProxyVersion: '',
    },
  },
};

export const worker1Lease: KObject = {
  apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'worker-1', namespace: 'kube-node-lease' },
  spec: { holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: ago(8) },
};
