// The packet tracer through the whole engine (headless harness): each row is a trace
// request and what must come out — the outcome, the pod, and hops that prove the path
// (cni0 vs flannel.1, DNAT, the REJECT/DROP rule, IPVS). Rules come from the engine's own
// kube-proxy, so these also pin down the engine's Service -> rules -> data path wiring.
import { beforeAll, describe, expect, it } from 'vitest';
import { traceInSimulation } from '../../../core/shell/trace.ts';
import type { TraceResult } from '../../../core/proxy/trace/types.ts';
import type { TraceRequest } from '../../../core/proxy/trace/trace.ts';
import { cluster, deploymentYaml, podYaml, type TestCluster } from '../harness.ts';

const pinned = (name: string, node: string, app: string) =>
  podYaml(name, `nodeName: ${node}\ncontainers: [{name: c, image: nginx:1.27, ports: [{containerPort: 80}]}]`, `  labels: {app: ${app}}\n`);
const svc = (name: string, app: string, extra = '', nodePort = 0) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  selector: {app: ${app}}\n` +
  `  ports: [{port: 80, targetPort: 80${nodePort ? `, nodePort: ${nodePort}` : ''}}]\n${extra}`;

const WORKLOADS = [
  deploymentYaml('web', 3),
  svc('web', 'web'),
  svc('np', 'web', '  type: NodePort\n', 30080),
  svc('sticky', 'web', '  sessionAffinity: ClientIP\n'),
  pinned('client', 'worker-1', 'client'),
  pinned('near', 'worker-1', 'near'), svc('near', 'near'),
  pinned('far', 'worker-2', 'far'), svc('far', 'far'),
  svc('local', 'near', '  type: NodePort\n  externalTrafficPolicy: Local\n', 30090),
  svc('empty', 'nobody'),
].join('---\n');

function start(extra = ''): TestCluster {
  const c = cluster(7);
  expect(c.apply(extra + WORKLOADS)).toEqual([]);
  c.advance('60s');
  return c;
}

const texts = (r: TraceResult) => r.hops.map((h) => h.text).join('\n');
function traced(c: TestCluster, req: TraceRequest): TraceResult {
  const r = traceInSimulation(c.sim, req);
  if (typeof r === 'string') throw new Error(r);
  return r;
}

describe('packet tracer (iptables mode)', () => {
  let c: TestCluster;
  /** web's endpoints in kube-proxy's order (`IP:port` as strings): what --pick N selects. */
  let webOrder: string[];
  beforeAll(() => {
    c = start();
    webOrder = c.pods('web-').map((p) => `${p.status!.podIP}:80 ${p.metadata.name}`).sort().map((s) => s.split(' ')[1]!);
    expect(webOrder).toHaveLength(3);
  });

  for (const pick of [1, 2, 3]) {
    it(`ClusterIP to a 3-endpoint Service, --pick ${pick}: that endpoint, path probability 1/3`, () => {
      const r = traced(c, { from: 'pod/client', to: 'web:80', pick });
      expect(r.outcome.kind).toBe('delivered');
      expect(r.outcome.pod?.name).toBe(webOrder[pick - 1]);
      expect(r.probability).toBeCloseTo(1 / 3, 6);
      // Branches before the pick are forced "not taken", the pick's own "taken"; the last endpoint has none.
      expect(r.hops.filter((h) => h.branch).map((h) => [h.branch!.taken, h.branch!.forced]))
        .toEqual([[pick === 1, true], ...(pick > 1 ? [[pick === 2, true]] : [])]);
      expect(r.hops.some((h) => h.nat?.type === 'DNAT')).toBe(true);
    });
  }

  const table: { name: string; req: TraceRequest; kind: string; pod?: string; hops?: RegExp[]; not?: RegExp[] }[] = [
    { name: 'single endpoint on the same node: cni0, no overlay', req: { from: 'pod/client', to: 'near:80' }, kind: 'delivered', pod: 'near',
      hops: [/dev cni0 \(a pod on this node\)/, /DNAT 10\.\S+:80 -> 10\.244\.\d+\.\d+:80/], not: [/flannel\.1/] },
    { name: 'single endpoint on another node: flannel.1 VXLAN to worker-2', req: { from: 'pod/client', to: 'far:80' }, kind: 'delivered', pod: 'far',
      hops: [/10\.244\.2\.0\/24 via 10\.244\.2\.0 dev flannel\.1 onlink \(pods of worker-2, flannel vxlan\)/, /flannel\.1: VXLAN \(UDP 8472\) 172\.18\.0\.3 -> 172\.18\.0\.4/, /\[?worker-2/] },
    { name: 'NodePort from an external client is masqueraded and delivered', req: { from: 'external', to: '172.18.0.3:30080', via: 'worker-1' }, kind: 'delivered',
      hops: [/KUBE-NODEPORTS/, /KUBE-MARK-MASQ/, /MASQUERADE source 203\.0\.113\.10/] },
    { name: 'externalTrafficPolicy: Local, node without a local endpoint: dropped', req: { from: 'external', to: '172.18.0.4:30090', via: 'worker-2' }, kind: 'dropped',
      hops: [/has no local endpoints/] },
    { name: 'externalTrafficPolicy: Local, node with the endpoint: delivered, client IP kept', req: { from: 'external', to: '172.18.0.3:30090', via: 'worker-1' }, kind: 'delivered', pod: 'near',
      not: [/MASQUERADE/] },
    { name: 'no endpoints: REJECT in filter KUBE-SERVICES', req: { from: 'pod/client', to: 'empty:80' }, kind: 'rejected',
      hops: [/has no endpoints.*-j REJECT/] },
    { name: 'ping a ClusterIP: unreachable (only DNAT rules for its ports exist)', req: { from: 'pod/client', to: 'web', proto: 'icmp' }, kind: 'unreachable' },
    { name: 'DNS name resolves to the ClusterIP', req: { from: 'pod/client', to: 'near.default.svc.cluster.local:80' }, kind: 'delivered', pod: 'near',
      hops: [/^DNS: near\.default\.svc\.cluster\.local -> 10\.\S+ \(ClusterIP\)/m] },
    { name: 'unknown DNS name', req: { from: 'pod/client', to: 'nope:80' }, kind: 'error' },
  ];
  for (const row of table) {
    it(row.name, () => {
      const r = traceInSimulation(c.sim, row.req);
      if (row.kind === 'error') { expect(r).toMatch(/NXDOMAIN/); return; }
      if (typeof r === 'string') throw new Error(r);
      expect(r.outcome.kind, texts(r)).toBe(row.kind);
      if (row.pod) expect(r.outcome.pod?.name).toBe(row.pod);
      for (const h of row.hops ?? []) expect(texts(r)).toMatch(h);
      for (const h of row.not ?? []) expect(texts(r)).not.toMatch(h);
    });
  }

  it('sessionAffinity: ClientIP: every connection from the client lands on the first pick', () => {
    const first = traced(c, { from: 'pod/client', to: 'sticky:80' });
    expect(first.outcome.kind).toBe('delivered');
    for (let i = 0; i < 6; i++) {
      const r = traced(c, { from: 'pod/client', to: 'sticky:80' });
      expect(r.outcome.pod?.name).toBe(first.outcome.pod?.name);
      expect(texts(r)).toMatch(/--rcheck --seconds 10800 --reap/);
    }
  });

  it('the rules that matched count the packets (iptables -L -v)', () => {
    traced(c, { from: 'pod/client', to: 'near:80' });
    const listing = c.run('ssh worker-1 iptables -t nat -L KUBE-SERVICES -n -v');
    const line = listing.split('\n').find((l) => l.includes('default/near cluster IP'));
    expect(Number(line?.trim().split(/\s+/)[0])).toBeGreaterThan(0);
  });

  it('the trace command prints the same path', () => {
    const out = c.run('trace --from pod/client --to web:80 --pick 2');
    expect(out).toMatch(/random branch p=0\.5: taken \(forced by --pick\)/);
    expect(out).toMatch(new RegExp(`result: delivered to pod default/${webOrder[1]}`));
    expect(out).toMatch(/probability of this path: 0\.3333/);
  });
});

describe('packet tracer (IPVS mode)', () => {
  it('ClusterIP goes through the IPVS virtual server and is delivered', () => {
    const c = start('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n---\n');
    const r = traced(c, { from: 'pod/client', to: 'far:80' });
    expect(r.outcome.kind, texts(r)).toBe('delivered');
    expect(r.outcome.pod?.name).toBe('far');
    expect(r.hops.some((h) => h.kind === 'ipvs' && /scheduler picked 10\.244\.\d+\.\d+:80/.test(h.text))).toBe(true);
    const empty = traced(c, { from: 'pod/client', to: 'empty:80' });
    expect(empty.outcome.kind).toBe('rejected');
  });
});
