// Property tests: random pod specs never crash the engine; no pod IP is used twice on a
// node; a restart never comes sooner than the kubelet's back-off allows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cluster } from '../harness.ts';
import { Backoff, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS } from '../../../core/kubelet/backoff.ts';
import type { Pod } from '../../../core/api/types.ts';

const images = ['busybox:1.36', 'nginx:1.27', 'nginx:nope', 'redis:7', 'polinux/stress', 'alpine:3', 'unknown/thing'];
const commands = [undefined, ['sleep', '5'], ['sh', '-c', 'exit 1'], ['sh', '-c', 'echo hi; sleep 2; exit 0'], ['false'], ['stress', '--vm', '1', '--vm-bytes', '300M'], ['weird-binary', '--flag'], ['sh', '-c', 'touch /tmp/x; while true; do sleep 1; done'], ['stress', '--vm', '1', '--vm-bytes', '7000M'], ['sh', '-c', 'dd if=/dev/zero of=/tmp/f bs=1M count=2048; sleep 60']];
const postStart = fc.constantFrom(undefined, { exec: { command: ['sh', '-c', 'sleep 1'] } }, { exec: { command: ['sh', '-c', 'exit 1'] } }, { exec: { command: ['nope'] } }, { httpGet: { path: '/', port: 80 } });
const probe = fc.option(fc.record({ exec: fc.constant({ command: ['cat', '/tmp/x'] }), periodSeconds: fc.integer({ min: 1, max: 10 }), failureThreshold: fc.integer({ min: 1, max: 3 }) }), { nil: undefined });

const podArb = fc.record({
  image: fc.constantFrom(...images),
  command: fc.constantFrom(...commands),
  policy: fc.constantFrom('Always', 'OnFailure', 'Never'),
  limit: fc.option(fc.constantFrom('64Mi', '128Mi', '1Gi'), { nil: undefined }),
  liveness: probe,
  readiness: probe,
  init: fc.constantFrom('none', 'init', 'sidecar'),
  postStart,
  pull: fc.constantFrom(undefined, 'Always', 'IfNotPresent', 'Never'),
});

describe('kubelet properties', () => {
  it('random pod specs never crash the engine, and pod IPs stay unique per node', () => {
    fc.assert(fc.property(fc.array(podArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 400 }), (specs, secs) => {
      const c = cluster(secs);
      const objs = specs.map((s, i) => ({
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default' },
        spec: {
          restartPolicy: s.policy,
          ...(s.init !== 'none' ? { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sleep', '2'], ...(s.init === 'sidecar' ? { restartPolicy: 'Always' } : {}) }] } : {}),
          containers: [{ name: 'c', image: s.image, ...(s.command ? { command: s.command } : {}), ...(s.pull ? { imagePullPolicy: s.pull } : {}),
            ...(s.limit ? { resources: { limits: { memory: s.limit } } } : {}), ...(s.liveness ? { livenessProbe: s.liveness } : {}), ...(s.readiness ? { readinessProbe: s.readiness } : {}),
            ...(s.postStart ? { lifecycle: { postStart: s.postStart } } : {}) }],
        },
      }));
      c.apply(objs.map((o) => JSON.stringify(o)).join('\n---\n'));
      c.advance(secs * 1000);
      c.run(`kubectl delete pod p0`);
      c.advance('45s');
      for (const n of ['worker-1', 'worker-2']) {
        const ips = c.sim.pods().filter((p: Pod) => p.spec.nodeName === n && !p.spec.hostNetwork && p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed').map((p) => p.status!.podIP);
        expect(new Set(ips).size).toBe(ips.length);
        const leases = c.sim.kubelets.get(n)!.ipam.leases().map((l) => l.ip);
        expect(new Set(leases).size).toBe(leases.length);
      }
      for (const line of ['kubectl get pods -o wide', 'kubectl describe pods', 'ssh worker-1 crictl ps -a', 'ssh worker-2 crictl pods', 'kubectl top pod']) expect(c.run(line)).not.toMatch(/internal error/);
    }), { numRuns: 25, seed: 42 });
  });

  it('restarts never come sooner than the back-off (10 s doubling to 5 min)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 50 }), (runSecs, seed) => {
      const c = cluster(seed);
      c.apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - {name: c, image: busybox:1.36, command: [sh, -c, "sleep ${runSecs}; exit 1"]}\n`);
      const starts: number[] = [];
      const finishes: number[] = [];
      let last = '';
      for (let t = 0; t < 600; t++) {
        c.advance(1000);
        const s = c.pod('x')!.status!.containerStatuses![0]!;
        const id = s.containerID ?? '';
        if (id && id !== last && s.state.running) {
          starts.push(c.sim.clock.now());
          last = id;
        }
        if (s.state.terminated && finishes.at(-1) !== Date.parse(s.state.terminated.finishedAt!)) finishes.push(Date.parse(s.state.terminated.finishedAt!));
      }
      // Restart n (n ≥ 2) waits at least min(10 s × 2^(n-2), 5 min) after the previous exit.
      for (let n = 2; n < starts.length; n++) {
        const gap = starts[n]! - (finishes[n - 1]! - Date.UTC(2026, 0, 1));
        expect(gap).toBeGreaterThanOrEqual(Math.min(INITIAL_BACKOFF_MS * 2 ** (n - 2), MAX_BACKOFF_MS) - 1000);
      }
    }), { numRuns: 8, seed: 7 });
  });

  it('flowcontrol.Backoff: doubles, caps at 5 min, resets after 10 min of stability', () => {
    const b = new Backoff();
    let t = 0;
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.next('k', t, t);
      seen.push(b.get('k'));
      t += 1000;
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    expect(b.isInBackOffSince('k', t, t + 299_000)).toBe(true);
    b.next('k', t + 601_000 + 6000, t + 601_000 + 6000);
    expect(b.get('k')).toBe(10_000);
  });
});
