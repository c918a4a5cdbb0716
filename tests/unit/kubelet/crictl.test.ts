// `crictl inspect` against what the kubelet reports. Sources: containerd
// internal/cri/server/container_status.go (imageRef is the image's first repo digest, spec.image its
// first repo tag), kubelet kuberuntime_container.go toKubeContainerStatus (ImageID = imageRef, shown
// by `kubectl describe` as Image ID).
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';

describe('crictl inspect', () => {
  const c = cluster();
  c.apply(podYaml('app', 'nodeName: worker-1\ncontainers:\n- {name: app, image: busybox:1.36, command: [sleep, "3600"]}'));
  c.advance('10s');
  const id = c.pod('app')!.status!.containerStatuses![0]!.containerID!.replace('containerd://', '');
  const status = (JSON.parse(c.run(`ssh worker-1 crictl inspect ${id.slice(0, 13)}`)) as { status: { imageRef: string; image: { image: string }; state: string } }).status;
  const table: { name: string; given: unknown; want: unknown }[] = [
    { name: 'imageRef is the repo digest the kubelet shows as Image ID', given: status.imageRef, want: c.pod('app')!.status!.containerStatuses![0]!.imageID },
    { name: 'imageRef has the repo@sha256 form', given: /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/.test(status.imageRef), want: true },
    { name: 'image.image is the repo tag', given: status.image.image, want: 'docker.io/library/busybox:1.36' },
    { name: 'state', given: status.state, want: 'CONTAINER_RUNNING' },
  ];
  for (const t of table) it(t.name, () => expect(t.given).toEqual(t.want));
});
