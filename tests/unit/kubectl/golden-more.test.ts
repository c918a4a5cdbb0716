// Goldens for the printers and flags added after the first set: every upstream source each one
// was checked against is listed in tests/golden/kubectl/README.md. Regenerate with
// UPDATE_GOLDEN=1 only after re-checking the diff against upstream.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../core/api/types.ts';
import { printGet } from '../../../core/kubectl/get.ts';
import { GetWatch } from '../../../core/kubectl/watch.ts';
import { NOW, ago, cstatus, pod, running, waiting } from './builders.ts';
import { addr, condition, daemonSet, endpoints, job, object, statefulSet } from './workloads.ts';

const dir = new URL('../../golden/kubectl/', import.meta.url);

function golden(file: string, got: string): void {
  const url = new URL(file, dir);
  if (process.env['UPDATE_GOLDEN'] || !existsSync(url)) writeFileSync(url, got);
  expect(got).toBe(readFileSync(url, 'utf8'));
}

const inNs = <T extends KObject>(o: T, namespace: string): T => ({ ...o, metadata: { ...o.metadata, namespace } });

describe('kubectl get goldens, more kinds', () => {
  it('get ds,sts,jobs,ep -A -o wide', () => {
    const objects: KObject[] = [
      daemonSet('fluentd', { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 }, { 'kubernetes.io/os': 'linux' }),
      inNs(daemonSet('kube-proxy', { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 }), 'kube-system'),
      statefulSet('db', 3, 2),
      job('migrate', { completions: 1 }, { succeeded: 1, startTime: ago(540), completionTime: ago(527), conditions: [condition('SuccessCriteriaMet'), condition('Complete')] }),
      job('crunch', { parallelism: 2 }, { active: 2, startTime: ago(95) }),
      endpoints('web', [{ addresses: ['10.244.1.5', '10.244.2.8', '10.244.1.9', '10.244.2.11'].map(addr), ports: [{ port: 80, protocol: 'TCP' }] }]),
      endpoints('db', [{ addresses: [addr('10.244.1.7')], notReadyAddresses: [addr('10.244.2.4')], ports: [{ name: 'redis', port: 6379, protocol: 'TCP' }] }]),
      endpoints('pending', undefined),
    ];
    golden('get-ds-sts-jobs-ep-all-wide.txt', printGet(objects, { kind: 'DaemonSet', now: NOW, wide: true, allNamespaces: true }).stdout);
  });
  it('get pv,pvc,ns,cm,secret,sa,lease,pc', () => {
    const objects: KObject[] = [
      object('PersistentVolume', 'pv-data', { spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard' }, status: { phase: 'Bound' } }, { namespace: undefined }),
      object('PersistentVolumeClaim', 'data', { spec: { volumeName: 'pv-data', storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] } }),
      object('PersistentVolumeClaim', 'scratch', { spec: { storageClassName: 'standard' }, status: { phase: 'Pending' } }),
      object('Namespace', 'default', { status: { phase: 'Active' } }, { namespace: undefined }),
      object('ConfigMap', 'kube-root-ca.crt', { data: { 'ca.crt': '...' } }),
      object('Secret', 'registry', { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } }),
      object('ServiceAccount', 'default'),
      inNs(object('Lease', 'worker-1', { spec: { holderIdentity: 'worker-1' } }), 'kube-node-lease'),
      object('PriorityClass', 'system-node-critical', { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }, { namespace: undefined }),
    ];
    golden('get-storage-config-cluster.txt', printGet(objects, { kind: 'PersistentVolume', now: NOW }).stdout);
  });
  it('get pods --show-labels -L app', () => {
    const pods = [
      pod('web-1', { meta: { labels: { app: 'web', 'pod-template-hash': '7d4b9c' } }, status: { containerStatuses: [cstatus('app', running())] } }),
      pod('debug', { status: { containerStatuses: [cstatus('app', running())] } }),
    ];
    golden('get-pods-labels.txt', printGet(pods, { kind: 'Pod', now: NOW, showLabels: true, labelColumns: ['app', 'app.kubernetes.io/name'], sortBy: '.metadata.name' }).stdout);
  });
  it('get pods -o custom-columns and -o jsonpath', () => {
    const pods = [
      pod('web-1', { spec: { nodeName: 'worker-1' }, status: { podIP: '10.244.1.5' } }),
      pod('pending', { status: { phase: 'Pending' } }),
    ];
    const cc = printGet(pods, { kind: 'Pod', now: NOW, output: 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP' }).stdout;
    const jp = printGet(pods, { kind: 'Pod', now: NOW, output: 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}' }).stdout;
    golden('get-pods-custom-columns-jsonpath.txt', cc + jp);
  });
  it('get pods -w', () => {
    let listener: (o: KObject) => void = () => {};
    let now = NOW;
    const source = { subscribe: (fn: (o: KObject) => void) => ((listener = fn), () => {}), now: () => now };
    const created = pod('web-7d4b9c5f6d-x2k4p', { age: 0, status: { phase: 'Pending' } });
    const started = GetWatch.start({ kind: 'Pod', now: NOW }, [pod('db-0', { age: 3600, status: { containerStatuses: [cstatus('redis', running())] } })], source, () => true);
    if (started instanceof Error) throw started;
    const steps: [number, KObject][] = [
      [0, created],
      [0, { ...created, spec: { ...created.spec, nodeName: 'worker-1' } }],
      [1000, { ...created, status: { phase: 'Pending', containerStatuses: [cstatus('app', waiting('ContainerCreating'))] } }],
      [3000, { ...created, status: { phase: 'Running', containerStatuses: [cstatus('app', running(1))] } }],
    ];
    for (const [ms, o] of steps) {
      now += ms;
      listener(o);
    }
    golden('get-pods-watch.txt', started.stdout + started.watch.take());
  });
});
