// Which pods get spec.serviceAccountName. Sources: plugin/pkg/admission/serviceaccount admission.go
// (Admit: a mirror pod is left alone — "Don't modify the spec of mirror pods"; other pods get
// "default"), the API's defaulting (no default for a pod template's serviceAccountName), kubectl
// describe.go describePod (`Service Account:` only when set). Real `kubectl describe pod
// kube-scheduler-controlplane` goes from `Priority Class Name: system-node-critical` to `Node:`.
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml } from '../harness.ts';
import type { KObject } from '../../../core/api/types.ts';

const staticWeb = { path: 'nodes/worker-1/etc/kubernetes/manifests/web.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - {name: nginx, image: nginx:1.27}\n' };

describe('serviceAccountName', () => {
  const c = cluster();
  c.apply([staticWeb, { path: 'app.yaml', content: deploymentYaml('app', 1) }]);
  c.advance('20s');
  const appPod = c.pods('app-')[0]!;
  const template = (c.get<KObject>('Deployment', 'app', 'default')!.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  const table: { name: string; given: () => unknown; want: unknown }[] = [
    { name: 'a user\'s static pod: its mirror has none', given: () => c.pod('web-worker-1')!.spec.serviceAccountName, want: undefined },
    { name: 'the control plane\'s static pods: none', given: () => c.pod('kube-scheduler-control-plane', 'kube-system')!.spec.serviceAccountName, want: undefined },
    { name: 'describe of a mirror pod prints no Service Account line', given: () => /^Service Account:/m.test(c.run('kubectl describe pod web-worker-1')), want: false },
    { name: 'a Deployment\'s pod: default', given: () => appPod.spec.serviceAccountName, want: 'default' },
    { name: 'the Deployment\'s template: not defaulted', given: () => template['serviceAccountName'], want: undefined },
  ];
  for (const t of table) it(t.name, () => expect(t.given()).toEqual(t.want));
});
