// What the cluster view frames first (clusterFocus.ts): the workers and the user's workload at a
// zoom pod text is readable at; a summarised big cluster is fitted whole.
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import { READABLE_ZOOM, workloadFocus } from '../../../web/graph/clusterFocus.ts';
import { deriveGraph, emptyCache, type AppNode } from '../../../web/graph/selectors.ts';
import { boundsOf } from '../../../web/classroom/framing.ts';

const graphOf = (yaml: string): AppNode[] => {
  const c = cluster();
  c.apply(yaml);
  c.settle();
  return deriveGraph(c.sim.snapshot(), emptyCache(), { showSystem: false }).nodes;
};
const only = (nodes: AppNode[], id: string) => boundsOf(nodes, (n) => n.id === id)!;
const inside = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe('cluster view focus', () => {
  const nodes = graphOf(`${deploymentYaml('web', 3)}---\n${serviceYaml('web')}`);
  const focus = workloadFocus(nodes)!;

  it.each([
    { name: 'worker-1', given: 'Node//worker-1', want: true },
    { name: 'worker-2', given: 'Node//worker-2', want: true },
    { name: 'the user’s Service', given: 'Service/default/web', want: true },
    { name: 'the control-plane node', given: 'Node//control-plane', want: false },
    { name: 'the cluster’s own Service', given: 'Service/default/kubernetes', want: false },
  ])('frames $name: $want', ({ given, want }) => {
    expect(inside(only(nodes, given), focus.bounds)).toBe(want);
  });

  it('asks for a zoom at which 13 px pod text is at least 11 px on screen', () => {
    expect(focus.minZoom).toBe(READABLE_ZOOM);
    expect(13 * focus.minZoom).toBeGreaterThanOrEqual(11);
  });

  it.each([
    { name: 'a node drawn as a summary', given: [{ id: 'Node//w', type: 'node', position: { x: 0, y: 0 }, data: { cells: [] } }] },
    { name: 'Services drawn as one band', given: [{ id: 'group:services', type: 'services', position: { x: 0, y: 0 }, data: { boxes: [] } }] },
  ])('fits the whole graph when zoomed out to $name', ({ given }) => {
    expect(workloadFocus(given as unknown as AppNode[])).toBeNull();
  });
});
