// Seeded fuzzing of the workspace: random and mutated manifests never make the engine
// throw; every problem comes back as an error with a file, a line and a column.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../../core/simulation.ts';
import { deploymentYaml, serviceYaml } from '../harness.ts';

const base = deploymentYaml('web', 2) + '---\n' + serviceYaml('web');

/** Mutations a user makes by accident: deleting, duplicating or inserting characters. */
const mutated = fc.tuple(fc.nat(base.length), fc.nat(8), fc.constantFrom('', ' ', '  ', ':', '-', '\n', '\t', '{', '[', '"', "'", '&a', '*a', '!!binary', '---\n', 'x', '9', '\u0000'))
  .map(([at, del, ins]) => base.slice(0, at) + ins + base.slice(Math.min(base.length, at + del)));

const fieldValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.boolean(), fc.constant(-1), fc.constant('1e309'), fc.constant('<script>alert(1)</script>'));
const randomObject = fc.record({
  apiVersion: fc.constantFrom('v1', 'apps/v1', 'discovery.k8s.io/v1', 'example.com/v1', 'x'),
  kind: fc.constantFrom('Pod', 'Deployment', 'ReplicaSet', 'Service', 'EndpointSlice', 'Node', 'ConfigMap', 'Namespace', 'Widget'),
  metadata: fc.record({ name: fc.oneof(fc.constantFrom('a', 'web', 'b-1'), fc.string({ maxLength: 10 })), labels: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }) }),
  spec: fc.dictionary(fc.constantFrom('replicas', 'selector', 'template', 'containers', 'ports', 'type', 'nodeName', 'clusterIP'), fieldValue, { maxKeys: 4 }),
}).map((o) => JSON.stringify(o));

function check(files: { path: string; content: string }[]) {
  const sim = new Simulation({ seed: 3 });
  sim.applyWorkspace([{ path: 'good.yaml', content: base }]);
  const errors = sim.applyWorkspace([{ path: 'good.yaml', content: base }, ...files]);
  for (const e of errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(e.message.length).toBeGreaterThan(0);
  }
  sim.advance(20_000);
  sim.snapshot();
}

describe('workspace fuzz', () => {
  it('mutated YAML never throws', () => {
    fc.assert(fc.property(mutated, (text) => check([{ path: 'm.yaml', content: text }])), { seed: 1121, numRuns: 150 });
  });
  it('random objects never throw', () => {
    fc.assert(fc.property(fc.array(randomObject, { maxLength: 5 }), (docs) => check([{ path: 'r.yaml', content: docs.join('\n---\n') }])), { seed: 2026, numRuns: 150 });
  });
});
