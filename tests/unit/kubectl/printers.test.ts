// Cells of the other `kubectl get` printers, after upstream printers.go (printNode,
// printService, printDeployment, printReplicaSet, printEndpointSlice, printEvent).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../core/api/types.ts';
import { tableLayout } from '../../../core/kubectl/get.ts';
import { NOW, deployment, endpointSlice, event, node, replicaSet, service } from './builders.ts';

/** A row as `kubectl get` shows it: the full server row cut to the visible columns. */
const row = (o: KObject, wide = false): string[] => tableLayout(o.kind, { now: NOW, wide }).row(o);

describe('node cells', () => {
  const cases = [
    { name: 'ready worker', given: node('worker-1', { ready: 'True' }), want: ['worker-1', 'Ready', '<none>', '3d', 'v1.34.0'] },
    { name: 'not ready', given: node('worker-1', { ready: 'False' }), want: ['worker-1', 'NotReady', '<none>', '3d', 'v1.34.0'] },
    { name: 'no Ready condition', given: node('worker-1'), want: ['worker-1', 'Unknown', '<none>', '3d', 'v1.34.0'] },
    { name: 'cordoned', given: node('worker-1', { ready: 'True', unschedulable: true }), want: ['worker-1', 'Ready,SchedulingDisabled', '<none>', '3d', 'v1.34.0'] },
    {
      name: 'roles from labels, sorted',
      given: node('cp', { ready: 'True', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'etcd', 'node-role.kubernetes.io/': '' } }),
      want: ['cp', 'Ready', 'control-plane,etcd', '3d', 'v1.34.0'],
    },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(row(given)).toEqual(want));
  it('wide adds addresses and node info', () => {
    expect(row(node('worker-1', { ready: 'True' }), true).slice(5)).toEqual([
      '172.18.0.3', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-1', 'containerd://2.1.3',
    ]);
  });
});

describe('service cells', () => {
  const cases = [
    { name: 'ClusterIP', given: service('web', { clusterIP: '10.96.12.7', clusterIPs: ['10.96.12.7'], ports: [{ port: 80, protocol: 'TCP' }] }), want: ['web', 'ClusterIP', '10.96.12.7', '<none>', '80/TCP', '2m'] },
    { name: 'headless', given: service('db', { clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] }), want: ['db', 'ClusterIP', 'None', '<none>', '5432/TCP', '2m'] },
    {
      name: 'NodePort with two ports',
      given: service('web', { type: 'NodePort', clusterIPs: ['10.96.0.5'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }] }),
      want: ['web', 'NodePort', '10.96.0.5', '<none>', '80:30080/TCP,53:30053/UDP', '2m'],
    },
    { name: 'LoadBalancer pending', given: service('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.0.9'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }), want: ['lb', 'LoadBalancer', '10.96.0.9', '<pending>', '443:31443/TCP', '2m'] },
    {
      // printers.go clips to 16 bytes unless wide, but the API server always generates wide rows.
      name: 'LoadBalancer ingress is never clipped',
      given: service('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.0.9'], ports: [{ port: 80, nodePort: 30001, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { ip: '203.0.113.9' }] } }),
      want: ['lb', 'LoadBalancer', '10.96.0.9', '203.0.113.10,203.0.113.9', '80:30001/TCP', '2m'],
    },
    { name: 'ExternalName', given: service('ext', { type: 'ExternalName', externalName: 'example.com' }), want: ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '2m'] },
    { name: 'externalIPs', given: service('web', { clusterIPs: ['10.96.0.5'], externalIPs: ['198.51.100.1'], ports: [{ port: 80, protocol: 'TCP' }] }), want: ['web', 'ClusterIP', '10.96.0.5', '198.51.100.1', '80/TCP', '2m'] },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(row(given)).toEqual(want));
  it('wide adds the selector', () => {
    expect(row(service('web', { selector: { tier: 'fe', app: 'web' } }), true)[6]).toBe('app=web,tier=fe');
    expect(row(service('web', {}), true)[6]).toBe('<none>');
  });
});

describe('deployment and replicaset cells', () => {
  it('deployment', () => {
    const d = deployment('web', 3, { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 });
    expect(row(d, true)).toEqual(['web', '2/3', '3', '2', '10m', 'nginx', 'nginx:1.27', 'app=web']);
  });
  it('deployment without status', () => {
    expect(row(deployment('web', 2, undefined))).toEqual(['web', '0/2', '0', '0', '10m']);
  });
  it('replicaset', () => {
    const rs = replicaSet('web-7d4b9c', 3, { replicas: 3, readyReplicas: 1 });
    expect(row(rs, true)).toEqual(['web-7d4b9c', '3', '3', '1', '10m', 'nginx', 'nginx:1.27', 'app=web,pod-template-hash=7d4b9c']);
  });
});

describe('endpointslice cells', () => {
  const cases = [
    { name: 'no endpoints', given: endpointSlice('web-abc', [], [{ name: 'http', port: 80, protocol: 'TCP' }]), want: ['web-abc', 'IPv4', '80', '<unset>', '60s'] },
    { name: 'no ports', given: endpointSlice('web-abc', ['10.244.1.2'], []), want: ['web-abc', 'IPv4', '<unset>', '10.244.1.2', '60s'] },
    {
      name: 'more than three endpoints',
      given: endpointSlice('web-abc', ['10.244.1.2', '10.244.2.3', '10.244.1.4', '10.244.2.5', '10.244.1.6'], [{ port: 80, protocol: 'TCP' }]),
      want: ['web-abc', 'IPv4', '80', '10.244.1.2,10.244.2.3,10.244.1.4 + 2 more...', '60s'],
    },
    { name: 'a port without number shows its name', given: endpointSlice('x', ['10.0.0.1'], [{ name: 'http', protocol: 'TCP' }, { protocol: 'TCP' }]), want: ['x', 'IPv4', 'http,*', '10.0.0.1', '60s'] },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(row(given)).toEqual(want));
});

describe('event cells', () => {
  it('narrow', () => {
    expect(row(event('web.17c', { last: 30, message: 'Pulled  \n' }))).toEqual(['30s', 'Normal', 'Scheduled', 'pod/web', 'Pulled']);
  });
  it('wide', () => {
    const e = event('web.17c', { last: 30, first: 300, count: 4, source: { component: 'kubelet', host: 'worker-1' }, involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{app}' } });
    expect(row(e, true)).toEqual([
      '30s', 'Normal', 'Scheduled', 'pod/web', 'spec.containers{app}', 'kubelet, worker-1',
      'Successfully assigned default/web to worker-1', '5m', '4', 'web.17c',
    ]);
  });
});
