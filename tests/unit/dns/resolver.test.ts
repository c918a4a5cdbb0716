// CoreDNS answers (kubernetes plugin, https://github.com/coredns/coredns/tree/master/plugin/kubernetes),
// the kubelet's resolv.conf (pkg/kubelet/network/dns/dns.go: search <ns>.svc.<domain>
// svc.<domain> <domain>, options ndots:5) and nslookup's formats (BIND and busybox).
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import { nslookup, resolvConf, resolve } from '../../../core/dns/resolver.ts';

describe('DNS', () => {
  const c = cluster();
  c.apply(deploymentYaml('web', 2) + '---\n' + serviceYaml('web') + '---\n' +
    'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}\n---\n' +
    'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {type: ExternalName, externalName: example.com}\n');
  c.advance('30s');
  const web = c.sim.api.get<import('../../../core/api/types.ts').Service>('Service', 'default', 'web')!;
  const pod = c.pods('web-')[0]!;

  it('service names through the search list', () => {
    const r = resolve(c.sim, 'web', 'default');
    expect(r).toMatchObject({ ok: true, answer: { name: 'web.default.svc.cluster.local', addresses: [web.spec.clusterIP] } });
    expect(resolve(c.sim, 'kubernetes.default', 'kube-system')).toMatchObject({ ok: true, answer: { name: 'kubernetes.default.svc.cluster.local', addresses: ['10.96.0.1'] } });
    expect(resolve(c.sim, 'kube-dns.kube-system.svc.cluster.local', 'default')).toMatchObject({ ok: true, answer: { addresses: ['10.96.0.10'] } });
  });
  it('headless services answer with pod IPs; pod A records; ExternalName CNAME', () => {
    const ips = c.pods('web-').map((p) => p.status!.podIP!).sort();
    expect(resolve(c.sim, 'db', 'default')).toMatchObject({ ok: true, answer: { addresses: ips } });
    const ip = pod.status!.podIP!;
    expect(resolve(c.sim, `${ip.replace(/\./g, '-')}.default.pod.cluster.local`, 'default')).toMatchObject({ ok: true, answer: { addresses: [ip] } });
    expect(resolve(c.sim, 'ext', 'default')).toMatchObject({ ok: true, answer: { cname: 'example.com' } });
    expect(resolve(c.sim, 'nope', 'default')).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
  });
  it("a pod's /etc/resolv.conf", () => {
    expect(resolvConf(c.sim, pod)).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });
  it('nslookup output', () => {
    expect(nslookup(c.sim, pod, 'web').stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${web.spec.clusterIP}\n\n`);
    expect(nslookup(c.sim, pod, 'web', 'busybox:1.36').stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${web.spec.clusterIP}\n\n`);
    expect(nslookup(c.sim, pod, 'nope')).toMatchObject({ exitCode: 1, stderr: "** server can't find nope: NXDOMAIN\n\n" });
  });
});
