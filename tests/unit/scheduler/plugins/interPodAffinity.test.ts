// Table-driven like upstream's interpodaffinity filtering_test.go. Reasons:
// ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch,
// ErrReasonExistingAntiAffinityRulesNotMatch (plugins/interpodaffinity/filtering.go).
import { describe, expect, it } from 'vitest';
import { interPodAffinity } from '../../../../core/scheduler/plugins/interPodAffinity.ts';
import { cycle, node, nodeInfo, pod } from '../fixtures.ts';

const term = (app: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' });
const run = (p: ReturnType<typeof pod>, nodes: ReturnType<typeof nodeInfo>[]) => {
  const st = cycle(nodes);
  interPodAffinity.preFilter!(p, st);
  return Object.fromEntries(nodes.map((ni) => {
    const r = interPodAffinity.filter(p, ni, st);
    return [ni.node.metadata.name, r.code === 'Success' ? 'Success' : r.reasons[0]];
  }));
};

describe('InterPodAffinity filter', () => {
  it('required affinity: only the node with a matching pod', () => {
    const nodes = [nodeInfo(node('a'), [pod('db', { node: 'a', labels: { app: 'db' } })]), nodeInfo(node('b'))];
    const p = pod('web', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } } });
    expect(run(p, nodes)).toEqual({ a: 'Success', b: "node(s) didn't match pod affinity rules" });
  });
  it('required affinity to itself: the first pod of a group may go anywhere', () => {
    const nodes = [nodeInfo(node('a')), nodeInfo(node('b'))];
    const p = pod('web', { labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } } });
    expect(run(p, nodes)).toEqual({ a: 'Success', b: 'Success' });
  });
  it('required anti-affinity', () => {
    const nodes = [nodeInfo(node('a'), [pod('w1', { node: 'a', labels: { app: 'web' } })]), nodeInfo(node('b'))];
    const p = pod('w2', { labels: { app: 'web' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } } });
    expect(run(p, nodes)).toEqual({ a: "node(s) didn't match pod anti-affinity rules", b: 'Success' });
  });
  it("existing pods' anti-affinity", () => {
    const guard = pod('guard', { node: 'a', labels: { app: 'guard' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } } });
    const nodes = [nodeInfo(node('a'), [guard]), nodeInfo(node('b'))];
    expect(run(pod('w', { labels: { app: 'web' } }), nodes)).toEqual({ a: "node(s) didn't satisfy existing pods anti-affinity rules", b: 'Success' });
  });
});
