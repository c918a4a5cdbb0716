// The cluster graph at classroom-plus scale: 50 nodes, 1,000 pods, 200 Services derive
// without error (regression: a recursive placement overflowed the stack), every pod sits
// inside its node, and no two Services overlap.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../core/simulation.ts';
import { deriveGraph, emptyCache, SVC_W } from '../../../web/graph/selectors.ts';
import { large } from '../../../bench/scenarios.mjs';

describe('deriveGraph at scale', () => {
  const sim = new Simulation();
  sim.applyWorkspace([{ path: 'w.yaml', content: large(0) }]);
  sim.settle();
  const g = deriveGraph(sim.snapshot(), emptyCache(), { showSystem: false });

  it('draws every workload pod inside a node group', () => {
    const pods = g.nodes.filter((n) => n.type === 'pod');
    expect(pods).toHaveLength(1000);
    expect(pods.every((p) => p.parentId?.startsWith('Node/') || p.parentId?.startsWith('group:'))).toBe(true);
  });

  it('places 200 Services without overlaps', () => {
    const svcs = g.nodes.filter((n) => n.type === 'service').map((n) => n.position).sort((a, b) => a.x - b.x);
    expect(svcs.length).toBeGreaterThanOrEqual(200);
    for (let i = 1; i < svcs.length; i++) if (svcs[i]!.y === svcs[i - 1]!.y) expect(svcs[i]!.x - svcs[i - 1]!.x).toBeGreaterThanOrEqual(SVC_W);
  });
});
