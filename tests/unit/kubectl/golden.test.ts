// Whole-output golden tests. Each golden under tests/golden/kubectl/ is listed with the
// upstream source its layout was checked against in tests/golden/kubectl/README.md.
// Regenerate with UPDATE_GOLDEN=1 only after re-checking the diff against upstream.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeNode } from '../../../core/kubectl/describe/node.ts';
import { describePod } from '../../../core/kubectl/describe/pod.ts';
import { printGet, printObjects } from '../../../core/kubectl/get.ts';
import type { KObject } from '../../../core/api/types.ts';
import { NOW, cstatus, deployment, endpointSlice, event, node, pod, replicaSet, running, service, terminated, waiting } from './builders.ts';
import { webPod, webPodEvents, worker1, worker1Lease } from './fixtures.ts';

const dir = new URL('../../golden/kubectl/', import.meta.url);

function golden(file: string, got: string): void {
  const url = new URL(file, dir);
  if (process.env['UPDATE_GOLDEN'] || !existsSync(url)) writeFileSync(url, got);
  expect(got).toBe(readFileSync(url, 'utf8'));
}

const pods: KObject[] = [
  pod('web-7d4b9c5f6d-x2k4p', { spec: { nodeName: 'worker-1' }, status: { podIP: '10.244.1.5', containerStatuses: [cstatus('nginx', running())] } }),
  pod('crash', { age: 900, spec: { nodeName: 'worker-2' }, status: { podIP: '10.244.2.7', containerStatuses: [cstatus('app', waiting('CrashLoopBackOff'), { restartCount: 5, lastState: terminated(1, 'Error', 42) })] } }),
  pod('pending', { age: 5, status: { phase: 'Pending' } }),
  pod('coredns-668d6bf9bc-7xkq2', { age: 86400 * 2, meta: { namespace: 'kube-system' }, spec: { nodeName: 'control-plane' }, status: { podIP: '10.244.0.2', containerStatuses: [cstatus('coredns', running())] } }),
];

describe('kubectl get goldens', () => {
  it('get pods', () => golden('get-pods.txt', printGet(pods.filter((p) => p.metadata.namespace === 'default'), { kind: 'Pod', now: NOW }).stdout));
  it('get pods -A -o wide', () => golden('get-pods-all-wide.txt', printGet(pods, { kind: 'Pod', now: NOW, wide: true, allNamespaces: true }).stdout));
  it('get nodes -o wide', () => {
    const nodes = [
      node('worker-2', { ready: 'False', unschedulable: true }),
      node('control-plane', { ready: 'True', labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      node('worker-1', { ready: 'True' }),
    ];
    golden('get-nodes-wide.txt', printGet(nodes, { kind: 'Node', now: NOW, wide: true }).stdout);
  });
  it('get deploy,rs,svc,endpointslices', () => {
    const objects: KObject[] = [
      deployment('web', 3, { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }),
      replicaSet('web-7d4b9c5f6d', 3, { replicas: 3, readyReplicas: 3 }),
      service('web', { type: 'NodePort', clusterIPs: ['10.96.45.12'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } }),
      service('kubernetes', { clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }),
      endpointSlice('web-8kq2x', ['10.244.1.5', '10.244.2.8', '10.244.1.9', '10.244.2.11'], [{ name: '', port: 80, protocol: 'TCP' }]),
    ];
    golden('get-deploy-rs-svc-eps.txt', printGet(objects, { kind: 'Deployment', now: NOW }).stdout);
  });
  it('get events', () => {
    const events = [
      event('web-7d4b9c5f6d-x2k4p.17c1a2b3c4d5e6f7', { last: 330, message: 'Successfully assigned default/web-7d4b9c5f6d-x2k4p to worker-1' }),
      event('crash.17c1a2b3c4d5e6f8', { last: 12, first: 880, count: 41, type: 'Warning', reason: 'BackOff', source: { component: 'kubelet', host: 'worker-2' }, involvedObject: { kind: 'Pod', name: 'crash', namespace: 'default' }, message: 'Back-off restarting failed container app in pod crash_default(8a1c)' }),
      event('web.17c1a2b3c4d5e6f0', { last: 340, reason: 'ScalingReplicaSet', source: { component: 'deployment-controller' }, involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default' }, message: 'Scaled up replica set web-7d4b9c5f6d from 0 to 3' }),
    ];
    golden('get-events.txt', printGet(events, { kind: 'Event', now: NOW }).stdout);
  });
  it('get pods -o yaml', () => golden('get-pods.yaml', printObjects([webPod], 'yaml')));
  it('get pod NAME -o json', () => golden('get-pod.json', printObjects([webPod], 'json', true)));
});

describe('kubectl describe goldens', () => {
  it('describe pod', () => golden('describe-pod.txt', describePod(webPod, { events: webPodEvents, now: NOW })));
  it('describe pod (pending, no events)', () => {
    const p = pod('pending', { age: 5, spec: { tolerations: [{ operator: 'Exists' }] }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2024-05-01T11:59:55Z', reason: 'Unschedulable' }] } });
    golden('describe-pod-pending.txt', describePod(p, { events: [], now: NOW }));
  });
  it('describe node', () => {
    const other = pod('busybox', { age: 60, spec: { nodeName: 'worker-1', containers: [{ name: 'sh', image: 'busybox', resources: { limits: { cpu: '500m', memory: '1Gi' } } }] } });
    const done = pod('job-done', { spec: { nodeName: 'worker-1' }, status: { phase: 'Succeeded' } });
    golden('describe-node.txt', describeNode(worker1, { pods: [webPod, other, done], events: [], lease: worker1Lease, now: NOW }));
  });
});
