// NodeAffinity's PreFilterResult: a pod pinned by `matchFields metadata.name In [...]` (what
// the DaemonSet controller writes) is filtered against those nodes only; the others carry the
// absent-nodes status. Texts: NodeAffinity.PreFilter ("pod affinity terms conflict"),
// findNodesThatFitPod and FitError.Error() (pkg/scheduler/schedule_one.go, framework/types.go);
// "node(s) didn't satisfy plugin(s) [NodeAffinity]" since v1.32 (kubernetes#126022), as real
// clusters print it ("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy
// plugin(s) [NodeAffinity]"); "node is filtered out by the prefilter result" in the releases
// with kubernetes#119779 and without #125197 (a v1.29.5 cluster: "... 2 node is filtered out by
// the prefilter result. preemption: 0/3 nodes are available: 1 No preemption victims found for
// incoming pod, 2 Preemption is not helpful for scheduling."); none counted in v1.31.
import { describe, expect, it } from 'vitest';
import { cluster } from '../harness.ts';
import { verdictsOf } from '../../../core/scheduler/verdicts.ts';
import { explainDecision } from '../../../core/scheduler/explain.ts';

const cfg = (v: string) => ({ path: 'cluster.yaml', content: `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: ${v}\n` });
const pinned = (fields: string) => `apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields: ${fields}
  containers:
  - name: c
    image: nginx:1.27
    resources: {requests: {cpu: "3900m"}}
`;
const ON_WORKER_1 = '[{key: metadata.name, operator: In, values: [worker-1]}]';
const NO_VICTIMS = 'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.';

const cases: { name: string; given: { version: string; fields: string }; want: string }[] = [
  { name: 'v1.34: the other nodes counted as not satisfying NodeAffinity', given: { version: 'v1.34.1', fields: ON_WORKER_1 },
    want: `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, ${NO_VICTIMS}` },
  { name: 'v1.32: the same, without DRA', given: { version: 'v1.32.3', fields: ON_WORKER_1 },
    want: `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. ${NO_VICTIMS}` },
  { name: 'v1.31: the other nodes left out of the count', given: { version: 'v1.31.4', fields: ON_WORKER_1 },
    want: `0/3 nodes are available: 1 Insufficient cpu. ${NO_VICTIMS}` },
  { name: 'v1.29.5: filtered out by the prefilter result', given: { version: 'v1.29.5', fields: ON_WORKER_1 },
    want: `0/3 nodes are available: 1 Insufficient cpu, 2 node is filtered out by the prefilter result. ${NO_VICTIMS}` },
  { name: 'pinned to a node that does not exist', given: { version: 'v1.34.1', fields: '[{key: metadata.name, operator: In, values: [ghost]}]' },
    want: "0/3 nodes are available: 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling." },
  { name: 'terms that name no common node: PreFilter rejects every node', given: { version: 'v1.34.1', fields: '[{key: metadata.name, operator: In, values: [worker-1]}, {key: metadata.name, operator: In, values: [worker-2]}]' },
    want: '0/3 nodes are available: pod affinity terms conflict. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' },
];

describe('PreFilterResult (NodeAffinity matchFields)', () => {
  for (const { name, given, want } of cases)
    it(name, () => {
      const c = cluster();
      c.apply([cfg(given.version), { path: 'pod.yaml', content: pinned(given.fields) }]);
      c.settle();
      expect(c.events('FailedScheduling')[0]!.message).toBe(want);
    });

  it('filters a pinned pod against its node alone; the why lines say what upstream holds for the others', () => {
    const c = cluster();
    c.apply(pinned(ON_WORKER_1));
    c.settle();
    const d = c.sim.scheduler.decisions.get('default/pinned')!;
    expect(d.evaluated).toBe(1);
    expect([...verdictsOf(d.filters)].map(([n, s]) => `${n}: ${s.plugin ?? '-'} ${s.reasons.join('; ')}`)).toEqual([
      'worker-1: NodeResourcesFit Insufficient cpu',
      "control-plane: - node(s) didn't satisfy plugin(s) [NodeAffinity]",
      "worker-2: - node(s) didn't satisfy plugin(s) [NodeAffinity]",
    ]);
  });

  it('binds a pinned pod that fits, examining one node', () => {
    const c = cluster();
    c.apply(pinned(ON_WORKER_1).replace('3900m', '100m'));
    c.settle();
    expect(c.pod('pinned')!.spec.nodeName).toBe('worker-1');
    const d = c.sim.scheduler.decisions.get('default/pinned')!;
    expect(d.evaluated).toBe(1);
    expect(explainDecision(d).split('\n').slice(1, 5).map((l) => l.replace(/ +/g, ' '))).toEqual([
      'NODE FILTER TOTAL',
      "control-plane node(s) didn't satisfy plugin(s) [NodeAffinity] -",
      'worker-1 * fits -',
      "worker-2 node(s) didn't satisfy plugin(s) [NodeAffinity] -",
    ]);
  });
});
