// Table-driven like upstream's node_affinity_test.go. Reason: ErrReasonPod in
// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go.
import { describe, expect, it } from 'vitest';
import { nodeAffinity } from '../../../../core/scheduler/plugins/nodeAffinity.ts';
import { cycle, node, nodeInfo, pod } from '../fixtures.ts';

const req = (terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });

describe('NodeAffinity filter', () => {
  const labels = { disk: 'ssd', zone: 'a', gen: '5' };
  const table = [
    { name: 'no constraints', spec: {}, fits: true },
    { name: 'nodeSelector match', spec: { nodeSelector: { disk: 'ssd' } }, fits: true },
    { name: 'nodeSelector mismatch', spec: { nodeSelector: { disk: 'hdd' } }, fits: false },
    { name: 'In', spec: req([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }]), fits: true },
    { name: 'NotIn', spec: req([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }]), fits: false },
    { name: 'Exists / DoesNotExist', spec: req([{ matchExpressions: [{ key: 'disk', operator: 'Exists' }, { key: 'gpu', operator: 'DoesNotExist' }] }]), fits: true },
    { name: 'Gt', spec: req([{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }]), fits: true },
    { name: 'Lt', spec: req([{ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['4'] }] }]), fits: false },
    { name: 'terms are ORed', spec: req([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z'] }] }, { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }]), fits: true },
    { name: 'matchFields metadata.name', spec: req([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]), fits: true },
    { name: 'an empty term matches nothing', spec: req([{}]), fits: false },
  ];
  for (const t of table) {
    it(t.name, () => {
      const ni = nodeInfo(node('n1', { labels }));
      const st = nodeAffinity.filter(pod('p', { spec: t.spec }), ni, cycle([ni]));
      expect(st.code === 'Success').toBe(t.fits);
      if (!t.fits) expect(st).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] });
    });
  }
});
