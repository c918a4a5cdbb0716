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

// The PV controller (pv_controller.go syncUnboundClaim/findBestMatchForClaim): the smallest
// Available PV that fits binds; both sides record it; a pod waiting on the claim is retried.
describe('PersistentVolume controller with VolumeBinding', () => {
  const pv = (name: string, size: string, extra = '') => `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /mnt/${name}}
${extra}`;
  const table: { name: string; given: string[]; want: { pvc: RegExp; pods: RegExp } }[] = [
    { name: 'the smallest PV that fits binds; the pod runs', given: [pv('small', '500Mi'), pv('fits', '2Gi'), pv('big', '5Gi'), claim(), pod('data')],
      want: { pvc: /^data\s+Bound\s+fits\s+2Gi\s+RWO\s+<unset>/m, pods: /^db\s+1\/1\s+Running/m } },
    { name: 'no PV big enough: the claim and the pod wait', given: [pv('small', '500Mi'), claim(), pod('data')],
      want: { pvc: /^data\s+Pending\s+<unset>/m, pods: /^db\s+0\/1\s+Pending/m } },
    { name: 'WaitForFirstConsumer: bound on the node the pod went to, among PVs that node reaches',
      given: [wffc, pv('on-w2', '1Gi', '  storageClassName: local\n  nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [worker-2]}]}]}}\n'), claim('  storageClassName: local\n'), pod('data')],
      want: { pvc: /^data\s+Bound\s+on-w2\s+1Gi\s+RWO\s+local/m, pods: /^db\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.2\.\d+\s+worker-2/m } },
  ];
  for (const { name, given, want } of table)
    it(name, () => {
      const c = cluster();
      c.apply(given.join('---\n'));
      c.advance('1m');
      expect(c.run('kubectl get pvc')).toMatch(want.pvc);
      expect(c.run('kubectl get pods -o wide')).toMatch(want.pods);
    });

  it('a PV added later binds the waiting claim and the pod is scheduled at once', () => {
    const c = cluster();
    c.apply([claim(), pod('data')].join('---\n'));
    c.advance('1m');
    expect(c.run('kubectl get pods')).toMatch(/^db\s+0\/1\s+Pending/m);
    expect(c.events('FailedBinding')[0]?.message).toBe('no persistent volumes available for this claim and no storage class is set');
    c.apply([claim(), pod('data'), pv('late', '1Gi')].join('---\n'));
    c.advance('2s');
    expect(c.run('kubectl get pv late')).toMatch(/^late\s+1Gi\s+RWO\s+Retain\s+Bound\s+default\/data\s/m);
    expect(c.pod('db')?.spec.nodeName).toMatch(/^worker-/);
  });

  it('a deleted claim leaves its PV Released; a new claim of the same name does not take it', () => {
    const c = cluster();
    c.apply([pv('only', '1Gi'), claim()].join('---\n'));
    c.advance('20s');
    expect(c.run('kubectl get pv only')).toMatch(/^only\s+1Gi\s+RWO\s+Retain\s+Bound\s+default\/data\s/m);
    c.apply(pv('only', '1Gi'));
    c.advance('20s');
    expect(c.run('kubectl get pv only')).toMatch(/^only\s+1Gi\s+RWO\s+Retain\s+Released\s+default\/data\s/m);
    c.apply([pv('only', '1Gi'), claim()].join('---\n'));
    c.advance('20s');
    expect(c.run('kubectl get pvc data')).toMatch(/^data\s+Pending\s/m);
  });
});
