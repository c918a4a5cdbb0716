import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, podYaml, serviceYaml } from '../harness.ts';
import { view } from '../../../core/views/index.ts';
import type { ViewResult } from '../../../core/protocol.ts';

const as = <K extends ViewResult['kind']>(r: ViewResult, kind: K) => {
  if (r.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(r).slice(0, 300)}`);
  return r as Extract<ViewResult, { kind: K }>;
};

describe('node view', () => {
  const c = cluster();
  const withVolume = deploymentYaml('web', 2).replace('      containers:', '      volumes: [{name: cache, emptyDir: {}}]\n      containers:');
  c.apply(`${withVolume}---\n${serviceYaml('web')}`);
  c.settle();
  const v = as(view(c.sim, { kind: 'node', name: 'worker-1' }), 'node').node;

  it('lists sandboxes with their containers, veth, IP, volumes and host-network flag', () => {
    const web = v.sandboxes.find((s) => s.pod.startsWith('web-') && s.state === 'ready')!;
    expect(web.ip).toMatch(/^10\.244\.1\./);
    expect(web.veth).toMatch(/^veth[0-9a-f]{8}$/);
    expect(web.hostNetwork).toBe(false);
    expect(web.volumes.map((x) => x.name)).toContain('cache');
    expect(web.volumes.find((x) => x.name === 'cache')!.hostPath).toMatch(/^\/var\/lib\/kubelet\/pods\/.*cache$/);
    expect(v.sandboxes.find((s) => s.pod.startsWith('kube-proxy-'))!.hostNetwork).toBe(true);
  });

  it('gives every kube-proxy rule its exact iptables-save line', () => {
    const services = v.proxy.chains.find((ch) => ch.table === 'nat' && ch.name === 'KUBE-SERVICES')!;
    const rule = services.rules.find((r) => r.comment === 'default/web cluster IP')!;
    expect(rule.line).toMatch(/^-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+\/32 -p tcp -m comment --comment "default\/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-[A-Z0-9]{16}$/);
    const svc = v.proxy.chains.find((ch) => ch.name === rule.target)!;
    expect(svc.rules.some((r) => r.probability === 0.5)).toBe(true);
    expect(v.flannel).toMatchObject({ backend: 'vxlan', vtep: 'flannel.1' });
    expect(v.flannel.routes.map((r) => `${r.dst} via ${r.gateway} dev ${r.dev}`)).toEqual(['10.244.0.0/24 via 10.244.0.0 dev flannel.1', '10.244.2.0/24 via 10.244.2.0 dev flannel.1']);
  });
});

describe('ipvs mode', () => {
  it('lists virtual servers with their real servers and Service', () => {
    const c = cluster();
    c.apply(`apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n---\n${deploymentYaml('web', 2)}---\n${serviceYaml('web')}`);
    c.settle();
    const v = as(view(c.sim, { kind: 'node', name: 'worker-1' }), 'node').node;
    expect(v.proxy.mode).toBe('ipvs');
    const vs = v.proxy.ipvs!.find((x) => x.service === 'default/web:80')!;
    expect(vs.scheduler).toBe('rr');
    expect(vs.reals).toHaveLength(2);
    expect(vs.reals.every((r) => r.port === 80)).toBe(true);
  });
});

describe('explain', () => {
  it('says in plain words why a pod is Pending, node by node', () => {
    const c = cluster();
    c.apply(podYaml('picky', 'nodeSelector: {disktype: ssd}\ncontainers: [{name: app, image: busybox, command: [sleep, "3600"]}]'));
    c.settle();
    const e = as(view(c.sim, { kind: 'explain', objectKind: 'Pod', namespace: 'default', name: 'picky' }), 'explain').explain;
    const why = e.why.map((w) => w.text);
    expect(why[0]).toMatch(/^0\/3 nodes are available/);
    expect(why).toContain("worker-1: rejected by NodeAffinity — the pod's nodeSelector wants disktype=ssd; this node has no such label");
    expect(why.some((l) => /^control-plane: rejected by .*tainted node-role\.kubernetes\.io\/control-plane:NoSchedule/.test(l))).toBe(true);
    expect(e.describe).toMatch(/FailedScheduling/);
    expect(e.yaml).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });

  it('says why a pod is not behind a Service', () => {
    const c = cluster();
    c.apply(`${podYaml('a', 'containers: [{name: app, image: nginx}]', '  labels: {app: web, tier: x}\n')}---\n${serviceYaml('web', 'web', 80, '')}`.replace('selector: {app: web}', 'selector: {app: web, tier: y}'));
    c.settle();
    const e = as(view(c.sim, { kind: 'explain', objectKind: 'Service', namespace: 'default', name: 'web' }), 'explain').explain;
    expect(e.why.map((w) => w.text)).toEqual(['a: not selected — label tier=y does not match.']);
  });
});

describe('journey', () => {
  it('returns the 8 steps of a pod with the step names', () => {
    const c = cluster();
    c.apply(podYaml('solo', 'containers: [{name: app, image: nginx}]'));
    c.settle();
    const j = as(view(c.sim, { kind: 'journey', namespace: 'default', name: 'solo' }), 'journey').journey;
    expect(j.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(j.steps[2]!.component).toBe('etcd');
    expect(j.names[8]).toBe('Ready');
    expect(view(c.sim, { kind: 'journey', namespace: 'default', name: 'nope' }).kind).toBe('error');
  });
});
