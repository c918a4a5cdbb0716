// The packet tracer against the kernel as referee: the same rules (one proxier's kernel
// model) are traced by core/proxy/trace and loaded into the real kernel in network
// namespaces; real connections from the client must end where the tracer says — the same
// pod for single-endpoint, affinity and Local-policy services, a drop or reject where it
// predicts one, and, for a multi-endpoint service, a spread within a few percent of the
// probabilities the tracer prints for each path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../../core/api/types.ts';
import { Rng } from '../../core/api/rng.ts';
import { IptablesProxier, type ProxierConfig } from '../../core/proxy/iptables/proxier.ts';
import { trace, type NodeNet, type TraceEnv } from '../../core/proxy/trace/trace.ts';
import type { TraceResult } from '../../core/proxy/trace/types.ts';
import { Lab, run, skipReason, sweep } from './netns.ts';

const reason = skipReason('netfilter tests (tracer vs kernel)');

// The lab: node 192.168.50.1, client 192.168.50.2, pod i at 10.244.i.2 (TCP 8080, UDP 5353).
const config: ProxierConfig = {
  nodeName: 'node', nodeIPs: ['192.168.50.1'], clusterCIDR: '10.244.0.0/16',
  hasRandomFully: true, nfacct: { ctStateInvalidDropped: false, localhostNodePortsAccepted: false },
};
const podIP = (i: number) => `10.244.${i}.2`;
const svc = (name: string, clusterIP: string, spec: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name },
  spec: { type: 'ClusterIP', clusterIP, ports: [{ name: 'p', port: 80, protocol: 'TCP' }], ...spec },
});
/** Endpoints: [pod number, node it is on]. */
const slice = (name: string, eps: [number, string][], protocol: 'TCP' | 'UDP' = 'TCP'): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { namespace: 'default', name: `${name}-1`, labels: { 'kubernetes.io/service-name': name } },
  endpoints: eps.map(([i, node]) => ({ addresses: [podIP(i)], nodeName: node })),
  ports: [{ name: 'p', port: protocol === 'UDP' ? 5353 : 8080, protocol }],
});
const services: Service[] = [
  svc('multi', '10.96.1.10'),
  svc('dns', '10.96.1.30', { ports: [{ name: 'p', port: 53, protocol: 'UDP' }] }),
  svc('sticky', '10.96.1.40', { sessionAffinity: 'ClientIP' }),
  svc('local', '10.96.1.50', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'p', port: 80, nodePort: 30100, protocol: 'TCP' }] }),
  svc('remote', '10.96.1.60', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'p', port: 80, nodePort: 30101, protocol: 'TCP' }] }),
  svc('empty', '10.96.1.20'),
];
const slices: EndpointSlice[] = [
  slice('multi', [[1, 'node'], [2, 'node'], [3, 'node']]),
  slice('dns', [[2, 'node']], 'UDP'),
  slice('sticky', [[1, 'node'], [2, 'node'], [3, 'node']]),
  slice('local', [[1, 'node'], [2, 'other']]),
  slice('remote', [[3, 'other']]),
];
/** The pods as the tracer sees them: all three on this node, behind its cni0. */
const pods: Pod[] = [1, 2, 3].map((i) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'default', name: `pod${i}`, uid: `uid-${i}` },
  spec: { nodeName: 'node', containers: [] }, status: { phase: 'Running', podIP: podIP(i) },
}));

describe.skipIf(!!reason)('tracer vs kernel', () => {
  const lab = new Lab('t');
  const proxier = new IptablesProxier(config);
  const rng = new Rng(42);
  const node: NodeNet = {
    name: 'node', ip: '192.168.50.1', podCIDR: '10.244.0.0/16', gateway: '10.244.1.1',
    kernel: proxier.kernel, extraLocal: [], recent: new Map(), conntrack: [],
  };
  const env: TraceEnv = { nodes: [node], pods, services, slices, dnsDomain: 'cluster.local', rng: () => rng.next(), nowSeconds: 100 };
  const traced = (to: string, proto: 'tcp' | 'udp' = 'tcp', pick?: number): TraceResult => {
    const r = trace(env, { from: 'external', to, proto, pick });
    if (typeof r === 'string') throw new Error(r);
    return r;
  };
  /** The lab namespace of the pod the tracer delivered to. */
  const podNs = (r: TraceResult) => lab.pods[Number(r.outcome.pod!.name.slice(3)) - 1]!;

  beforeAll(() => {
    sweep();
    lab.setup(3);
    lab.startServers();
    const r = proxier.sync(services, slices);
    expect(r.error).toBeUndefined();
    lab.load(r.restore, true);
  }, 60_000);
  afterAll(() => lab.teardown());

  it('single endpoint (UDP): the pod the tracer names gets every datagram', () => {
    const t = traced('10.96.1.30:53', 'udp');
    expect(t.outcome.kind).toBe('delivered');
    expect(lab.traffic('udp', '10.96.1.30', 53, 20)).toEqual({ [podNs(t)]: 20 });
  }, 60_000);

  it('ClientIP affinity: the tracer keeps one pod, and so does the kernel', () => {
    const first = traced('10.96.1.40:80');
    for (let i = 0; i < 5; i++) expect(traced('10.96.1.40:80').outcome.pod?.name).toBe(first.outcome.pod?.name);
    const seen = lab.traffic('tcp', '10.96.1.40', 80, 30);
    expect(Object.values(seen)).toEqual([30]);
  }, 60_000);

  it('externalTrafficPolicy: Local from outside: only the local endpoint, as traced', () => {
    const t = traced('192.168.50.1:30100');
    expect(t.outcome.kind).toBe('delivered');
    expect(t.outcome.pod?.name).toBe('pod1');
    for (let i = 0; i < 5; i++) expect(traced('192.168.50.1:30100').outcome.pod?.name).toBe('pod1');
    expect(lab.traffic('tcp', '192.168.50.1', 30100, 30)).toEqual({ [podNs(t)]: 30 });
  }, 60_000);

  it('externalTrafficPolicy: Local without a local endpoint: traced as dropped, the kernel drops', () => {
    expect(traced('192.168.50.1:30101').outcome.kind).toBe('dropped');
    expect(lab.traffic('tcp', '192.168.50.1', 30101, 2)).toEqual({ TIMEOUT: 2 });
  }, 60_000);

  it('no endpoints: traced as rejected, the kernel refuses the connection from a pod', () => {
    expect(traced('10.96.1.20:80').outcome.kind).toBe('rejected');
    // From a pod (the off-node client's port-unreachable is rate-limited away: see kube-proxy.test.ts).
    expect(lab.replies('tcp', '10.96.1.20', 80, 2, lab.pods[0])).toEqual({ 'ERR ECONNREFUSED': 2 });
    const line = run(lab.node, ['iptables', '-w', '-L', 'KUBE-SERVICES', '-v', '-n', '-x']).split('\n').find((l) => l.includes('10.96.1.20'));
    expect(Number(line?.trim().split(/\s+/)[0])).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('three endpoints: the kernel spreads 450 connections within 8% of the traced path probabilities', () => {
    const predicted = new Map<string, number>();
    for (const pick of [1, 2, 3]) {
      const t = traced('10.96.1.10:80', 'tcp', pick);
      predicted.set(podNs(t), (predicted.get(podNs(t)) ?? 0) + t.probability);
    }
    expect([...predicted.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const n = 450;
    const got = lab.traffic('tcp', '10.96.1.10', 80, n);
    expect(Object.keys(got).sort(), JSON.stringify(got)).toEqual([...predicted.keys()].sort());
    for (const [ns, p] of predicted) expect(Math.abs(got[ns]! / n - p), `${ns}: ${got[ns]}/${n} vs ${p}`).toBeLessThan(0.08);
  }, 120_000);
});
