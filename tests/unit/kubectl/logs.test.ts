// `kubectl logs` refusals, worded by the kubelet (pkg/kubelet/kubelet_pods.go
// validateContainerLogStatus): `container %q in pod %q is waiting to start: image can't be pulled`
// (ErrImagePull), `... trying and failing to pull image` (ImagePullBackOff), otherwise the waiting
// reason; `previous terminated container %q in pod %q not found` for -p without one.
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';

const pod = (name: string, c: string) => podYaml(name, `nodeName: worker-1\ncontainers:\n- name: app\n${c.replace(/^/gm, '  ')}`);

describe('kubectl logs while the container cannot start', () => {
  const table: { name: string; given: { yaml: string; at: string; cmd: string }; want: string }[] = [
    { name: 'image pull back-off', given: { yaml: pod('bad', 'image: nginx:nope'), at: '30s', cmd: 'kubectl logs bad' }, want: 'Error from server (BadRequest): container "app" in pod "bad" is waiting to start: trying and failing to pull image\n' },
    { name: 'still pulling', given: { yaml: pod('slow', 'image: nginx:1.27'), at: '1s', cmd: 'kubectl logs slow' }, want: 'Error from server (BadRequest): container "app" in pod "slow" is waiting to start: ContainerCreating\n' },
    { name: 'missing ConfigMap', given: { yaml: pod('cfg', 'image: busybox:1.36\nenv: [{name: X, valueFrom: {configMapKeyRef: {name: nope, key: k}}}]'), at: '10s', cmd: 'kubectl logs cfg' }, want: 'Error from server (BadRequest): container "app" in pod "cfg" is waiting to start: CreateContainerConfigError\n' },
    { name: '-p before any restart', given: { yaml: pod('up', 'image: busybox:1.36\ncommand: [sleep, "3600"]'), at: '10s', cmd: 'kubectl logs -p up' }, want: 'Error from server (BadRequest): previous terminated container "app" in pod "up" not found\n' },
  ];
  for (const t of table)
    it(t.name, () => {
      const c = cluster();
      c.apply(t.given.yaml);
      c.advance(t.given.at);
      expect(c.run(t.given.cmd).replace(/^\[stderr\]\n/, '')).toBe(t.want);
    });
});
