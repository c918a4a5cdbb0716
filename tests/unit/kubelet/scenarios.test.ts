// Scenario tests for the node: plain manifests, simulated time, and what a real cluster
// shows at that time. Where each expectation comes from is noted per case.
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';
import type { Pod } from '../../../core/api/types.ts';

const row = (c: ReturnType<typeof cluster>, name: string) => c.run('kubectl get pods').split('\n').find((l) => l.startsWith(name + ' '))?.trim().split(/\s{2,}/) ?? [];
const cs = (p: Pod | undefined) => p?.status?.containerStatuses?.[0];

describe('kubelet scenarios', () => {
  it('crash loop: back-off 10s, 20s, 40s ... from finishedAt (kuberuntime_manager.go doBackOff + flowcontrol.Backoff)', () => {
    const c = cluster();
    c.apply(podYaml('crash', 'containers:\n- name: app\n  image: busybox:1.36\n  command: [sh, -c, "echo starting; exit 1"]'));
    c.advance('3s');
    // First exit restarts at once: the back-off entry is only created by that restart.
    expect(cs(c.pod('crash'))!.restartCount).toBe(1);
    c.advance('2s');
    expect(row(c, 'crash')[2]).toBe('CrashLoopBackOff');
    expect(cs(c.pod('crash'))!.state.waiting!.message).toMatch(/^back-off 10s restarting failed container=app pod=crash_default\(/);
    c.advance('5m');
    const p = c.pod('crash')!;
    // 0 + 10 + 20 + 40 + 80 + 160 s of back-off (+1 s relist each, +≤50 % requeue jitter) fit 5-6 restarts in ~5 min.
    expect(cs(p)!.restartCount).toBeGreaterThanOrEqual(5);
    expect(cs(p)!.restartCount).toBeLessThanOrEqual(6);
    expect(c.events('BackOff')[0]!.message).toMatch(/^Back-off restarting failed container app in pod crash_default\(/);
    expect(c.run('kubectl logs crash -p')).toBe('starting\n');
  });

  it('bad image: ErrImagePull then ImagePullBackOff, events as image_manager.go writes them', () => {
    const c = cluster();
    c.apply(podYaml('bad', 'containers:\n- name: app\n  image: nginx:doesnotexist'));
    c.advance('3s');
    expect(row(c, 'bad')[2]).toBe('ImagePullBackOff');
    const msgs = c.events().filter((e) => e.object === 'Pod/bad').map((e) => e.message);
    expect(msgs).toContain('Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found');
    expect(msgs).toContain('Error: ErrImagePull');
    expect(msgs).toContain('Back-off pulling image "nginx:doesnotexist"');
    expect(msgs).toContain('Error: ImagePullBackOff');
    c.advance('2m');
    // Pull attempts at ~0, 10-15, 30-50, 70-110 s: the back-off doubles.
    const pulls = c.sim.events.recent(1000).find((e) => e.reason === 'Pulling' && e.involvedObject.name === 'bad')!.count;
    expect(pulls).toBeGreaterThanOrEqual(3);
    expect(pulls).toBeLessThanOrEqual(5);
  });

  it('imagePullPolicy Never without the image: ErrImageNeverPull', () => {
    const c = cluster();
    c.apply(podYaml('never', 'containers:\n- name: app\n  image: redis:7\n  imagePullPolicy: Never'));
    c.advance('5s');
    expect(row(c, 'never')[2]).toBe('ErrImageNeverPull');
    expect(c.events('ErrImageNeverPull')[0]!.message).toBe('Container image "redis:7" is not present with pull policy of Never');
  });

  it('OOMKilled: exit 137 from the memory model (docs: assign-memory-resource, stress --vm-bytes 250M over a 100Mi limit)', () => {
    const c = cluster();
    c.apply(podYaml('mem', 'containers:\n- name: ctr\n  image: polinux/stress\n  resources: {limits: {memory: 100Mi}}\n  command: [stress]\n  args: [--vm, "1", --vm-bytes, 250M, --vm-hang, "1"]'));
    c.advance('6s');
    const last = cs(c.pod('mem'))!.lastState.terminated!;
    expect(last.reason).toBe('OOMKilled');
    expect(last.exitCode).toBe(137);
    expect(c.run('kubectl describe pod mem')).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
  });

  it('missing ConfigMap: env → CreateContainerConfigError; volume → FailedMount and ContainerCreating (kubelet_pods.go, volume manager)', () => {
    const c = cluster();
    c.apply(podYaml('env', 'containers:\n- name: app\n  image: busybox:1.36\n  command: [sleep, "3600"]\n  env: [{name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}]')
      + '---\n' + podYaml('vol', 'containers:\n- name: app\n  image: busybox:1.36\n  command: [sleep, "3600"]\n  volumeMounts: [{name: cfg, mountPath: /etc/cfg}]\nvolumes: [{name: cfg, configMap: {name: app-config}}]'));
    c.advance('20s');
    expect(row(c, 'env')[2]).toBe('CreateContainerConfigError');
    expect(cs(c.pod('env'))!.state.waiting!.message).toBe('configmap "app-config" not found');
    expect(c.events('Failed').map((e) => e.message)).toContain('Error: configmap "app-config" not found');
    expect(row(c, 'vol')[2]).toBe('ContainerCreating');
    expect(c.events('FailedMount')[0]!.message).toBe('MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found');
    // Creating the ConfigMap lets both start at their next retry.
    c.run('echo');
    c.sim.applyObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { mode: 'fast' } });
    c.advance('40s');
    expect(row(c, 'env')[2]).toBe('Running');
    expect(row(c, 'vol')[2]).toBe('Running');
    expect(c.run('kubectl exec env -- printenv MODE')).toBe('fast\n');
    expect(c.run('kubectl exec vol -- cat /etc/cfg/mode')).toBe('fast');
  });

  it('init containers run in order: Init:0/2, Init:1/2, then PodInitializing/Running (printers.go printPod)', () => {
    const c = cluster();
    c.apply(podYaml('init', 'initContainers:\n- {name: a, image: busybox:1.36, command: [sleep, "10"]}\n- {name: b, image: busybox:1.36, command: [sleep, "10"]}\ncontainers:\n- {name: app, image: busybox:1.36, command: [sleep, "3600"]}'));
    c.advance('2s');
    expect(row(c, 'init')[2]).toBe('Init:0/2');
    c.advance('11s');
    expect(row(c, 'init')[2]).toBe('Init:1/2');
    c.advance('12s');
    expect(row(c, 'init')[2]).toBe('Running');
    expect(c.pod('init')!.status!.conditions!.find((x) => x.type === 'Initialized')!.status).toBe('True');
  });

  it('liveness exec probe fails after rm: Unhealthy x3 then Killing and a restart (docs: liveness-exec, prober worker.go)', () => {
    const c = cluster();
    c.apply(podYaml('live', 'containers:\n- name: liveness\n  image: registry.k8s.io/busybox:1.27.2\n  args: [/bin/sh, -c, "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]\n  livenessProbe:\n    exec: {command: [cat, /tmp/healthy]}\n    initialDelaySeconds: 5\n    periodSeconds: 5'));
    c.advance('40s');
    expect(cs(c.pod('live'))!.restartCount).toBe(0);
    c.advance('10s');
    expect(c.events('Unhealthy')[0]!.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(c.events('Killing')[0]!.message).toBe('Container liveness failed liveness probe, will be restarted');
    // sh as PID 1 ignores SIGTERM: SIGKILL after the 30 s grace period, exit 137.
    c.advance('40s');
    const s = cs(c.pod('live'))!;
    expect(s.restartCount).toBe(1);
    expect(s.lastState.terminated!.exitCode).toBe(137);
  });

  it('httpGet liveness on a port nobody listens on: the kubelet’s connection refused message', () => {
    const c = cluster();
    c.apply(podYaml('web', 'containers:\n- name: web\n  image: nginx:1.27\n  livenessProbe:\n    httpGet: {path: /healthz, port: 8080}\n    periodSeconds: 5'));
    c.advance('20s');
    const ip = c.pod('web')!.status!.podIP!;
    expect(c.events('Unhealthy')[0]!.message).toBe(`Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`);
  });

  it('readiness decides Ready and the EndpointSlice; startup probe holds readiness off', () => {
    const c = cluster();
    c.apply(podYaml('db', 'containers:\n- name: db\n  image: postgres:16\n  readinessProbe: {tcpSocket: {port: 5432}, periodSeconds: 2}\n  startupProbe: {tcpSocket: {port: 5432}, periodSeconds: 1, failureThreshold: 30}', '  labels: {app: db}\n')
      + '---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  selector: {app: db}\n  ports: [{port: 5432}]\n');
    c.advance('4s');
    // postgres listens ~3 s after start (image catalogue): not started, not ready yet.
    expect(row(c, 'db')[1]).toBe('0/1');
    expect(cs(c.pod('db'))!.started).toBe(false);
    c.advance('10s');
    expect(row(c, 'db')[1]).toBe('1/1');
    const slice = c.sim.api.list('EndpointSlice', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'db') as { endpoints?: { conditions?: { ready?: boolean } }[] };
    expect(slice.endpoints?.[0]?.conditions?.ready).toBe(true);
  });

  it('graceful termination: Terminating for the grace period, SIGKILL for a shell, gone after', () => {
    const c = cluster();
    c.apply(podYaml('slow', 'terminationGracePeriodSeconds: 20\ncontainers:\n- {name: app, image: busybox:1.36, command: [sh, -c, "sleep 3600"]}')
      + '---\n' + podYaml('fast', 'containers:\n- {name: web, image: nginx:1.27}'));
    c.advance('10s');
    // --wait=false: kubectl delete otherwise blocks until the pod is gone.
    c.run('kubectl delete pod slow fast --wait=false');
    c.advance('5s');
    expect(row(c, 'slow')[2]).toBe('Terminating');
    // nginx shuts down on SIGTERM at once.
    expect(c.pod('fast')).toBeUndefined();
    c.advance('20s');
    expect(c.pod('slow')).toBeUndefined();
    expect(c.events('Killing').map((e) => e.message)).toContain('Stopping container app');
  });

  it('restartPolicy Never/OnFailure: Completed, Error', () => {
    const c = cluster();
    c.apply(podYaml('ok', 'restartPolicy: Never\ncontainers:\n- {name: app, image: busybox:1.36, command: [sh, -c, "echo done"]}')
      + '---\n' + podYaml('ko', 'restartPolicy: Never\ncontainers:\n- {name: app, image: busybox:1.36, command: [sh, -c, "exit 3"]}'));
    c.advance('10s');
    expect(row(c, 'ok')[2]).toBe('Completed');
    expect(c.pod('ok')!.status!.phase).toBe('Succeeded');
    expect(row(c, 'ko')[2]).toBe('Error');
    expect(c.pod('ko')!.status!.phase).toBe('Failed');
  });

  it('static pods: mirror pods <name>-<node>, the kubeadm control plane, recreated when deleted', () => {
    const c = cluster();
    c.apply([{ path: 'nodes/worker-1/etc/kubernetes/manifests/web.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - {name: web, image: nginx:1.27}\n' }]);
    // kubeadm's probes: startupProbe initialDelaySeconds 10, so the control plane is Ready after ~20 s.
    c.advance('30s');
    const m = c.pod('web-worker-1')!;
    expect(m.metadata.annotations!['kubernetes.io/config.source']).toBe('file');
    expect(m.metadata.ownerReferences![0]!.kind).toBe('Node');
    expect(row(c, 'web-worker-1')[2]).toBe('Running');
    const sys = c.run('kubectl get pods -n kube-system');
    for (const n of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) expect(sys).toMatch(new RegExp(`${n}-control-plane\\s+1/1\\s+Running`));
    expect(c.run('ssh control-plane ls /etc/kubernetes/manifests')).toBe('etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n');
    expect(c.run('ssh worker-1 cat /etc/kubernetes/manifests/web.yaml')).toContain('name: web');
    const id = c.run('ssh worker-1 crictl ps').split('\n')[1]!.split(' ')[0];
    c.run('kubectl delete pod web-worker-1 --wait=false');
    c.advance('2s');
    expect(c.pod('web-worker-1')).toBeDefined();
    // The static pod kept running: same container.
    expect(c.run('ssh worker-1 crictl ps').split('\n')[1]!.split(' ')[0]).toBe(id);
  });

  it('node heartbeats: Lease renewed every 10 s, stopped with the kubelet', () => {
    const c = cluster();
    c.advance('35s');
    const renew = () => (c.get('Lease', 'worker-1', 'kube-node-lease')!.spec as { renewTime: string; leaseDurationSeconds: number });
    expect(renew().leaseDurationSeconds).toBe(40);
    expect(renew().renewTime).toBe('2026-01-01T00:00:30.000000Z');
    c.run('ssh worker-1 systemctl stop kubelet');
    c.advance('30s');
    expect(renew().renewTime).toBe('2026-01-01T00:00:30.000000Z');
    expect(c.run('ssh worker-1 systemctl status kubelet')).toContain('Active: inactive (dead)');
    c.run('ssh worker-1 systemctl start kubelet');
    expect(renew().renewTime).toBe('2026-01-01T00:01:05.000000Z');
  });
});
