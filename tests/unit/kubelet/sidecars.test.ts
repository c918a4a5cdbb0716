// Sidecar containers (init containers with restartPolicy: Always, KEP-753, GA in v1.33) and
// postStart hooks, from plain manifests at simulated times. Sources per case:
//   kuberuntime_manager.go computeInitContainerActions (sidecar started → next container),
//   kubelet_pods.go getPhase, status/generate.go (Initialized/ContainersReady with sidecars),
//   kuberuntime_termination_order.go (sidecars stop after the app containers),
//   kuberuntime_container.go startContainer step 4 + lifecycle/handlers.go (postStart),
//   kubectl printers.go printPod (READY counts started, ready sidecars).
import { describe, expect, it } from 'vitest';
import { cluster, podYaml, type TestCluster } from '../harness.ts';
import type { ContainerStatus, Pod } from '../../../core/api/types.ts';

const row = (c: TestCluster, name: string) => c.run('kubectl get pods').split('\n').find((l) => l.startsWith(name + ' '))?.trim().split(/\s{2,}/) ?? [];
const init = (p: Pod | undefined, i = 0): ContainerStatus => p!.status!.initContainerStatuses![i]!;
const app = (p: Pod | undefined, i = 0): ContainerStatus => p!.status!.containerStatuses![i]!;
const secs = (iso: string | undefined) => (Date.parse(iso ?? '') - Date.parse('2026-01-01T00:00:00Z')) / 1000;

const sidecar = (cmd: string, extra = '') => `- name: side\n  image: busybox:1.36\n  restartPolicy: Always\n  command: [sh, -c, "${cmd}"]\n${extra}`;
const pod = (name: string, inits: string, apps: string, head = '') => podYaml(name, `${head}initContainers:\n${inits}containers:\n${apps}`);

interface Case {
  name: string;
  given: { yaml: string; at: string; then?: (c: TestCluster) => void; after?: string };
  want: (c: TestCluster) => void;
}

const cases: Case[] = [
  {
    name: 'a sidecar is not waited on: the app starts once it runs; READY counts it (1/2 PodInitializing, then 2/2)',
    given: { yaml: pod('web', sidecar('while true; do echo ship; sleep 5; done'), '- {name: app, image: nginx:1.27}\n'), at: '2s' },
    want: (c) => {
      expect(row(c, 'web').slice(1, 3)).toEqual(['1/2', 'PodInitializing']);
      c.advance('5s');
      expect(row(c, 'web').slice(1, 3)).toEqual(['2/2', 'Running']);
      const p = c.pod('web');
      expect(init(p).state.running).toBeDefined();
      expect([init(p).ready, init(p).started]).toEqual([true, true]);
      expect(p!.status!.conditions!.find((x) => x.type === 'Initialized')!.status).toBe('True');
      const started = c.events('Started').filter((e) => e.object === 'Pod/web').map((e) => e.message);
      expect(started).toEqual(['Started container side', 'Started container app']);
    },
  },
  {
    name: 'a sidecar with a startup probe holds the app until the probe passes',
    given: {
      yaml: pod('db', '- name: side\n  image: postgres:16\n  restartPolicy: Always\n  startupProbe: {tcpSocket: {port: 5432}, periodSeconds: 1, failureThreshold: 10}\n', '- {name: app, image: busybox:1.36, command: [sleep, "3600"]}\n'),
      at: '30s',
    },
    want: (c) => {
      const p = c.pod('db');
      // postgres listens ~3 s after its start (image catalogue): the app starts after that probe tick.
      expect(secs(app(p).state.running?.startedAt) - secs(init(p).state.running?.startedAt)).toBeGreaterThanOrEqual(3);
      expect(row(c, 'db').slice(1, 3)).toEqual(['2/2', 'Running']);
    },
  },
  {
    name: 'a sidecar that exits is restarted (whatever the pod restartPolicy), the app keeps running; RESTARTS counts it',
    given: { yaml: pod('r', sidecar('sleep 5; exit 1'), '- {name: app, image: busybox:1.36, command: [sleep, "3600"]}\n', 'restartPolicy: Never\n'), at: '40s' },
    want: (c) => {
      const p = c.pod('r');
      expect(init(p).restartCount).toBeGreaterThanOrEqual(2);
      expect(app(p).restartCount).toBe(0);
      expect(p!.status!.phase).toBe('Running');
      expect(row(c, 'r')[3]).toMatch(new RegExp(`^${init(p).restartCount} \\(\\d+s ago\\)$`));
    },
  },
  {
    name: 'a Job pod completes when its app container does: the sidecar is stopped, the pod Succeeded',
    given: {
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      terminationGracePeriodSeconds: 5\n      initContainers:\n      - {name: proxy, image: nginx:1.27, restartPolicy: Always}\n      containers:\n      - {name: main, image: busybox:1.36, command: [sh, -c, "sleep 10"]}\n',
      at: '30s',
    },
    want: (c) => {
      const p = c.pods('pi-')[0];
      expect(p!.status!.phase).toBe('Succeeded');
      // nginx shuts down on SIGTERM: exit 0.
      expect(init(p).state.terminated?.exitCode).toBe(0);
      expect(c.events('Killing').map((e) => e.message)).toEqual(['Stopping container proxy']);
      expect(c.run('kubectl get jobs')).toMatch(/pi\s+Complete\s+1\/1/);
    },
  },
  {
    name: 'deletion: the sidecar gets SIGTERM only after the app containers exited (or the grace period ran out)',
    given: {
      yaml: pod('del', '- {name: side, image: nginx:1.27, restartPolicy: Always}\n', '- {name: app, image: busybox:1.36, command: [sh, -c, "sleep 3600"]}\n', 'terminationGracePeriodSeconds: 10\n'),
      at: '10s',
      then: (c) => c.run('kubectl delete pod del --wait=false'),
      after: '5s',
    },
    want: (c) => {
      // The shell ignores SIGTERM until SIGKILL at 10 s; nginx would have stopped in 0.2 s without the ordering.
      const node = c.pod('del')!.spec.nodeName!;
      expect(c.run(`ssh ${node} crictl ps -a`)).toMatch(/Running\s+side\s/);
      expect(c.run(`ssh ${node} crictl ps -a`)).toMatch(/Running\s+app\s/);
      expect(row(c, 'del')[2]).toBe('Terminating');
      c.advance('8s');
      expect(c.pod('del')).toBeUndefined();
    },
  },
];

describe('sidecar containers', () => {
  for (const t of cases)
    it(t.name, () => {
      const c = cluster();
      c.apply(t.given.yaml);
      c.advance(t.given.at);
      if (t.given.then) {
        t.given.then(c);
        c.advance(t.given.after ?? '0s');
      }
      t.want(c);
    });
});

const hooked = (name: string, handler: string, image = 'busybox:1.36', cmd = '[sh, -c, "sleep 3600"]') =>
  podYaml(name, `terminationGracePeriodSeconds: 5\ncontainers:\n- name: app\n  image: ${image}\n  command: ${cmd}\n  lifecycle:\n    postStart:\n${handler.replace(/^/gm, '      ')}`);

const hookCases: Case[] = [
  {
    name: 'the container is not Running until postStart returns (exec sleep 8)',
    given: { yaml: hooked('slow', 'exec: {command: [sh, -c, "sleep 8"]}'), at: '5s' },
    want: (c) => {
      expect(row(c, 'slow').slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
      expect(c.events('Started').filter((e) => e.object === 'Pod/slow').length).toBe(1);
      c.advance('6s');
      expect(row(c, 'slow').slice(1, 3)).toEqual(['1/1', 'Running']);
      // startedAt is the container's start, not the hook's end.
      expect(secs(app(c.pod('slow')).state.running?.startedAt)).toBeLessThan(3);
    },
  },
  {
    name: 'a failing exec hook: FailedPostStartHook, Killing "FailedPostStartHook", then PostStartHookError with the handler message',
    given: { yaml: hooked('bad', 'exec: {command: [sh, -c, "echo setting up; exit 1"]}'), at: '12s' },
    want: (c) => {
      const p = c.pod('bad')!;
      const ev = c.events().filter((e) => e.object === 'Pod/bad');
      expect(ev.find((e) => e.reason === 'FailedPostStartHook')).toMatchObject({ type: 'Warning', message: 'PostStartHook failed' });
      expect(ev.find((e) => e.reason === 'Killing')!.message).toBe('FailedPostStartHook');
      // sh ignores SIGTERM: SIGKILL after the 5 s grace period; the restart is then backed off.
      const s = app(p);
      const msg = `Exec lifecycle hook ([sh -c echo setting up; exit 1]) for Container "app" in Pod "bad_default(${p.metadata.uid})" failed - error: command 'sh -c echo setting up; exit 1' exited with 1: , message: "setting up\\n"`;
      expect(s.state.waiting).toEqual({ reason: 'PostStartHookError', message: msg });
      expect(s.lastState.terminated?.exitCode).toBe(137);
      expect(row(c, 'bad')[2]).toBe('PostStartHookError');
    },
  },
  {
    name: 'an httpGet hook to a port nobody listens on fails with the dial error',
    given: { yaml: hooked('web', 'httpGet: {path: /warmup, port: 8080}', 'nginx:1.27', '[nginx, -g, "daemon off;"]'), at: '8s' },
    want: (c) => {
      const p = c.pod('web')!;
      const logs = c.run(`ssh ${p.spec.nodeName} journalctl -u kubelet`);
      const ip = p.status!.podIP!;
      expect(logs).toContain(`"Failed to execute PostStartHook" err="Get \\"http://${ip}:8080/warmup\\": dial tcp ${ip}:8080: connect: connection refused"`);
      expect(c.events('FailedPostStartHook').length).toBeGreaterThanOrEqual(1);
    },
  },
];

describe('postStart hooks', () => {
  for (const t of hookCases)
    it(t.name, () => {
      const c = cluster();
      c.apply(t.given.yaml);
      c.advance(t.given.at);
      t.want(c);
    });
});
