// The cluster graph at classroom-plus scale: 50 nodes, 1,000 pods, 200 Services derive
// without error (regression: a recursive placement overflowed the stack), every pod sits
// inside its node, no two Services overlap, an edit re-creates only what it changed, and
// zoomed out the pods collapse into their nodes' summaries.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../core/simulation.ts';
import { objectKey } from '../../../core/protocol.ts';
import { deriveGraph, emptyCache, graphBounds, mergeNodes, SERVICES, slotTop, SUMMARY_MIN_PODS, SVC_H, SVC_W, type AppNode } from '../../../web/graph/selectors.ts';
import { diffSnapshots } from '../../../web/graph/changes.ts';
import { large } from '../../../bench/scenarios.mjs';

describe('deriveGraph at scale', () => {
  const sim = new Simulation();
  sim.applyWorkspace([{ path: 'w.yaml', content: large(0) }]);
  sim.settle();
  const before = sim.snapshot();
  const g = deriveGraph(before, emptyCache(), { showSystem: false });

  it('draws every workload pod inside a node group', () => {
    const pods = g.nodes.filter((n) => n.type === 'pod');
    expect(pods).toHaveLength(1000);
    expect(pods.every((p) => p.parentId?.startsWith('Node/') || p.parentId?.startsWith('group:'))).toBe(true);
  });

  it('places 200 Services in rows above the nodes, without overlaps, within the nodes’ span', () => {
    const svcs = g.nodes.filter((n) => n.type === 'service').map((n) => n.position);
    expect(svcs.length).toBeGreaterThanOrEqual(200);
    for (const [i, a] of svcs.entries()) {
      for (const b of svcs.slice(i + 1)) expect(Math.abs(a.x - b.x) >= SVC_W || Math.abs(a.y - b.y) >= SVC_H).toBe(true);
    }
    const groups = g.nodes.filter((n) => n.type === 'node');
    const right = Math.max(...groups.map((n) => n.position.x + n.width!));
    expect(Math.max(...svcs.map((p) => p.x + SVC_W))).toBeLessThanOrEqual(right + SVC_W);
    expect(svcs.every((p) => p.y + SVC_H < 0)).toBe(true);
    // The whole cluster is about as wide as its nodes (one row of 200 Services was three times wider).
    expect(graphBounds(g.nodes)!.width).toBeLessThan(right + 2 * SVC_W + 600);
  });

  it('hands out the same node and edge objects for what an edit did not touch', () => {
    sim.applyWorkspace([{ path: 'w.yaml', content: large(1) }]);
    sim.settle();
    const after = sim.snapshot();
    const g2 = deriveGraph(after, g.cache, { showSystem: false });
    const old = new Map(g.nodes.map((n) => [n.id, n]));
    const fresh = g2.nodes.filter((n) => n !== old.get(n.id));
    // One more replica: its pod, its node (one pod more), its Service (one endpoint more)...
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.length).toBeLessThan(10);
    const oldEdges = new Set(g.edges);
    expect(g2.edges.filter((e) => !oldEdges.has(e)).length).toBeLessThan(10);
    // ... and what React Flow holds for an untouched node stays its own copy.
    const held = g.nodes.map((n) => (n.type === 'pod' ? ({ ...n, measured: { width: 1, height: 1 } } as AppNode) : n));
    const merged = mergeNodes(held, g.cache.drawn!.nodes, g2.nodes);
    const heldById = new Map(held.map((n) => [n.id, n]));
    expect(merged.filter((n) => n.type === 'pod' && n === heldById.get(n.id)).length).toBeGreaterThan(990);
    // "What my edit did" sees the Deployment's new pod, not the thousand that stayed.
    const changes = diffSnapshots(before, after);
    expect(changes.some((c) => c.what === 'Pod' && c.kind === 'added')).toBe(true);
    expect(changes.length).toBeLessThan(10);
  });

  it('zoomed out, draws pods as cells of their node and Services as one band, without edges', () => {
    const s = deriveGraph(sim.snapshot(), g.cache, { showSystem: false, summary: true });
    expect(s.summary).toBe(true);
    expect(s.nodes.some((n) => n.type === 'pod' || n.type === 'service')).toBe(false);
    expect(s.edges).toHaveLength(0);
    const cells = s.nodes.flatMap((n) => (n.type === 'node' || n.type === 'unscheduled' ? n.data.cells ?? [] : []));
    expect(cells.length).toBe(sim.snapshot().objects.filter((o) => o.kind === 'Pod' && !o.metadata.namespace?.startsWith('kube-')).length);
    const band = s.nodes.find((n) => n.id === SERVICES)!;
    expect(band.type === 'services' && band.data.boxes.length).toBe(201);
    // The same places as the full graph: zooming in and out moves nothing.
    const full = deriveGraph(sim.snapshot(), s.cache, { showSystem: false });
    const pod = full.nodes.find((n) => n.type === 'pod')!;
    const cell = cells.find((c) => c.id === pod.id)!;
    expect(slotTop(cell.slot)).toBe(pod.position.y);
    const svc = full.nodes.find((n) => n.type === 'service' && n.id === objectKey({ kind: 'Service', metadata: { namespace: 'default', name: 'svc-7' } }))!;
    const box = band.type === 'services' ? band.data.boxes.find((b) => b.id === svc.id)! : null;
    expect({ x: band.position.x + box!.x, y: band.position.y + box!.y }).toEqual(svc.position);
  });

  it('draws a small cluster in full at any zoom', () => {
    const small = new Simulation();
    small.applyWorkspace([{ path: 'w.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n' }]);
    small.settle();
    const s = deriveGraph(small.snapshot(), emptyCache(), { showSystem: true, summary: true });
    expect(s.summary).toBe(false);
    expect(s.nodes.filter((n) => n.type === 'pod').length).toBeLessThanOrEqual(SUMMARY_MIN_PODS);
    expect(s.nodes.some((n) => n.type === 'pod')).toBe(true);
  });
});
