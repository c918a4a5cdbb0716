// kube-apiserver behaviour: validation wording (pkg/apis/core/validation, apimachinery's
// validation messages), defaults (pkg/apis/core/v1/defaults.go), DefaultTolerationSeconds
// admission, generateName, namespaces, immutability, the etcd keys and revisions.
import { describe, expect, it } from 'vitest';
import { cluster } from '../harness.ts';
import type { Pod } from '../../../core/api/types.ts';

const invalid = (yaml: string) => cluster().apply(yaml)[0]?.message;

describe('validation wording', () => {
  it.each([
    ['apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c}]}\n', 'The Pod "web" is invalid: spec.containers[0].image: Required value'],
    ['apiVersion: v1\nkind: Pod\nmetadata: {name: Web}\nspec: {containers: [{name: c, image: nginx}]}\n', `The Pod "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\nspec: {ports: [{port: 80}]}\n', `The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`],
    ['apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {restartPolicy: Sometimes, containers: [{name: c, image: nginx}]}\n', 'The Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"'],
    ['apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: other}}\n    spec: {containers: [{name: c, image: nginx}]}\n', 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'],
  ])('%#', (yaml, msg) => expect(invalid(yaml)).toBe(msg));
});

describe('defaults, admission, names, namespaces', () => {
  it('fills pod defaults and the 300 s not-ready/unreachable tolerations', () => {
    const c = cluster();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx}]}\n');
    const p = c.pod('web')!;
    expect(p.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', priority: 0 });
    expect(p.spec.containers[0]!.imagePullPolicy).toBe('Always');
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });
  it('generateName gets a 5-character suffix; a missing namespace is NotFound', () => {
    const c = cluster();
    const r = c.sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: '', generateName: 'job-' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(r.ok && r.object.metadata.name).toMatch(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const bad = c.sim.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'nope' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(bad).toMatchObject({ ok: false, reason: 'NotFound', message: 'namespaces "nope" not found' });
  });
  it('a pod spec is immutable but its image is not', () => {
    const c = cluster();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n');
    c.advance('10s');
    expect(c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx:1.26}]}\n')).toEqual([]);
    expect(c.pod('web')!.spec.nodeName).toMatch(/^worker-/);
    const errs = c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx:1.26, ports: [{containerPort: 80}]}]}\n');
    expect(errs[0]!.message).toMatch(/^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });
  it('not-simulated kinds are stored and listed', () => {
    const c = cluster();
    expect(c.apply('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec: {}\n')).toEqual([]);
    expect(c.run('kubectl get ingress')).toContain('web');
  });
});

describe('etcd', () => {
  it('keys as kube-apiserver writes them, with revisions', () => {
    const c = cluster();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n');
    const keys = c.run('ssh control-plane etcdctl get /registry --prefix --keys-only').split('\n\n');
    for (const k of ['/registry/pods/default/web', '/registry/minions/worker-1', '/registry/services/specs/default/kubernetes', '/registry/namespaces/kube-system', '/registry/deployments/kube-system/coredns', '/registry/daemonsets/kube-system/kube-proxy'])
      expect(keys).toContain(k);
    const j = JSON.parse(c.run('ssh control-plane etcdctl get /registry/pods/default/web -w json --keys-only')) as { header: { revision: number }; kvs: { mod_revision: number }[] };
    expect(String(j.kvs[0]!.mod_revision)).toBe(c.pod('web')!.metadata.resourceVersion);
    expect(j.header.revision).toBe(c.sim.store.rev);
    expect(c.run('ssh worker-1 etcdctl get / --prefix')).toContain('etcdctl: command not found');
  });
  it('the pod journey has its 8 steps', () => {
    const c = cluster();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n');
    c.advance('10s');
    const j = c.sim.journeys.get('default', 'web')!;
    expect(j.steps.map((s) => s.component.replace(/@.*/, ''))).toEqual(['kubectl', 'kube-apiserver', 'etcd', '(none)', 'default-scheduler', 'kubelet', 'containerd+cni', 'kubelet']);
    expect(c.run('journey web')).toMatch(/^Pod default\/web \(uid [0-9a-f-]+\)\nSTEP/);
    expect((c.pod('web') as Pod).status?.phase).toBe('Running');
  });
});
