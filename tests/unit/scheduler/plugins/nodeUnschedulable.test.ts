// NodeUnschedulable, NodeName and NodePorts (plugins/nodeunschedulable, nodename, nodeports).
import { describe, expect, it } from 'vitest';
import { nodeUnschedulable } from '../../../../core/scheduler/plugins/nodeUnschedulable.ts';
import { nodeName } from '../../../../core/scheduler/plugins/nodeName.ts';
import { nodePorts } from '../../../../core/scheduler/plugins/nodePorts.ts';
import { cycle, node, nodeInfo, pod } from '../fixtures.ts';

describe('NodeUnschedulable / NodeName / NodePorts', () => {
  it.each([
    { unschedulable: false, tol: false, want: [] },
    { unschedulable: true, tol: false, want: ['node(s) were unschedulable'] },
    { unschedulable: true, tol: true, want: [] },
  ])('cordoned=$unschedulable tolerates=$tol', ({ unschedulable, tol, want }) => {
    const ni = nodeInfo(node('n1', { unschedulable }));
    const p = pod('p', { tolerations: tol ? [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] : [] });
    expect(nodeUnschedulable.filter(p, ni, cycle([ni])).reasons).toEqual(want);
  });
  it('NodeName', () => {
    const ni = nodeInfo(node('n1'));
    expect(nodeName.filter(pod('p', { spec: { nodeName: 'n2' } }), ni, cycle([ni])).reasons).toEqual(["node(s) didn't match the requested node name"]);
    expect(nodeName.filter(pod('p', { spec: { nodeName: 'n1' } }), ni, cycle([ni])).code).toBe('Success');
  });
  it('NodePorts', () => {
    const hp = { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] };
    const ni = nodeInfo(node('n1'), [pod('a', { node: 'n1', spec: hp })]);
    expect(nodePorts.filter(pod('p', { spec: hp }), ni, cycle([ni])).reasons).toEqual(["node(s) didn't have free ports for the requested pod ports"]);
    expect(nodePorts.filter(pod('p'), ni, cycle([ni])).code).toBe('Success');
  });
});
