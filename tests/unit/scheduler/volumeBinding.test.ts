// VolumeBinding keeps a pod whose claims cannot be used Pending in the scheduler. Texts:
// volume_binding.go PreFilter ("pod has unbound immediate PersistentVolumeClaims"), podHasPVCs
// (the PVC lister's `persistentvolumeclaim "x" not found`), Filter's ErrReasonBindConflict
// ("node(s) didn't find available persistent volumes to bind"); FitError as schedule_one.go
// prints it. Real reports: "0/1 nodes are available: pod has unbound immediate
// PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for
// scheduling." A new claim is Pending (SetDefaults_PersistentVolumeClaim).
import { describe, expect, it } from 'vitest';
import { cluster } from '../harness.ts';

const pod = (claim: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: db}
spec:
${extra}  containers: [{name: app, image: nginx:1.27}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: ${claim}}}]
`;
const claim = (cls = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
${cls}  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;
const wffc = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
`;
const NOT_HELPFUL = 'no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

const cases: { name: string; given: string[]; want: string | undefined }[] = [
  { name: 'an unbound claim with no class binds immediately: the pod waits', given: [claim(), pod('data')], want: `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL}` },
  { name: 'a missing claim', given: [pod('data')], want: `0/3 nodes are available: persistentvolumeclaim "data" not found. ${NOT_HELPFUL}` },
  { name: 'a class that does not exist binds immediately too', given: [claim('  storageClassName: ghost\n'), pod('data')], want: `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL}` },
  {
    name: 'WaitForFirstConsumer with no PV and no provisioner: every node fails to find a volume',
    given: [wffc, claim('  storageClassName: local\n'), pod('data')],
    want: `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't find available persistent volumes to bind. ${NOT_HELPFUL}`,
  },
  { name: 'a pod without claims is not held', given: [`apiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n`], want: undefined },
  // spec.nodeName skips the scheduler: the kubelet is the one to report the claim.
  { name: 'a pod with nodeName is not scheduled, so VolumeBinding never sees it', given: [claim(), pod('data', '  nodeName: worker-1\n')], want: undefined },
];

describe('VolumeBinding', () => {
  for (const { name, given, want } of cases)
    it(name, () => {
      const c = cluster();
      c.apply(given.join('---\n'));
      c.settle();
      expect(c.events('FailedScheduling')[0]?.message).toBe(want);
    });

  it('a new claim prints Pending, as kubectl get pvc shows it', () => {
    const c = cluster();
    c.apply(claim());
    c.settle();
    expect(c.run('kubectl get pvc data')).toMatch(/^NAME\s+STATUS\s+VOLUME.*\ndata\s+Pending\s+/);
  });
});
