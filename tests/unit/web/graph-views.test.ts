// Selectors of the node-internals and data-path views, fed with real NodeViews from the engine.
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import { view } from '../../../core/views/index.ts';
import { deriveDataPath, type ChainFlowNode } from '../../../web/graph/datapath.ts';
import { deriveInternals } from '../../../web/graph/internals.ts';
import { traceMark } from '../../../web/graph/traceMark.ts';
import { decidingNode, frames } from '../../../web/graph/tracePlayback.ts';
import type { NodeView, TraceResult } from '../../../web/graph/viewTypes.ts';

const c = cluster();
c.apply(`${deploymentYaml('web', 3)}---\n${serviceYaml('web')}`);
c.settle();
const nodeView = (name = 'worker-1'): NodeView => {
  const r = view(c.sim, { kind: 'node', name });
  if (r.kind !== 'node') throw new Error(r.kind);
  return r.node;
};
const pods = new Map(c.sim.pods().filter((p) => p.status?.podIP).map((p) => [p.status!.podIP!, { name: p.metadata.name, node: p.spec.nodeName ?? '' }]));
const opts = { table: 'nat', pods, showSystem: false, hot: new Set<string>() };

describe('data path', () => {
  const g = deriveDataPath(nodeView(), {}, opts);
  const chain = (prefix: string) => g.nodes.filter((n): n is ChainFlowNode => n.type === 'chain' && n.data.name.startsWith(prefix));

  it('reads left to right: hooks, KUBE-SERVICES, KUBE-SVC, KUBE-SEP, pods', () => {
    const x = (prefix: string) => chain(prefix)[0]!.position.x;
    expect(x('PREROUTING')).toBeLessThan(x('KUBE-SERVICES'));
    expect(x('KUBE-SERVICES')).toBeLessThan(x('KUBE-SVC-'));
    expect(x('KUBE-SVC-')).toBeLessThan(x('KUBE-SEP-'));
    const eps = g.nodes.filter((n) => n.type === 'endpoint');
    expect(eps).toHaveLength(3);
    expect(eps.every((e) => e.position.x > x('KUBE-SEP-'))).toBe(true);
    expect(eps.map((e) => e.type === 'endpoint' && e.data.pod).sort()).toEqual([...pods.values()].filter((p) => p.name.startsWith('web-')).map((p) => p.name).sort());
  });

  it('hides system Services’ chains and flannel’s until asked, greying their rows', () => {
    expect(chain('KUBE-SVC-')).toHaveLength(1);
    expect(chain('FLANNEL-')).toHaveLength(0);
    const services = chain('KUBE-SERVICES')[0]!;
    expect(services.data.rows.filter((r) => r.dim).length).toBeGreaterThan(0);
    const all = deriveDataPath(nodeView(), {}, { ...opts, showSystem: true });
    expect(all.nodes.filter((n) => n.id.startsWith('chain:nat/KUBE-SVC-')).length).toBeGreaterThan(1);
  });

  it('draws jumps from the rule’s row, labelled with the match or probability', () => {
    const svc = chain('KUBE-SVC-')[0]!;
    const out = g.edges.filter((e) => e.source === svc.id);
    expect(out.map((e) => e.data?.label)).toEqual(['p=0.333', 'p=0.5', 'else']);
    expect(out.map((e) => e.sourceHandle)).toEqual(['r2', 'r3', 'r4']);
    const into = g.edges.find((e) => e.target === svc.id)!;
    expect(into.data?.label).toMatch(/^10\.\d+\.\d+\.\d+:80\/tcp$/);
    expect(g.edges.filter((e) => e.id.startsWith('dnat:'))).toHaveLength(3);
    // KUBE-MARK-MASQ is named on the rows, not drawn as edges from everywhere.
    expect(g.edges.some((e) => e.target === 'chain:nat/KUBE-MARK-MASQ')).toBe(false);
  });

  it('keeps every chain where it was when rules change, and chains never overlap', () => {
    const again = deriveDataPath(nodeView(), g.cache, opts);
    for (const n of g.nodes) expect(again.nodes.find((m) => m.id === n.id)?.position).toEqual(n.position);
    const boxes = again.nodes.map((n) => ({ ...n.position, w: n.width!, h: n.height! }));
    for (const a of boxes) for (const b of boxes) {
      if (a === b) continue;
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap).toBe(false);
    }
  });

  it('lights a traced packet’s rules, chains and endpoint', () => {
    const r = view(c.sim, { kind: 'trace', from: 'node/worker-1', to: 'web:80', pick: 2 });
    if (r.kind !== 'trace') throw new Error(r.kind);
    const t: TraceResult = r.trace;
    expect(decidingNode(t)).toBe('worker-1');
    const mark = traceMark(t, 'worker-1', 'nat', t.hops.length);
    expect([...mark.chains]).toEqual(expect.arrayContaining(['nat/OUTPUT', 'nat/KUBE-SERVICES']));
    expect(mark.endpoint).toMatch(/^10\.244\.\d+\.\d+:80$/);
    const lit = deriveDataPath(nodeView(), g.cache, { ...opts, trace: mark });
    expect(lit.nodes.filter((n) => n.type === 'endpoint' && n.data.traced)).toHaveLength(1);
    expect(lit.edges.filter((e) => e.className === 'edge-traced').length).toBeGreaterThanOrEqual(3);
    const f = frames(t);
    expect(f.at(-1)).toBe(t.hops.length);
    expect([...f].sort((a, b) => a - b)).toEqual(f);
    // Halfway, the packet has not reached its endpoint yet.
    expect(traceMark(t, 'worker-1', 'nat', 3).endpoint).toBeUndefined();
  });
});

describe('node internals', () => {
  const v = nodeView();
  const g = deriveInternals(v, {}, { showSystem: false, hot: new Set() });

  it('draws kubelet, containerd, kube-proxy, each pod sandbox with pause + containers, cni0, routes', () => {
    const types = (t: string) => g.nodes.filter((n) => n.type === t);
    expect(types('component').map((n) => n.id)).toEqual(expect.arrayContaining(['kubelet', 'runtime', 'proxy', 'eth0', 'flannel', 'peer:worker-2', 'peer:control-plane']));
    const sandboxes = types('sandbox');
    expect(sandboxes.length).toBeGreaterThan(0);
    expect(sandboxes.every((s) => s.type === 'sandbox' && s.data.namespace === 'default')).toBe(true);
    const first = sandboxes[0]!;
    const inside = g.nodes.filter((n) => n.parentId === first.id);
    expect(inside.map((n) => n.type === 'container' && n.data.name)).toEqual(['pause', 'app']);
    expect(g.edges.some((e) => e.id === `veth:${first.id}` && e.target === 'cni0' && /^veth/.test(e.data?.label ?? ''))).toBe(true);
    expect(g.edges.filter((e) => e.id.startsWith('route:')).map((e) => e.data?.label).sort()).toEqual(['10.244.0.0/24', '10.244.2.0/24']);
  });

  // flannel's backend decides the bottom row: flannel.1 (VXLAN) or flanneld's plain routes via eth0 (host-gw).
  const hostGw = cluster();
  hostGw.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-flannel-cfg, namespace: kube-flannel}\ndata:\n  net-conf.json: \'{"Network": "10.244.0.0/16", "Backend": {"Type": "host-gw"}}\'\n');
  hostGw.advance('10s');
  const hostGwView = view(hostGw.sim, { kind: 'node', name: 'worker-1' });
  const flannelRow = (nv: NodeView) => {
    const d = deriveInternals(nv, {}, { showSystem: false, hot: new Set() });
    const comp = (id: string) => d.nodes.find((n) => n.id === id)?.data as { title: string; lines: string[] } | undefined;
    return { title: comp('flannel')?.title, toEth0: d.edges.find((e) => e.id === 'flannel-eth0')?.data?.label, peer: comp('peer:worker-2')?.lines };
  };
  it.each([
    { name: 'vxlan', given: v, want: { title: 'flannel.1 (VXLAN)', toEth0: 'VXLAN', peer: ['pods 10.244.2.0/24', 'ip route: via 10.244.2.0 dev flannel.1'] } },
    { name: 'host-gw', given: hostGwView.kind === 'node' ? hostGwView.node : v, want: { title: 'flanneld (host-gw)', toEth0: 'routed', peer: ['pods 10.244.2.0/24', 'ip route: via 172.18.0.4 dev eth0'] } },
  ])('flannel row with $name', ({ given, want }) => expect(flannelRow(given)).toEqual(want));

  it('keeps sandboxes in their slots; system pods on request', () => {
    const again = deriveInternals(v, g.cache, { showSystem: true, hot: new Set() });
    for (const n of g.nodes.filter((n) => n.type === 'sandbox')) expect(again.nodes.find((m) => m.id === n.id)!.position).toEqual(n.position);
    expect(again.nodes.some((n) => n.type === 'sandbox' && n.data.hostNetwork)).toBe(true);
  });
});
