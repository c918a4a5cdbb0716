// Golden outputs of node tools for fixed scenarios (seeded, deterministic). Formats:
// crictl's tabwriter(20,1,3) tables with a NAMESPACE column (cri-tools cmd/crictl),
// kubectl describe pod (describe.go). Regenerate with UPDATE_GOLDEN=1.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cluster, podYaml } from '../harness.ts';

const dir = new URL('../../golden/node/', import.meta.url);
function golden(name: string, text: string): void {
  const f = new URL(name, dir);
  if (process.env.UPDATE_GOLDEN || !existsSync(f)) writeFileSync(f, text);
  expect(text).toBe(readFileSync(f, 'utf8'));
}

describe('node golden outputs', () => {
  const c = cluster(7);
  c.apply(podYaml('crash', 'nodeName: worker-1\ncontainers:\n- name: app\n  image: busybox:1.36\n  command: [sh, -c, "echo starting; sleep 2; exit 1"]')
    + '---\n' + podYaml('web', 'nodeName: worker-1\ncontainers:\n- name: web\n  image: nginx:1.27\n  readinessProbe: {httpGet: {path: /, port: 80}}\n  resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 100m, memory: 64Mi}}'));
  c.advance('2m');
  it('crictl ps -a', () => golden('crictl-ps-a.txt', c.run('ssh worker-1 crictl ps -a')));
  it('crictl pods', () => golden('crictl-pods.txt', c.run('ssh worker-1 crictl pods')));
  it('crictl images', () => golden('crictl-images.txt', c.run('ssh worker-1 crictl images')));
  it('describe crash-looping pod', () => golden('describe-crash.txt', c.run('kubectl describe pod crash')));
  it('describe guaranteed pod', () => golden('describe-web.txt', c.run('kubectl describe pod web')));
  it('ip addr / ip route', () => golden('ip.txt', c.run('ssh worker-1 ip addr') + c.run('ssh worker-1 ip route')));
  it('cni config', () => golden('cni.txt', c.run('ssh worker-1 cat /etc/cni/net.d/10-flannel.conflist') + c.run('ssh worker-1 cat /run/flannel/subnet.env') + c.run('ssh worker-1 ls /var/lib/cni/networks/cbr0')));
  it('kubectl top', () => golden('top.txt', c.run('kubectl top pod') + c.run('kubectl top node')));
});
