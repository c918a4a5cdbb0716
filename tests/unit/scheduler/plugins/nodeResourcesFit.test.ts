// Table-driven like upstream's fit_test.go (TestEnoughRequests) and least_allocated_test.go.
// Reasons: "Insufficient <resource>", "Too many pods" (plugins/noderesources/fit.go).
import { describe, expect, it } from 'vitest';
import { nodeResourcesFit } from '../../../../core/scheduler/plugins/nodeResourcesFit.ts';
import { balancedAllocation } from '../../../../core/scheduler/plugins/nodeResourcesBalancedAllocation.ts';
import { cycle, node, nodeInfo, pod } from '../fixtures.ts';

describe('NodeResourcesFit filter', () => {
  const table = [
    { name: 'fits', want: { cpu: '1' }, used: { cpu: '2' }, reasons: [] },
    { name: 'cpu exactly full still fits', want: { cpu: '2' }, used: { cpu: '2' }, reasons: [] },
    { name: 'insufficient cpu', want: { cpu: '3' }, used: { cpu: '2' }, reasons: ['Insufficient cpu'] },
    { name: 'insufficient cpu and memory', want: { cpu: '3', memory: '7Gi' }, used: { cpu: '2', memory: '2Gi' }, reasons: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'no requests always fit resources', want: {}, used: { cpu: '4' }, reasons: [] },
  ];
  for (const t of table) {
    it(t.name, () => {
      const ni = nodeInfo(node('n1'), [pod('used', { node: 'n1', ...t.used })]);
      expect(nodeResourcesFit.filter(pod('p', t.want), ni, cycle([ni])).reasons).toEqual(t.reasons);
    });
  }
  it('counts pods against allocatable pods', () => {
    const ni = nodeInfo(node('n1', { pods: 1 }), [pod('a', { node: 'n1' })]);
    expect(nodeResourcesFit.filter(pod('p'), ni, cycle([ni])).reasons).toEqual(['Too many pods']);
  });
  it('extended resources', () => {
    const ni = nodeInfo(node('n1'));
    const p = pod('p');
    p.spec.containers[0]!.resources = { requests: { 'nvidia.com/gpu': '1' } };
    expect(nodeResourcesFit.filter(p, ni, cycle([ni])).reasons).toEqual(['Insufficient nvidia.com/gpu']);
  });
  it('LeastAllocated and BalancedAllocation scores (integer math as upstream)', () => {
    // 4 cpu / 8Gi node with 1 cpu / 2Gi used; pod asks 1 cpu / 2Gi: (4-2)/4 = 50, (8-4)/8 = 50.
    const ni = nodeInfo(node('n1'), [pod('u', { node: 'n1', cpu: '1', memory: '2Gi' })]);
    const st = cycle([ni]);
    expect(nodeResourcesFit.score(pod('p', { cpu: '1', memory: '2Gi' }), ni, st)).toBe(50);
    expect(balancedAllocation.score(pod('p', { cpu: '1', memory: '2Gi' }), ni, st)).toBe(100);
    expect(balancedAllocation.score(pod('p', { cpu: '2', memory: '0' }), ni, st)).toBeLessThan(100);
  });
});
