// The data path's first frame (focusIds): KUBE-SERVICES and one Service's chains and pods.
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import { view } from '../../../core/views/index.ts';
import { deriveDataPath, focusIds } from '../../../web/graph/datapath.ts';

const c = cluster();
c.apply(`${deploymentYaml('web', 3)}---\n${serviceYaml('web')}---\n${deploymentYaml('api', 2)}---\n${serviceYaml('api')}`);
c.settle();
const r = view(c.sim, { kind: 'node', name: 'worker-1' });
if (r.kind !== 'node') throw new Error(r.kind);
const pods = new Map(c.sim.pods().filter((p) => p.status?.podIP).map((p) => [p.status!.podIP!, { name: p.metadata.name, node: p.spec.nodeName ?? '' }]));
const graph = (showSystem: boolean) => deriveDataPath(r.node, {}, { table: 'nat', pods, showSystem, hot: new Set<string>() });

/** What the focus holds, named: chains by kind and Service, endpoints by pod. */
function named(showSystem: boolean, service?: string): string[] {
  const g = graph(showSystem);
  const ids = focusIds(g.nodes, g.edges, service);
  return g.nodes.filter((n) => ids.has(n.id)).map((n) =>
    n.type === 'chain' ? `${n.data.name.replace(/-[A-Z0-9]{16}$/, '-*')} ${n.data.service?.replace(/:.*/, '') ?? ''}`.trim()
      : n.type === 'endpoint' ? `pod ${n.data.pod?.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')}` : n.id).sort();
}

const want = (svc: string, endpoints: number) =>
  ['KUBE-SERVICES', `KUBE-SVC-* default/${svc}`, ...Array(endpoints).fill(`KUBE-SEP-* default/${svc}`), ...Array(endpoints).fill(`pod ${svc}`)].sort();

describe('data path first frame', () => {
  const cases: { name: string; given: { showSystem: boolean; service?: string }; want: string[] }[] = [
    { name: 'no selection: the first Service that is not a system one', given: { showSystem: false }, want: want('api', 2) },
    { name: 'a selected Service', given: { showSystem: false, service: 'default/web' }, want: want('web', 3) },
    { name: 'system Services shown: still the first user Service', given: { showSystem: true }, want: want('api', 2) },
    { name: 'a selected Service with no chains here falls back', given: { showSystem: false, service: 'default/nope' }, want: want('api', 2) },
  ];
  for (const t of cases) it(t.name, () => expect(named(t.given.showSystem, t.given.service)).toEqual(t.want));
});
