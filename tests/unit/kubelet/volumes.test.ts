// The volume manager's failures as the kubelet reports them. Sources (kubernetes/kubernetes):
// volumemanager/populator/desired_state_of_world_populator.go createVolumeSpec (`error processing
// PVC %s/%s: %v` with the claim's name) and getPVCExtractPV (`PVC is not bound`, `failed to fetch
// PVC from API server: %v`); volumemanager/volume_manager.go WaitForAttachAndMount (`unmounted
// volumes=%v, unattached volumes=%v, failed to process volumes=%v: %w`; only attachable plugins
// are "unattached"; the populator's error ends the wait at once); kubelet.go SyncPod (FailedMount
// `Unable to attach or mount volumes: %v` unless the wait timed out — `!wait.Interrupted(err)`);
// pod_workers.go completeWork (a sync error is retried after backOffPeriod 10 s, jitter 0.5);
// nestedpendingoperations.go (`Operation for %q failed. No retries permitted until %v
// (durationBeforeRetry %v). Error: %v`, back-off 500 ms doubling to 2m2s). Real-world event seen
// for a nodeName pod: `Unable to attach or mount volumes: unmounted volumes=[my-volume], unattached
// volumes=[], failed to process volumes=[my-volume]: error processing PVC default/pvc-1: PVC is not bound`.
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';

const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n---\n`;
const withClaim = (claim: string) => podYaml('db', `nodeName: worker-1\ncontainers:\n- name: app\n  image: busybox:1.36\n  command: [sleep, "3600"]\n  volumeMounts: [{name: data, mountPath: /data}]\nvolumes: [{name: data, persistentVolumeClaim: {claimName: ${claim}}}]`);
const withConfigMap = podYaml('vol', 'nodeName: worker-1\ncontainers:\n- name: app\n  image: busybox:1.36\n  command: [sleep, "3600"]\n  volumeMounts: [{name: cfg, mountPath: /etc/cfg}]\nvolumes: [{name: cfg, configMap: {name: app-config}}]');

describe('volume manager failures', () => {
  const table: { name: string; given: { yaml: string; at: string }; want: { failedMount: string[]; minCount?: number; maxCount?: number } }[] = [
    {
      name: 'an unbound claim: the claim\'s name, failed to process, nothing unattached; at once and again every 10-15 s',
      given: { yaml: pvc('pgdata') + withClaim('pgdata'), at: '61s' },
      want: { failedMount: ['Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/pgdata: PVC is not bound'], minCount: 5, maxCount: 7 },
    },
    {
      name: 'a missing claim: the API server\'s NotFound',
      given: { yaml: withClaim('nope'), at: '5s' },
      want: { failedMount: ['Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/nope: failed to fetch PVC from API server: persistentvolumeclaims "nope" not found'] },
    },
    {
      name: 'a missing ConfigMap: SetUp failures only; the 2m3s wait times out without an event',
      given: { yaml: withConfigMap, at: '5m' },
      want: { failedMount: ['MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found'] },
    },
  ];
  for (const t of table)
    it(t.name, () => {
      const c = cluster();
      c.apply(t.given.yaml);
      c.advance(t.given.at);
      const events = c.events('FailedMount');
      expect([...new Set(events.map((e) => e.message))]).toEqual(t.want.failedMount);
      const pod = c.pod('db') ?? c.pod('vol');
      expect(pod!.status!.containerStatuses![0]!.state.waiting!.reason).toBe('ContainerCreating');
      const count = c.sim.events.recent(10_000).filter((e) => e.reason === 'FailedMount').reduce((n, e) => n + (e.count ?? 1), 0);
      if (t.want.minCount) expect(count).toBeGreaterThanOrEqual(t.want.minCount);
      if (t.want.maxCount) expect(count).toBeLessThanOrEqual(t.want.maxCount);
    });

  it('journal: the reconciler\'s line names the retry time, its back-off and the volume\'s unique name', () => {
    const c = cluster();
    c.apply(withConfigMap);
    c.advance('3s');
    const uid = c.pod('vol')!.metadata.uid!;
    const lines = c.run('ssh worker-1 journalctl -u kubelet').split('\n').filter((l) => l.includes('nestedpendingoperations.go'));
    expect(lines[0]).toMatch(new RegExp(String.raw`: E0101 00:00:0\d\.\d{6} +\d+ nestedpendingoperations\.go:348\] Operation for "\{volumeName:kubernetes\.io/configmap/${uid}-cfg podName:${uid} nodeName:\}" failed\. No retries permitted until 2026-01-01 00:00:0[\d.]+ \+0000 UTC m=\+\d+\.\d{9} \(durationBeforeRetry 500ms\)\. Error: MountVolume\.SetUp failed for volume "cfg" \(UniqueName: "kubernetes\.io/configmap/${uid}-cfg"\) pod "vol" \(UID: "${uid}"\) : configmap "app-config" not found$`));
    expect(lines.some((l) => l.includes('(durationBeforeRetry 1s)'))).toBe(true);
  });
});
