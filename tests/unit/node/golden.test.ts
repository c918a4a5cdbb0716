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

describe('node golden outputs: sidecars, postStart, eviction', () => {
  const at = (yaml: string, times: string[], cmd: string) => {
    const c = cluster(7);
    c.apply(yaml);
    let prev = 0;
    let out = '';
    for (const t of times) {
      const ms = Number(t.replace('s', '')) * 1000;
      c.advance(ms - prev);
      prev = ms;
      out += `# at ${t}: ${cmd}\n` + c.run(cmd);
    }
    return out;
  };
  const sidecar = podYaml('web', 'nodeName: worker-1\ninitContainers:\n- name: logshipper\n  image: busybox:1.36\n  restartPolicy: Always\n  command: [sh, -c, "while true; do echo shipping; sleep 5; done"]\ncontainers:\n- {name: app, image: nginx:1.27}');
  it('sidecar: kubectl get pods while it starts', () => golden('sidecar-get-pods.txt', at(sidecar, ['2s', '10s'], 'kubectl get pods')));
  it('sidecar: crictl ps -a', () => golden('sidecar-crictl.txt', at(sidecar, ['10s'], 'ssh worker-1 crictl ps -a')));
  const hook = podYaml('hook', 'nodeName: worker-1\nterminationGracePeriodSeconds: 5\ncontainers:\n- name: app\n  image: busybox:1.36\n  command: [sh, -c, "sleep 3600"]\n  lifecycle:\n    postStart:\n      exec: {command: [sh, -c, "echo setting up; sleep 2; exit 1"]}');
  it('postStart failure: get pods, events', () => golden('poststart.txt', at(hook, ['2s', '10s'], 'kubectl get pods') + at(hook, ['10s'], 'kubectl get events --field-selector involvedObject.name=hook') + at(hook, ['10s'], 'kubectl get pod hook -o jsonpath={.status.containerStatuses[0].state}')));
  const hog = podYaml('hog', 'nodeName: worker-1\ncontainers:\n- name: stress\n  image: polinux/stress\n  command: [stress]\n  args: [--vm, "1", --vm-bytes, 7500M, --vm-hang, "1"]');
  it('memory eviction: get pods, the pod status, node events and taint', () => golden('eviction.txt',
    at(hog, ['11s', '30s'], 'kubectl get pods')
    + at(hog, ['30s'], 'kubectl get pod hog -o jsonpath={.status.message}')
    + at(hog, ['30s'], 'kubectl get events --field-selector involvedObject.kind=Node,involvedObject.name=worker-1')
    + at(hog, ['30s'], 'kubectl get node worker-1 -o jsonpath={.spec.taints}')));
});

