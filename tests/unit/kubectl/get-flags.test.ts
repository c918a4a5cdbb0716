// `kubectl get` flags through the shell, against the headless cluster: --show-labels, -L,
// --no-headers, -A, glued short flags, the Endpoints deprecation warning and -w in a session
// (get.go watch(): header once, a row per change, widths remembered, ended by the next command).
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../core/shell/args.ts';
import { cluster, deploymentYaml, podYaml, serviceYaml } from '../harness.ts';

function web() {
  const c = cluster();
  c.apply(deploymentYaml('web', 2) + '---\n' + serviceYaml('web') + '---\n' + podYaml('solo', 'containers: [{name: app, image: nginx:1.27}]', '  labels: {tier: fe, app.kubernetes.io/name: solo}\n'));
  c.advance('30s');
  return c;
}

describe('parseArgs', () => {
  const cases = [
    { name: 'repeated -L joins', given: ['get', 'pods', '-L', 'app', '--label-columns=tier', '-Lzone'], want: { '-L': 'app,zone', '--label-columns': 'tier' } },
    { name: 'glued short values', given: ['get', 'pods', '-owide', '-nkube-system', '-lapp=web'], want: { '-o': 'wide', '-n': 'kube-system', '-l': 'app=web' } },
    { name: 'combined booleans stay booleans', given: ['get', 'pods', '-Aw'], want: { '-A': true, '-w': true } },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(Object.fromEntries(parseArgs(given).flags)).toEqual(want));
});

describe('table flags', () => {
  const c = web();
  it('--show-labels adds LABELS last', () => {
    expect(c.run('kubectl get pod solo --show-labels')).toBe('NAME   READY   STATUS    RESTARTS   AGE   LABELS\nsolo   1/1     Running   0          30s   app.kubernetes.io/name=solo,tier=fe\n');
  });
  it('-L adds a column per key, headed by its last path segment, empty when unset', () => {
    const out = c.run('kubectl get pods -L tier -L app.kubernetes.io/name --sort-by=.metadata.name').split('\n');
    expect(out[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +TIER +NAME$/);
    expect(out[1]).toMatch(/^solo +1\/1 +Running +0 +30s +fe +solo$/);
    // Go's tabwriter pads the empty TIER cell; the last cell is not padded.
    expect(out[2]).toMatch(/^web-\S+ +1\/1 +Running +0 +30s +$/);
  });
  it('--no-headers drops headers and the blank line between kinds', () => {
    const out = c.run('kubectl get deploy,svc --no-headers');
    expect(out).toMatch(/^deployment\.apps\/web +2\/2 +2 +2 +30s\nservice\/kubernetes +ClusterIP/);
    expect(out).not.toContain('\n\n');
  });
  it('-A puts NAMESPACE first, -o name prints kind/name', () => {
    expect(c.run('kubectl get ds -A').split('\n')[0]).toMatch(/^NAMESPACE +NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE$/);
    expect(c.run('kubectl get deploy,svc -o name')).toBe('deployment.apps/web\nservice/kubernetes\nservice/web\n');
  });
  it('get endpoints carries the v1.33+ deprecation warning', () => {
    expect(c.run('kubectl get ep web')).toMatch(/^NAME +ENDPOINTS +AGE\nweb +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80 +30s\n\[stderr\]\nWarning: v1 Endpoints is deprecated in v1\.33\+; use discovery\.k8s\.io\/v1 EndpointSlice\n$/);
  });
  it('a bad --sort-by or -o fails without output', () => {
    expect(c.run('kubectl get pods --sort-by=.spec.nope')).toBe('[stderr]\nerror: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n');
    expect(c.run('kubectl get pods -o jsonpath')).toBe('[stderr]\nerror: template format specified but no template given\n');
  });
});

describe('kubectl get -w in a session', () => {
  it('prints the list, then a row per change while sleep moves time, until the next command', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 1));
    c.advance('30s');
    const first = c.run('kubectl get pods -w');
    expect(first).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb-\S+ +1\/1 +Running +0 +30s\n$/);
    c.sim.applyObject({ ...c.get('Deployment', 'web', 'default')!, spec: { ...(c.get('Deployment', 'web', 'default')!.spec as object), replicas: 2 } });
    const rows = c.run('sleep 10s').split('\n').filter(Boolean);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.startsWith('web-'))).toBe(true);
    // Remembered widths: every later row lines its READY column up under the header's.
    const readyAt = first.indexOf('READY');
    expect(rows.every((r) => /^\S+ +$/.test(r.slice(0, readyAt)) && r[readyAt] !== ' ')).toBe(true);
    expect(rows[rows.length - 1]).toMatch(/ 1\/1 +Running /);
    c.run('kubectl get deploy');
    c.sim.applyObject({ ...c.get('Deployment', 'web', 'default')!, spec: { ...(c.get('Deployment', 'web', 'default')!.spec as object), replicas: 3 } });
    expect(c.run('sleep 10s')).toBe('');
  });
  it('with nothing to list prints nothing, then the header with the first row', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 0));
    expect(c.run('kubectl get pods -w')).toBe('');
    c.sim.applyObject({ ...c.get('Deployment', 'web', 'default')!, spec: { ...(c.get('Deployment', 'web', 'default')!.spec as object), replicas: 1 } });
    const out = c.run('sleep 1s').split('\n');
    expect(out[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(out.slice(1).filter((l) => l.startsWith('NAME'))).toEqual([]);
  });
  it('a missing named object is an error, not a watch', () => {
    const c = cluster();
    expect(c.run('kubectl get pod nope -w')).toBe('[stderr]\nError from server (NotFound): pods "nope" not found\n');
    expect(c.run('sleep 1s')).toBe('');
  });
  it('refuses several kinds', () => {
    expect(cluster().run('kubectl get pods,svc -w')).toBe('[stderr]\nerror: watch is only supported on individual resources and resource collections - more than 1 resource was found\n');
  });
});

describe('kubectl describe selects as get does', () => {
  const c = web();
  const names = (out: string) => [...out.matchAll(/^Name: +(\S+)$/gm)].map((m) => m[1]!);
  const cases = [
    { name: '-A describes every namespace', given: 'kubectl describe pods -A', want: (n: string[]) => n.length > 8 && n.some((x) => x.startsWith('coredns-')) && n.includes('solo') },
    { name: '-l narrows to the selector', given: 'kubectl describe pods -l app=web', want: (n: string[]) => n.length === 2 && n.every((x) => x.startsWith('web-')) },
    { name: 'without -A only the namespace', given: 'kubectl describe pods', want: (n: string[]) => n.length === 3 },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(want(names(c.run(given)))).toBe(true));
  it('nothing matched across namespaces', () => {
    expect(c.run('kubectl describe pods -A -l app=none')).toBe('[stderr]\nNo resources found\n');
  });
});
