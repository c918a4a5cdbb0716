// The engine end to end through the Simulation facade: a Deployment and a Service become
// running pods with IPs from their node's podCIDR and an EndpointSlice listing them.
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import type { EndpointSlice, Node } from '../../../core/api/types.ts';
import { cidrContains, parseCidr } from '../../../core/net/ip.ts';

const webApp = deploymentYaml('web', 3) + '---\n' + serviceYaml('web');

describe('Simulation', () => {
  it('runs a Deployment behind a Service', () => {
    const c = cluster();
    expect(c.apply(webApp)).toEqual([]);
    c.settle();
    const pods = c.pods('web-');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.status?.phase).toBe('Running');
      expect(p.spec.nodeName).toMatch(/^worker-/);
      const node = c.get<Node>('Node', p.spec.nodeName!)!;
      expect(cidrContains(parseCidr(node.spec.podCIDR!)!, p.status!.podIP!)).toBe(true);
    }
    const slices = c.sim.api.list<EndpointSlice>('EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(slices).toHaveLength(1);
    expect(slices[0]!.endpoints!.map((e) => e.addresses[0]).sort()).toEqual(pods.map((p) => p.status!.podIP!).sort());
  });

  it('walks the pod through Pending → ContainerCreating → Running', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 1));
    const name = c.pods('web-')[0]!.metadata.name;
    const status = () => c.run('kubectl get pods').split('\n')[1]!.split(/\s+/)[2];
    expect(status()).toBe('ContainerCreating');
    c.advance('5s');
    expect(status()).toBe('Running');
    expect(c.events().filter((e) => e.object === `Pod/${name}`).map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const c = cluster(42);
      c.apply(webApp);
      c.settle();
      return JSON.stringify(c.sim.snapshot().objects);
    };
    expect(run()).toBe(run());
  });

  it('prunes objects whose text was removed, keeps those of a file that does not parse', () => {
    const c = cluster();
    c.apply([{ path: 'a.yaml', content: deploymentYaml('a', 1) }, { path: 'b.yaml', content: deploymentYaml('b', 1) }]);
    c.settle();
    const errs = c.apply([{ path: 'a.yaml', content: 'kind: [' }]);
    expect(errs[0]).toMatchObject({ file: 'a.yaml', severity: 'error' });
    c.settle();
    expect(c.get('Deployment', 'a', 'default')).toBeDefined();
    expect(c.get('Deployment', 'b', 'default')).toBeUndefined();
    expect(c.pods('b-')).toHaveLength(0);
  });

  it('reports API validation errors at the offending line', () => {
    const c = cluster();
    const errs = c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    ports: [{containerPort: 80}]\n');
    expect(errs).toEqual([{ file: 'test.yaml', line: 7, col: 5, severity: 'error', message: 'The Pod "web" is invalid: spec.containers[0].image: Required value' }]);
  });

  it('schedules nothing onto the tainted control plane and says why when nothing fits', () => {
    const c = cluster();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: "64"}}\n');
    c.settle();
    expect(c.pod('big')!.status!.phase).toBe('Pending');
    // kube-scheduler's FitError text (pkg/scheduler/framework/types.go) with the PostFilter messages:
    // DynamicResources ("no new claims to deallocate", default since v1.34) then DefaultPreemption.
    expect(c.events('FailedScheduling')[0]!.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });
});
