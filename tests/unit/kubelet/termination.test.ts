// A deleted pod's READY column while it terminates. Sources: prober/prober_manager.go
// UpdatePodStatus (a running container without a readiness probe is ready; deletion does not
// change that), printers.go printPod (READY counts ready running containers; STATUS Terminating
// once deletionTimestamp is set), kuberuntime_container.go killContainer (preStop runs first,
// then SIGTERM). Real `kubectl get pods -w` of a deleted DaemonSet pod shows `1/1 Terminating`,
// then `0/1 Terminating` once its container has exited.
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';

const web = podYaml('web', 'nodeName: worker-1\nterminationGracePeriodSeconds: 20\ncontainers:\n- name: app\n  image: nginx:1.27\n  lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 5"]}}}');
const sleeper = podYaml('sleeper', 'nodeName: worker-1\nterminationGracePeriodSeconds: 10\ncontainers:\n- name: app\n  image: busybox:1.36\n  command: [sh, -c, "sleep 3600"]');

describe('READY while Terminating', () => {
  const table: { name: string; given: { yaml: string; name: string; after: string }; want: string }[] = [
    { name: 'nginx during its 5 s preStop: still ready', given: { yaml: web, name: 'web', after: '3s' }, want: 'web +1/1 +Terminating' },
    { name: 'sh ignores SIGTERM (PID 1): ready until SIGKILL at the end of the grace period', given: { yaml: sleeper, name: 'sleeper', after: '9s' }, want: 'sleeper +1/1 +Terminating' },
  ];
  for (const t of table)
    it(t.name, () => {
      const c = cluster();
      c.apply(t.given.yaml);
      c.advance('20s');
      c.run(`kubectl delete pod ${t.given.name} --wait=false`);
      c.advance(t.given.after);
      expect(c.run('kubectl get pods').split('\n')[1]).toMatch(new RegExp('^' + t.want));
    });

  it('gone once the container has exited', () => {
    const c = cluster();
    c.apply(sleeper);
    c.advance('20s');
    c.run('kubectl delete pod sleeper --wait=false');
    c.advance('15s');
    expect(c.pod('sleeper')).toBeUndefined();
  });
});
