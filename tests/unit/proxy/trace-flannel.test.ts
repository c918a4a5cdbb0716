// The packet tracer over both flannel backends, and its refusal to send from a pod where
// nothing runs. host-gw (flannel pkg/backend/hostgw): the route to another node's pods is
// `via NODE-IP dev eth0`, so the packet leaves unencapsulated and a masquerade takes eth0's
// address; vxlan: `via SUBNET.0 dev flannel.1 onlink`, encapsulated, masquerade to flannel.1's
// address (the route's preferred source). Refusals are what `kubectl exec POD -- …` prints:
// kubectl exec.go ("cannot exec into a container in a completed pod; current phase is …"),
// the API server's pod streamLocation ("pod … does not have a host assigned"), the kubelet's
// GetExec ("container not found (…)") behind kubectl's "unable to upgrade connection: ".
import { describe, expect, it } from 'vitest';
import { traceInSimulation } from '../../../core/shell/trace.ts';
import type { TraceResult } from '../../../core/proxy/trace/types.ts';
import type { TraceRequest } from '../../../core/proxy/trace/trace.ts';
import { cluster, podYaml, type TestCluster } from '../harness.ts';

const hostGw = `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
data:
  net-conf.json: '{"Network": "10.244.0.0/16", "Backend": {"Type": "host-gw"}}'
`;
const proxyMode = (mode: string) => `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ${mode}\n`;
const pinned = (name: string, node: string, spec = 'containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 80}]}]', meta = '') =>
  podYaml(name, `nodeName: ${node}\n${spec}`, `  labels: {app: ${name}}\n${meta}`);
const WORKLOADS = [
  pinned('client', 'worker-1'),
  pinned('far', 'worker-2'),
  `apiVersion: v1\nkind: Service\nmetadata: {name: far}\nspec:\n  type: NodePort\n  selector: {app: far}\n  ports: [{port: 80, nodePort: 30080}]\n`,
].join('---\n');

function start(...docs: string[]): TestCluster {
  const c = cluster(5);
  expect(c.apply([...docs, WORKLOADS].join('---\n'))).toEqual([]);
  c.advance('60s');
  return c;
}
const texts = (r: TraceResult | string) => (typeof r === 'string' ? r : r.hops.map((h) => h.text).join('\n'));

describe('trace across nodes, per flannel backend', () => {
  const clusters = { vxlan: start(), 'host-gw': start(hostGw) };
  const farIP = (c: TestCluster) => c.pod('far')!.status!.podIP!;
  const table: { name: string; backend: keyof typeof clusters; req: (c: TestCluster) => TraceRequest; hops: RegExp[]; not: RegExp[] }[] = [
    { name: 'vxlan: pod to a pod on another node goes through flannel.1, encapsulated', backend: 'vxlan', req: () => ({ from: 'pod/client', to: 'far:80' }),
      hops: [/via 10\.244\.2\.0 dev flannel\.1 onlink \(pods of worker-2, flannel vxlan\)/, /^flannel\.1: VXLAN \(UDP 8472\) 172\.18\.0\.3 -> 172\.18\.0\.4/m], not: [/not encapsulated/] },
    { name: 'host-gw: the same packet is routed to worker-2\'s eth0, not encapsulated', backend: 'host-gw', req: () => ({ from: 'pod/client', to: 'far:80' }),
      hops: [/10\.244\.2\.0\/24 via 172\.18\.0\.4 dev eth0 \(pods of worker-2, flannel host-gw\)/, /^eth0 -> worker-2 eth0 \(172\.18\.0\.4\), the route's gateway; not encapsulated: the packet leaves as it is \(10\.244\.1\.\d+ -> 10\.244\.2\.\d+\)/m],
      not: [/VXLAN/, /flannel\.1/] },
    { name: 'vxlan: a node\'s own packet takes flannel.1\'s address as its source', backend: 'vxlan', req: (c) => ({ from: 'node/worker-1', to: `${farIP(c)}:80` }),
      hops: [/route to 10\.244\.2\.\d+ picks source 10\.244\.1\.0$/m], not: [] },
    { name: 'host-gw: a node\'s own packet takes eth0\'s address as its source', backend: 'host-gw', req: (c) => ({ from: 'node/worker-1', to: `${farIP(c)}:80` }),
      hops: [/route to 10\.244\.2\.\d+ picks source 172\.18\.0\.3$/m], not: [/flannel\.1/] },
    { name: 'vxlan: NodePort traffic forwarded to another node is masqueraded to flannel.1\'s address', backend: 'vxlan', req: () => ({ from: 'external', to: '172.18.0.3:30080', via: 'worker-1' }),
      hops: [/MASQUERADE source 203\.0\.113\.10:\d+ -> 10\.244\.1\.0:\d+ \(address of flannel\.1\)/], not: [] },
    { name: 'host-gw: … and to eth0\'s address', backend: 'host-gw', req: () => ({ from: 'external', to: '172.18.0.3:30080', via: 'worker-1' }),
      hops: [/MASQUERADE source 203\.0\.113\.10:\d+ -> 172\.18\.0\.3:\d+ \(address of eth0\)/], not: [/flannel\.1/] },
  ];
  it.each(table)('$name', ({ backend, req, hops, not }) => {
    const c = clusters[backend];
    const r = traceInSimulation(c.sim, req(c));
    expect(typeof r === 'string' ? r : r.outcome.kind).toBe('delivered');
    for (const h of hops) expect(texts(r)).toMatch(h);
    for (const h of not) expect(texts(r)).not.toMatch(h);
  });

  it('IPVS NodePorts listen on flannel.1\'s address only where flannel.1 exists', () => {
    const listens = (c: TestCluster) => /TCP {2}10\.244\.1\.0:30080/.test(c.run('ssh worker-1 ipvsadm -Ln'));
    expect([listens(start(proxyMode('ipvs'))), listens(start(proxyMode('ipvs'), hostGw))]).toEqual([true, false]);
  });
});

describe('trace from a pod where nothing runs: refused as kubectl exec is', () => {
  const c = cluster(5);
  const never = 'restartPolicy: Never\n';
  c.apply([
    WORKLOADS,
    pinned('crash', 'worker-1', 'containers: [{name: app, image: busybox:1.36, command: [sh, -c, "exit 1"]}]'),
    pinned('done', 'worker-1', `${never}containers: [{name: job, image: busybox:1.36, command: [sh, -c, "exit 0"]}]`),
    pinned('failed', 'worker-1', `${never}containers: [{name: job, image: busybox:1.36, command: [sh, -c, "exit 3"]}]`),
    podYaml('stuck', 'nodeSelector: {disk: none}\ncontainers: [{name: app, image: nginx:1.27}]'),
    pinned('named', 'worker-1', 'containers: [{name: a, image: busybox:1.36, command: [sh, -c, "exit 1"]}, {name: b, image: busybox:1.36, command: [sh, -c, "exit 1"]}]',
      '  annotations: {kubectl.kubernetes.io/default-container: b}\n'),
    pinned('sidecar', 'worker-1', 'containers: [{name: app, image: busybox:1.36, command: [sh, -c, "exit 1"]}, {name: proxy, image: nginx:1.27}]'),
  ].join('---\n'));
  c.advance('60s');

  const table = [
    { name: 'crash-looping (CrashLoopBackOff): container not found', given: 'crash', want: 'error: unable to upgrade connection: container not found ("app")' },
    { name: 'completed: kubectl refuses before asking', given: 'done', want: 'error: cannot exec into a container in a completed pod; current phase is Succeeded' },
    { name: 'failed: the same, phase Failed', given: 'failed', want: 'error: cannot exec into a container in a completed pod; current phase is Failed' },
    { name: 'never scheduled: the API server has no node to stream from', given: 'stuck', want: 'Error from server (BadRequest): pod stuck does not have a host assigned' },
    { name: 'the container kubectl picks is the default-container annotation\'s', given: 'named', want: 'error: unable to upgrade connection: container not found ("b")' },
  ];
  it.each(table)('$name', ({ given, want }) => {
    expect(traceInSimulation(c.sim, { from: `pod/${given}`, to: 'far:80' })).toBe(want);
    expect(c.run(`trace --from pod/${given} --to far:80`)).toBe(`[stderr]\ntrace: ${want}\n`);
  });

  it('says what kubectl exec into the same pod says', () => {
    for (const pod of ['crash', 'done', 'failed']) expect(c.run(`kubectl exec ${pod} -- true`)).toContain(traceInSimulation(c.sim, { from: `pod/${pod}`, to: 'far:80' }) as string);
  });

  it('one running container (a sidecar) is enough to send the packet', () => {
    const r = traceInSimulation(c.sim, { from: 'pod/sidecar', to: 'far:80' });
    expect(typeof r === 'string' ? r : r.outcome.kind).toBe('delivered');
  });
});
