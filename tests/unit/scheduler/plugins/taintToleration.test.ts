// Table-driven like upstream's taint_toleration_test.go (TestTaintTolerationFilter).
// Expected reasons: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go;
// the generic "untolerated taint(s)" form from kubernetes#134740 (v1.34.2+, v1.35).
import { describe, expect, it } from 'vitest';
import { taintToleration } from '../../../../core/scheduler/plugins/taintToleration.ts';
import { cycle, node, nodeInfo, pod } from '../fixtures.ts';

const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
const gpu = { key: 'dedicated', value: 'gpu', effect: 'NoExecute' as const };

describe('TaintToleration filter', () => {
  const table = [
    { name: 'no taints', taints: [], tols: [], want: 'Success' },
    { name: 'untolerated NoSchedule', taints: [cp], tols: [], want: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }' },
    { name: 'tolerated by key+Exists', taints: [cp], tols: [{ key: cp.key, operator: 'Exists' as const }], want: 'Success' },
    { name: 'tolerated by empty key Exists', taints: [gpu], tols: [{ operator: 'Exists' as const }], want: 'Success' },
    { name: 'value mismatch', taints: [gpu], tols: [{ key: 'dedicated', operator: 'Equal' as const, value: 'cpu' }], want: 'node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'effect mismatch', taints: [gpu], tols: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const }], want: 'node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'PreferNoSchedule never filters', taints: [{ key: 'x', effect: 'PreferNoSchedule' as const }], tols: [], want: 'Success' },
  ];
  for (const t of table) {
    it(t.name, () => {
      const ni = nodeInfo(node('n1', { taints: t.taints }));
      const st = taintToleration.filter(pod('p', { tolerations: t.tols }), ni, cycle([ni]));
      expect(st.code === 'Success' ? 'Success' : st.reasons[0]).toBe(t.want);
      if (st.code !== 'Success') expect(st.code).toBe('UnschedulableAndUnresolvable');
    });
  }
  it('hides taint values from v1.34.2 on', () => {
    const ni = nodeInfo(node('n1', { taints: [gpu] }));
    expect(taintToleration.filter(pod('p'), ni, cycle([ni], { minor: 34, patch: 2 })).reasons).toEqual(['node(s) had untolerated taint(s)']);
    expect(taintToleration.filter(pod('p'), ni, cycle([ni], { minor: 35, patch: 0 })).reasons).toEqual(['node(s) had untolerated taint(s)']);
  });
  it('scores fewer intolerable PreferNoSchedule taints higher (reverse-normalized)', () => {
    const a = nodeInfo(node('a', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }, { key: 'y', effect: 'PreferNoSchedule' }] }));
    const b = nodeInfo(node('b'));
    const st = cycle([a, b]);
    const s = Float64Array.from([a, b], (ni) => taintToleration.score(pod('p'), ni, st));
    taintToleration.normalize!(s, [a, b], st);
    expect([...s]).toEqual([0, 100]);
  });
});
