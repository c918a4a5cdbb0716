import { describe, expect, it } from 'vitest';
import type { EndpointSlice, KObject, Node, Pod, Service } from '../../../core/api/types.ts';
import type { Snapshot } from '../../../core/protocol.ts';
import { UNSCHEDULED, deriveGraph, emptyCache, reuseNodes, sourceOf } from '../../../web/graph/selectors.ts';
import { podStatus } from '../../../web/graph/status.ts';

const node = (name: string, ip: string, cidr: string, controlPlane = false): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
  spec: { podCIDR: cidr },
  status: {
    addresses: [{ type: 'InternalIP', address: ip }],
    conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '', lastTransitionTime: '', reason: '', message: '' }],
  },
});

const pod = (name: string, nodeName?: string, ip?: string, owner = 'web-5d4f'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: 'u', controller: true }] },
  spec: { nodeName, containers: [{ name: 'nginx', image: 'nginx' }] },
  status: nodeName
    ? {
        phase: 'Running',
        podIP: ip,
        containerStatuses: [{ name: 'nginx', image: 'nginx', imageID: '', ready: true, restartCount: 2, state: { running: {} }, lastState: {} }],
      }
    : { phase: 'Pending' },
});

const service: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 80 }] } };
const slice = (pods: string[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: pods.map((name, i) => ({ addresses: [`10.244.1.${i + 2}`], conditions: { ready: i !== 2 }, targetRef: { kind: 'Pod', name, namespace: 'default' } })),
});

const nodes = [node('control-plane', '172.18.0.2', '10.244.0.0/24', true), node('worker-1', '172.18.0.3', '10.244.1.0/24'), node('worker-2', '172.18.0.4', '10.244.2.0/24')];
const snap = (objects: KObject[], sources: Snapshot['sources'] = {}): Snapshot => ({
  time: 0, timeIso: '', revision: 1, objects, events: [], sources, errors: [], version: 'v1.34.1',
});

describe('deriveGraph', () => {
  const pods = [pod('web-a', 'worker-1', '10.244.1.2'), pod('web-b', 'worker-2', '10.244.2.2'), pod('web-c', 'worker-1', '10.244.1.3')];
  const g = deriveGraph(snap([...nodes, ...pods, service, slice(['web-a', 'web-b', 'web-c'])]), emptyCache());

  it('draws Kubernetes nodes as groups, control plane first, with IP, podCIDR and roles', () => {
    const groups = g.nodes.filter((n) => n.type === 'node');
    expect(groups.map((n) => n.id)).toEqual(['Node//control-plane', 'Node//worker-1', 'Node//worker-2']);
    expect(groups[0]!.data).toMatchObject({ roles: 'control-plane', controlPlane: true, internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24' });
    expect(groups[1]!.data).toMatchObject({ roles: 'worker', controlPlane: false, pods: 2 });
    expect(groups[0]!.position.x).toBeLessThan(groups[1]!.position.x);
  });

  it('puts pods inside their node, with status, IP, node and restarts', () => {
    const a = g.nodes.find((n) => n.id === 'Pod/default/web-a')!;
    expect(a.parentId).toBe('Node//worker-1');
    expect(a.data).toMatchObject({ status: 'Running', tone: 'ok', ip: '10.244.1.2', nodeName: 'worker-1', restarts: 2, ready: '1/1' });
    // Parents precede children, as React Flow requires.
    expect(g.nodes.findIndex((n) => n.id === 'Node//worker-1')).toBeLessThan(g.nodes.indexOf(a));
  });

  it('links a Service to the pods its EndpointSlices name', () => {
    expect(g.edges.map((e) => e.target).sort()).toEqual(['Pod/default/web-a', 'Pod/default/web-b', 'Pod/default/web-c']);
    expect(g.edges.every((e) => e.source === 'Service/default/web')).toBe(true);
    expect(g.edges.find((e) => e.target === 'Pod/default/web-c')!.className).toBe('edge-notready');
    const svc = g.nodes.find((n) => n.type === 'service')!;
    expect(svc.data).toMatchObject({ endpoints: 3, readyEndpoints: 2, clusterIP: '10.96.0.10' });
  });

  it('keeps unscheduled pods outside every node', () => {
    const g2 = deriveGraph(snap([...nodes, pod('lonely')]), emptyCache());
    expect(g2.nodes.find((n) => n.id === 'Pod/default/lonely')!.parentId).toBe(UNSCHEDULED);
    expect(g2.nodes.find((n) => n.id === UNSCHEDULED)!.position.x).toBeLessThan(0);
  });

  it('moves nothing that exists when objects come and go; new pods fill the first free slot', () => {
    const next = deriveGraph(
      snap([...nodes, pods[0]!, pods[1]!, pod('web-d', 'worker-1', '10.244.1.9'), service]),
      g.cache,
    );
    const at = (graph: typeof g, id: string) => graph.nodes.find((n) => n.id === id)?.position;
    for (const id of ['Node//worker-1', 'Node//worker-2', 'Pod/default/web-a', 'Pod/default/web-b', 'Service/default/web']) {
      expect(at(next, id)).toEqual(at(g, id));
    }
    expect(at(next, 'Pod/default/web-d')).toEqual(at(g, 'Pod/default/web-c'));
  });

  it('reuses unchanged node objects so React re-renders only what changed', () => {
    const again = deriveGraph(snap([...nodes, ...pods, service, slice(['web-a', 'web-b', 'web-c'])]), g.cache);
    const merged = reuseNodes(g.nodes, again.nodes);
    expect(merged.every((n, i) => n === g.nodes[i])).toBe(true);
  });

  it('finds an owned object’s source through its owners', () => {
    const rs: KObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d4f', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd', controller: true }] } };
    const s = snap([pods[0]!, rs], { 'Deployment/default/web': { file: 'workspace.yaml', line: 3, col: 1, endLine: 20 } });
    expect(sourceOf(s, 'Pod/default/web-a')?.line).toBe(3);
  });
});

describe('podStatus', () => {
  it('follows kubectl’s STATUS column', () => {
    const p = pod('x', 'worker-1');
    expect(podStatus(p)).toEqual({ status: 'Running', tone: 'ok' });
    p.status!.containerStatuses![0]!.state = { waiting: { reason: 'CrashLoopBackOff' } };
    expect(podStatus(p)).toEqual({ status: 'CrashLoopBackOff', tone: 'bad' });
    p.status!.containerStatuses![0]!.state = { waiting: { reason: 'ContainerCreating' } };
    expect(podStatus(p).tone).toBe('progress');
    p.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    expect(podStatus(p)).toEqual({ status: 'Terminating', tone: 'terminating' });
    expect(podStatus(pod('y'))).toEqual({ status: 'Pending', tone: 'progress' });
  });
});

describe('service placement', () => {
  it('puts a new Service above its pods, and never on top of another Service', () => {
    const kube: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1' } };
    const pods = [pod('web-a', 'worker-1', '10.244.1.2'), pod('web-b', 'worker-2', '10.244.2.2')];
    const g = deriveGraph(snap([...nodes, ...pods, kube, service, slice(['web-a', 'web-b'])]), emptyCache());
    const box = (id: string) => g.nodes.find((n) => n.id === id)!;
    const [k, w] = [box('Service/default/kubernetes'), box('Service/default/web')];
    const center = (id: string) => box(id).position.x + box(id).width! / 2;
    const podsMid = (g.nodes.filter((n) => n.type === 'pod').map((n) => box(n.parentId!).position.x + n.position.x + n.width! / 2)).reduce((a, b) => a + b) / 2;
    expect(center('Service/default/web')).toBeCloseTo(podsMid);
    expect(Math.abs(k.position.x - w.position.x)).toBeGreaterThanOrEqual(k.width!);
  });
});

describe('sourceOf', () => {
  it('accepts sources keyed by the namespace as written (none) for objects in default', () => {
    const s = snap([pod('web-a', 'worker-1')], { 'Pod//web-a': { file: 'workspace.yaml', line: 7, col: 1, endLine: 9 } });
    expect(sourceOf(s, 'Pod/default/web-a')?.line).toBe(7);
  });
});

describe('system pods', () => {
  it('hides kube-* pods and Services on request, counting them on their node', () => {
    const proxy = { ...pod('kube-proxy-x', 'worker-1', '172.18.0.3'), metadata: { name: 'kube-proxy-x', namespace: 'kube-system' } };
    const dns: Service = { ...service, metadata: { name: 'kube-dns', namespace: 'kube-system' } };
    const objects = [...nodes, proxy, pod('web-a', 'worker-1', '10.244.1.2'), dns];
    const shown = deriveGraph(snap(objects), emptyCache());
    expect(shown.nodes.some((n) => n.id === 'Pod/kube-system/kube-proxy-x')).toBe(true);
    const hidden = deriveGraph(snap(objects), emptyCache(), { showSystem: false });
    expect(hidden.nodes.map((n) => n.id)).not.toContain('Pod/kube-system/kube-proxy-x');
    expect(hidden.nodes.map((n) => n.id)).not.toContain('Service/kube-system/kube-dns');
    expect(hidden.nodes.find((n) => n.id === 'Node//worker-1')!.data).toMatchObject({ pods: 1, hiddenSystemPods: 1 });
  });
});
