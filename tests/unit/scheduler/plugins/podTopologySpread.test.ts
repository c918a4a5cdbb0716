// Table-driven like upstream's podtopologyspread filtering_test.go / scoring_test.go.
// Reasons: ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch (common.go).
import { describe, expect, it } from 'vitest';
import { podTopologySpread } from '../../../../core/scheduler/plugins/podTopologySpread.ts';
import { cycle, node, nodeInfo, pod } from '../fixtures.ts';

const spread = (maxSkew: number, key = 'zone', when = 'DoNotSchedule') => ({
  topologySpreadConstraints: [{ maxSkew, topologyKey: key, whenUnsatisfiable: when, labelSelector: { matchLabels: { app: 'web' } } }],
});

describe('PodTopologySpread', () => {
  const web = (name: string, n: string) => pod(name, { node: n, labels: { app: 'web' } });
  const setup = () => [
    nodeInfo(node('a1', { labels: { zone: 'a' } }), [web('w1', 'a1'), web('w2', 'a1')]),
    nodeInfo(node('b1', { labels: { zone: 'b' } }), [web('w3', 'b1')]),
    nodeInfo(node('nolabel')),
  ];
  const table = [
    { name: 'maxSkew 1: the fuller zone is refused', maxSkew: 1, want: { a1: "node(s) didn't match pod topology spread constraints", b1: 'Success', nolabel: "node(s) didn't match pod topology spread constraints (missing required label)" } },
    { name: 'maxSkew 2: both zones fit', maxSkew: 2, want: { a1: 'Success', b1: 'Success', nolabel: "node(s) didn't match pod topology spread constraints (missing required label)" } },
  ];
  for (const t of table) {
    it(t.name, () => {
      const nodes = setup();
      const st = cycle(nodes);
      const p = pod('new', { labels: { app: 'web' }, spec: spread(t.maxSkew) });
      podTopologySpread.preFilter!(p, st);
      const got = Object.fromEntries(nodes.map((ni) => {
        const r = podTopologySpread.filter(p, ni, st);
        return [ni.node.metadata.name, r.code === 'Success' ? 'Success' : r.reasons[0]];
      }));
      expect(got).toEqual(t.want);
    });
  }
  it('scores the emptier node higher (ScheduleAnyway, hostname)', () => {
    const nodes = [nodeInfo(node('a1'), [web('w1', 'a1'), web('w2', 'a1')]), nodeInfo(node('b1'))];
    const st = cycle(nodes);
    const p = pod('new', { labels: { app: 'web' }, spec: spread(1, 'kubernetes.io/hostname', 'ScheduleAnyway') });
    podTopologySpread.preScore!(p, nodes, st);
    const s = Float64Array.from(nodes, (ni) => podTopologySpread.score(p, ni, st));
    podTopologySpread.normalize!(s, nodes, st);
    expect(s[1]).toBe(100);
    expect(s[0]!).toBeLessThan(100);
  });
});
