// Scenario tests driven like a terminal session (`sleep` moves simulated time). Expected
// texts: node-controller's "Node %s status is now: NodeNotReady" and "Node is not ready"
// (pkg/controller/util/node), "Kubelet stopped posting node status." (nodelifecycle),
// taint-eviction-controller's "Marking for deletion Pod %s" (tainteviction), kubectl
// drain's filters (staging/src/k8s.io/kubectl/pkg/drain/filters.go) and rollout status
// lines (kubectl/pkg/polymorphichelpers/rollout_status.go).
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import type { Node } from '../../../core/api/types.ts';

const script = (c: ReturnType<typeof cluster>, lines: string) => lines.trim().split('\n').map((l) => c.run(l.trim())).join('');
const ready = (c: ReturnType<typeof cluster>, n: string) => c.get<Node>('Node', n)!.status!.conditions!.find((x) => x.type === 'Ready')!;

describe('node failure → eviction → rescheduling', () => {
  for (const [how, cmd] of [['kubelet stopped', 'ssh worker-1 systemctl stop kubelet'], ['power-off', 'ssh worker-1 poweroff']] as const) {
    it(`${how}: NotReady after the 50 s grace period, pods evicted after 300 s, recreated elsewhere`, () => {
      const c = cluster();
      c.apply(deploymentYaml('web', 4));
      c.advance('30s');
      const onW1 = c.pods('web-').filter((p) => p.spec.nodeName === 'worker-1').map((p) => p.metadata.name);
      expect(onW1.length).toBeGreaterThan(0);
      c.run(cmd);
      c.advance('45s');
      expect(ready(c, 'worker-1').status).toBe('True');
      c.advance('15s');
      expect(ready(c, 'worker-1')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
      expect(c.get<Node>('Node', 'worker-1')!.spec.taints!.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
      expect(c.events('NodeNotReady').map((e) => e.message)).toContain('Node worker-1 status is now: NodeNotReady');
      expect(c.events('NodeNotReady').filter((e) => e.object === `Pod/${onW1[0]}`)[0]!.message).toBe('Node is not ready');
      c.advance('4m');
      expect(c.events('TaintManagerEviction')).toEqual([]);
      c.advance('70s');
      expect(c.events('TaintManagerEviction').map((e) => e.message).filter((m) => m.includes('default/')).sort()).toEqual(onW1.map((n) => `Marking for deletion Pod default/${n}`).sort());
      c.advance('30s');
      const live = c.pods('web-').filter((p) => !p.metadata.deletionTimestamp);
      expect(live).toHaveLength(4);
      expect(live.every((p) => p.spec.nodeName === 'worker-2')).toBe(true);
      // The evicted pods stay Terminating: nobody on the dead node confirms.
      expect(c.run('kubectl get pods').match(/Terminating/g)?.length).toBe(onW1.length);
    });
  }
  it('before v1.32 the grace period is 40 s', () => {
    const c = cluster();
    c.apply('apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.4\n');
    const d = cluster();
    for (const x of [c, d]) {
      x.advance('10s');
      x.run('ssh worker-2 systemctl stop kubelet');
      x.advance('48s');
    }
    expect(ready(c, 'worker-2').status).toBe('Unknown');
    expect(ready(d, 'worker-2').status).toBe('True');
  });
});

describe('rolling update', () => {
  it('replaces pods within maxSurge/maxUnavailable and reports as kubectl rollout status does', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 4));
    c.advance('30s');
    c.apply(deploymentYaml('web', 4, 'nginx:1.26'));
    // 25% of 4: maxSurge 1, maxUnavailable 1 → never more than 5 pods, never fewer than 3 available.
    let maxPods = 0;
    for (let i = 0; i < 60; i++) {
      c.advance(500);
      maxPods = Math.max(maxPods, c.pods('web-').filter((p) => !p.metadata.deletionTimestamp).length);
      const d = c.get<{ status?: { availableReplicas?: number } } & import('../../../core/api/types.ts').KObject>('Deployment', 'web')!;
      expect(d.status?.availableReplicas ?? 0).toBeGreaterThanOrEqual(3);
    }
    expect(maxPods).toBeLessThanOrEqual(5);
    expect(c.run('kubectl rollout status deployment/web')).toBe('deployment "web" successfully rolled out\n');
    expect(c.run('kubectl rollout history deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(c.run('kubectl rollout undo deployment/web')).toBe('deployment.apps/web rolled back\n');
    c.advance('60s');
    expect(c.pods('web-').every((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toBe(true);
    expect(c.run('kubectl rollout history deployment/web')).toContain('2         <none>\n3         <none>');
    expect(c.events('ScalingReplicaSet').some((e) => /^Scaled down replica set web-\w+ from \d to \d$/.test(e.message))).toBe(true);
  });
  it('rollout status watches until done', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 2));
    const out = c.run('kubectl rollout status deploy/web');
    expect(out).toMatch(/^Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available\.\.\.\n/);
    expect(out.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
  });
  it('restart and scale', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 2));
    c.advance('20s');
    expect(c.run('kubectl rollout restart deployment/web')).toBe('deployment.apps/web restarted\n');
    c.advance('60s');
    expect(c.run('kubectl scale deployment web --replicas=5')).toBe('deployment.apps/web scaled\n');
    c.advance('20s');
    expect(c.pods('web-').filter((p) => p.status?.phase === 'Running')).toHaveLength(5);
  });
});

describe('drain', () => {
  it('refuses DaemonSet-managed and unmanaged pods unless flagged, then evicts and waits', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 2) + '---\napiVersion: v1\nkind: Pod\nmetadata: {name: bare}\nspec:\n  nodeName: worker-1\n  containers: [{name: c, image: nginx:1.27}]\n');
    c.advance('30s');
    const refused = c.run('kubectl drain worker-1');
    // Upstream groups by message in a Go map (order unspecified); ours follows the pod order.
    expect(refused).toMatch(/^node\/worker-1 cordoned\n\[stderr\]\nerror: unable to drain node "worker-1" due to error: \[cannot delete Pods that declare no controller \(use --force to override\): default\/bare, cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-flannel\/kube-flannel-ds-\w{5}, kube-system\/kube-proxy-\w{5}\], continuing command\.\.\.\nThere are pending nodes to be drained:\n worker-1\n/);
    const out = c.run('kubectl drain worker-1 --ignore-daemonsets --force');
    expect(out).toContain('node/worker-1 already cordoned\n');
    expect(out).toContain('evicting pod default/bare\n');
    expect(out).toContain('pod/bare evicted\n');
    expect(out).toContain('node/worker-1 drained\n');
    expect(out).toMatch(/Warning: deleting Pods that declare no controller: default\/bare; ignoring DaemonSet-managed Pods: kube-flannel\/kube-flannel-ds-\w{5}, kube-system\/kube-proxy-\w{5}\n/);
    expect(c.pods('web-').every((p) => p.spec.nodeName !== 'worker-1')).toBe(true);
    expect(c.run('kubectl uncordon worker-1')).toBe('node/worker-1 uncordoned\n');
  });
});

describe('workloads', () => {
  it('DaemonSets put one pod on every node, including one that joins', () => {
    const c = cluster();
    c.advance('20s');
    expect(c.sim.pods().filter((p) => p.metadata.name.startsWith('kube-proxy-')).map((p) => p.spec.nodeName).sort()).toEqual(['control-plane', 'worker-1', 'worker-2']);
    c.run('ssh worker-3 kubeadm join 172.18.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00');
    c.advance('20s');
    expect(c.sim.api.list('Pod', 'kube-system').filter((p) => p.metadata.name.startsWith('kube-proxy-') && (p.spec as { nodeName?: string }).nodeName === 'worker-3')).toHaveLength(1);
  });
  it('StatefulSets create web-0, web-1, web-2 in order', () => {
    const c = cluster();
    c.apply(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx:1.27}]}\n`);
    expect(c.pods('web-').map((p) => p.metadata.name)).toEqual(['web-0']);
    c.advance('60s');
    expect(c.pods('web-').map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(c.events('SuccessfulCreate').filter((e) => e.object === 'StatefulSet/web').map((e) => e.message)).toEqual(['create Pod web-0 in StatefulSet web successful', 'create Pod web-1 in StatefulSet web successful', 'create Pod web-2 in StatefulSet web successful']);
    expect(c.pod('web-1')!.spec).toMatchObject({ hostname: 'web-1', subdomain: 'web' });
  });
  it('Jobs run to completion', () => {
    const c = cluster();
    c.apply(`apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox:1.36, command: [sh, -c, "sleep 2"]}]\n`);
    c.advance('60s');
    const j = c.get<import('../../../core/controllers/job.ts').Job>('Job', 'pi')!;
    expect(j.status).toMatchObject({ succeeded: 2 });
    expect(j.status!.conditions!.map((x) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(c.events('Completed')[0]!.message).toBe('Job completed');
  });
  it('Job restartPolicy must be OnFailure or Never (apiserver wording)', () => {
    const c = cluster();
    const errs = c.apply(`apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox:1.36}]\n`);
    expect(errs[0]!.message).toBe('The Job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
  });
});

describe('garbage collection and namespaces', () => {
  it('background, foreground and orphan cascading', () => {
    for (const [mode, podsLeft] of [['background', 0], ['foreground', 0], ['orphan', 2]] as const) {
      const c = cluster();
      c.sim.applyObject(JSON.parse(JSON.stringify(require_yaml(deploymentYaml('web', 2)))));
      c.advance('20s');
      expect(c.run(`kubectl delete deployment web --cascade=${mode}`)).toBe('deployment.apps "web" deleted from default namespace\n');
      c.advance('60s');
      expect(c.pods('web-').length).toBe(podsLeft);
      if (mode === 'orphan') expect(c.sim.api.list('ReplicaSet', 'default').every((rs) => !rs.metadata.ownerReferences?.length)).toBe(true);
      expect(c.sim.api.list('ReplicaSet', 'default')).toHaveLength(mode === 'orphan' ? 1 : 0);
    }
  });
  it('a deleted namespace is emptied, then removed', () => {
    const c = cluster();
    c.apply('apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n');
    c.sim.applyObject({ ...require_yaml(deploymentYaml('web', 2)), metadata: { name: 'web', namespace: 'dev' } });
    c.advance('20s');
    expect(c.run('kubectl delete namespace dev')).toBe('namespace "dev" deleted\n');
    expect(c.sim.api.get('Namespace', undefined, 'dev')).toBeUndefined();
    expect(c.sim.api.list('Pod', 'dev')).toEqual([]);
  });
});

describe('services', () => {
  it('Endpoints and EndpointSlices list the ready pods', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 3) + '---\n' + serviceYaml('web'));
    c.advance('30s');
    const ips = c.pods('web-').map((p) => p.status!.podIP!).sort();
    const ep = c.get<import('../../../core/controllers/endpoints.ts').Endpoints>('Endpoints', 'web')!;
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip).sort()).toEqual(ips);
    expect(script(c, 'kubectl get endpoints web')).toContain('web');
  });
});

import { parse } from 'yaml';
function require_yaml(s: string) {
  return parse(s);
}
