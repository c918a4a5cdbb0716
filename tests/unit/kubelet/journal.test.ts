// `journalctl -u kubelet` lines for a container that cannot start: pod_workers.go logs every
// failed sync as `"Error syncing pod, skipping" err=... pod=... podUID=...`, the error being
// kuberuntime's `failed to "StartContainer" for "<name>" with <reason>: "<message>"` (klog quotes
// the error, so the message's quotes come out as \\\"). Real lines for comparison (journals of
// v1.28-1.31 clusters): `pod_workers.go:1301] "Error syncing pod, skipping" err="failed to
// \"StartContainer\" for \"kube-apiserver\" with CrashLoopBackOff: \"back-off 20s restarting failed
// container=kube-apiserver pod=kube-apiserver-cluster4-controlplane_kube-system(0cef...)\""
// pod="kube-system/kube-apiserver-cluster4-controlplane" podUID="0cef..."`.
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';

const pod = (name: string, container: string) => podYaml(name, `nodeName: worker-1\ncontainers:\n- name: app\n${container.replace(/^/gm, '  ')}`);

describe('kubelet journal: Error syncing pod', () => {
  const table: { name: string; given: string; want: string }[] = [
    {
      name: 'crash loop (kuberuntime_manager.go doBackOff)',
      given: pod('crash', 'image: busybox:1.36\ncommand: [sh, -c, "exit 1"]'),
      want: String.raw`err="failed to \"StartContainer\" for \"app\" with CrashLoopBackOff: \"back-off 10s restarting failed container=app pod=crash_default(UID)\"" pod="default/crash" podUID="UID"`,
    },
    {
      name: 'image pull back-off (images/image_manager.go)',
      given: pod('bad', 'image: nginx:nope'),
      want: String.raw`err="failed to \"StartContainer\" for \"app\" with ImagePullBackOff: \"Back-off pulling image \\\"nginx:nope\\\"\"" pod="default/bad" podUID="UID"`,
    },
    {
      name: 'missing ConfigMap key reference (kubelet_pods.go makeEnvironmentVariables)',
      given: pod('cfg', 'image: busybox:1.36\nenv: [{name: X, valueFrom: {configMapKeyRef: {name: missing, key: k}}}]'),
      want: String.raw`err="failed to \"StartContainer\" for \"app\" with CreateContainerConfigError: \"configmap \\\"missing\\\" not found\"" pod="default/cfg" podUID="UID"`,
    },
    {
      name: 'imagePullPolicy Never without the image',
      given: pod('never', 'image: redis:7.2\nimagePullPolicy: Never'),
      want: String.raw`err="failed to \"StartContainer\" for \"app\" with ErrImageNeverPull: \"Container image \\\"redis:7.2\\\" is not present with pull policy of Never\"" pod="default/never" podUID="UID"`,
    },
  ];
  for (const t of table)
    it(t.name, () => {
      const c = cluster();
      c.apply(t.given);
      c.advance('30s');
      const uid = c.pods().find((p) => p.metadata.namespace === 'default')!.metadata.uid!;
      const lines = c.run('ssh worker-1 journalctl -u kubelet').split('\n').filter((l) => l.includes('pod_workers.go:1301'));
      expect(lines.map((l) => l.replace(/^.*?"Error syncing pod, skipping" /, '').replaceAll(uid, 'UID'))).toContain(t.want);
      expect(lines[0]).toMatch(/^Jan 01 00:00:\d\d worker-1 kubelet\[\d+\]: E0101 00:00:\d\d\.\d{6} +\d+ pod_workers\.go:1301\] "Error syncing pod, skipping" err=/);
    });
});
