// FailedScheduling messages end to end, compared with what real clusters print.
// Sources: FitError.Error() in pkg/scheduler/framework/types.go (sorted "<n> <reason>"
// histogram), DefaultPreemption's dry run (framework/preemption/preemption.go,
// plugins/defaultpreemption: "Preemption is not helpful for scheduling", "No preemption
// victims found for incoming pod", "not eligible due to preemptionPolicy=Never."), and the
// DynamicResources PostFilter's "no new claims to deallocate" (DRA GA, default in v1.34).
import { describe, expect, it } from 'vitest';
import { cluster } from '../harness.ts';

const bigPod = (extra = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    resources: {requests: {cpu: "3900m"}}\n${extra}`;
const cfg = (v: string) => `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: ${v}\n---\n`;

describe('FailedScheduling', () => {
  it('v1.34.1: named taint, DRA PostFilter, preemption diagnosis', () => {
    const c = cluster();
    c.apply(bigPod());
    c.settle();
    // The default cluster's add-ons (CoreDNS, flannel) already request cpu on the workers.
    expect(c.events('FailedScheduling')[0]!.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });
  it('v1.33: no DRA message', () => {
    const c = cluster();
    c.apply([{ path: 'cluster.yaml', content: cfg('v1.33.5') }, { path: 'pod.yaml', content: bigPod() }]);
    c.settle();
    expect(c.events('FailedScheduling')[0]!.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });
  it('v1.35: taint values hidden (kubernetes#134740)', () => {
    const c = cluster();
    c.apply([{ path: 'cluster.yaml', content: cfg('v1.35.0') }, { path: 'pod.yaml', content: bigPod() }]);
    c.settle();
    expect(c.events('FailedScheduling')[0]!.message).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 Insufficient cpu\./);
  });
  it('preemptionPolicy: Never', () => {
    const c = cluster();
    c.apply(bigPod('  preemptionPolicy: Never\n'));
    c.settle();
    expect(c.events('FailedScheduling')[0]!.message).toMatch(/\. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never\.$/);
  });
  it('is retried when the cluster changes: a node joins and the pod lands there', () => {
    const c = cluster();
    c.apply(bigPod());
    c.settle();
    expect(c.pod('big')!.spec.nodeName).toBeUndefined();
    c.run('ssh worker-3 kubeadm join 172.18.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00');
    c.advance('20s');
    expect(c.pod('big')!.spec.nodeName).toBe('worker-3');
    expect(c.events('Scheduled').find((e) => e.object === 'Pod/big')!.message).toBe('Successfully assigned default/big to worker-3');
  });
  it('preempts a lower-priority pod and says so', () => {
    const c = cluster();
    c.apply(`apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n---\n` +
      `apiVersion: v1\nkind: Pod\nmetadata: {name: low}\nspec:\n  nodeSelector: {kubernetes.io/hostname: worker-1}\n  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: "3"}}}]\n`);
    c.advance('10s');
    c.run('kubectl apply -f /dev/null');
    c.sim.applyObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'vip' }, spec: { priorityClassName: 'high', nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '3' } } }] } });
    c.advance('60s');
    const pre = c.events('Preempted');
    expect(pre[0]!.object).toBe('Pod/low');
    expect(pre[0]!.message).toBe(`Preempted by pod ${c.pod('vip')!.metadata.uid} on node worker-1`);
    expect(c.pod('vip')!.spec.nodeName).toBe('worker-1');
  });
});
