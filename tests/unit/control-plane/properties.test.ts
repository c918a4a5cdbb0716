// Properties over random clusters and workloads (fast-check): no node is over-committed by
// requests, a pod is never on two nodes, and every ready pod a Service selects is in its
// EndpointSlices while no other pod is.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cluster } from '../harness.ts';
import type { EndpointSlice, Node, Pod, Service } from '../../../core/api/types.ts';
import { milliCPU, bytes } from '../../../core/api/quantity.ts';
import { podRequests } from '../../../core/scheduler/resources.ts';
import { matchesMap } from '../../../core/api/labels.ts';

const nodeYaml = (i: number, cpu: string, mem: string) =>
  `apiVersion: v1\nkind: Node\nmetadata: {name: n${i}, labels: {zone: z${i % 2}}}\nstatus: {capacity: {cpu: "${cpu}", memory: ${mem}, pods: "20"}, allocatable: {cpu: "${cpu}", memory: ${mem}, pods: "20"}}\n`;
const deployYaml = (i: number, replicas: number, cpu: number, app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ${app}, d: "${i}"}}\n  template:\n    metadata: {labels: {app: ${app}, d: "${i}"}}\n    spec: {containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: ${cpu}m, memory: 64Mi}}}]}\n`;

const arb = fc.record({
  nodes: fc.array(fc.record({ cpu: fc.constantFrom('1', '2', '4'), mem: fc.constantFrom('2Gi', '4Gi') }), { minLength: 1, maxLength: 4 }),
  deploys: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 6 }), cpu: fc.integer({ min: 50, max: 1500 }), app: fc.constantFrom('a', 'b') }), { minLength: 1, maxLength: 4 }),
  failNode: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  seed: fc.integer({ min: 1, max: 1000 }),
});

describe('control-plane properties', () => {
  it('no over-commit, one node per pod, EndpointSlices = ready selected pods', () => {
    fc.assert(
      fc.property(arb, ({ nodes, deploys, failNode, seed }) => {
        const c = cluster(seed);
        const yaml = [
          ...nodes.map((n, i) => nodeYaml(i, n.cpu, n.mem)),
          ...deploys.map((d, i) => deployYaml(i, d.replicas, d.cpu, d.app)),
          'apiVersion: v1\nkind: Service\nmetadata: {name: sa}\nspec: {selector: {app: a}, ports: [{port: 80}]}\n',
        ].join('---\n');
        c.apply(yaml);
        c.advance('30s');
        if (failNode !== undefined && failNode < nodes.length) c.run(`ssh n${failNode} systemctl stop kubelet`);
        c.advance('2m');
        const pods = c.sim.pods();
        // 1. requests never exceed allocatable on any node
        for (const n of c.sim.api.list<Node>('Node')) {
          const on = pods.filter((p) => p.spec.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
          const cpu = on.reduce((s, p) => s + podRequests(p).milliCPU, 0);
          const mem = on.reduce((s, p) => s + podRequests(p).memory, 0);
          expect(cpu).toBeLessThanOrEqual(milliCPU(n.status!.allocatable!.cpu));
          expect(mem).toBeLessThanOrEqual(bytes(n.status!.allocatable!.memory));
          expect(on.length).toBeLessThanOrEqual(Number(n.status!.allocatable!.pods));
        }
        // 2. one node per pod (by uid), across all kubelets' workers
        const seen = new Map<string, string>();
        for (const [name, k] of c.sim.kubelets) {
          for (const uid of k.workers.keys()) {
            expect(seen.get(uid) ?? name).toBe(name);
            seen.set(uid, name);
          }
        }
        // 3. EndpointSlices hold exactly the ready selected pods' IPs (ready endpoints)
        const svc = c.sim.api.get<Service>('Service', 'default', 'sa')!;
        const want = pods.filter((p: Pod) => matchesMap(svc.spec.selector, p.metadata.labels) && p.status?.podIP && !p.metadata.deletionTimestamp
          && p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).map((p) => p.status!.podIP!).sort();
        const got = c.sim.api.list<EndpointSlice>('EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'sa')
          .flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready).flatMap((e) => e.addresses).sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 12 },
    );
  });
});
