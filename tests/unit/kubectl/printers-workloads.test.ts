// Rows of the printers added for the remaining kinds, after upstream printers.go (printDaemonSet,
// printStatefulSet, printJob, printCronJob, printEndpoints, printNamespace, printConfigMap,
// printSecret, printServiceAccount, printPersistentVolume(Claim), printLease, printPriorityClass,
// printControllerRevision) and the cases of upstream printers_test.go (TestPrintJob,
// TestPrintDaemonSet, TestPrintEndpoint, TestPrintPersistentVolume...).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../core/api/types.ts';
import { printGet, tableLayout } from '../../../core/kubectl/get.ts';
import { ago, NOW } from './builders.ts';
import { addr, condition, daemonSet, endpoints, job, object, statefulSet } from './workloads.ts';

const row = (o: KObject, wide = false): string[] => tableLayout(o.kind, { now: NOW, wide }).row(o);
const header = (kind: string, wide = false): string[] => tableLayout(kind, { now: NOW, wide }).header;

describe('headers', () => {
  const cases = [
    { name: 'daemonset', given: ['DaemonSet', true] as const, want: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'] },
    { name: 'statefulset (no wide selector)', given: ['StatefulSet', true] as const, want: ['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES'] },
    { name: 'job', given: ['Job', false] as const, want: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'] },
    { name: 'cronjob', given: ['CronJob', false] as const, want: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'] },
    { name: 'priorityclass shows PREEMPTIONPOLICY without -o wide', given: ['PriorityClass', false] as const, want: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'] },
    { name: 'pvc hides VOLUMEMODE', given: ['PersistentVolumeClaim', false] as const, want: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'] },
  ];
  it.each(cases)('$name', ({ given: [kind, wide], want }) => expect(header(kind, wide)).toEqual(want));
});

describe('daemonset and statefulset rows', () => {
  const cases: { name: string; given: [KObject, boolean]; want: string[] }[] = [
    {
      name: 'daemonset with node selector, wide',
      given: [daemonSet('fluentd', { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 }, { 'kubernetes.io/os': 'linux' }), true],
      want: ['fluentd', '3', '3', '2', '3', '2', 'kubernetes.io/os=linux', '60m', 'agent', 'fluentd:v1', 'app=fluentd'],
    },
    { name: 'daemonset before its first status', given: [daemonSet('new', undefined), false], want: ['new', '0', '0', '0', '0', '0', '<none>', '60m'] },
    { name: 'statefulset READY is ready/desired', given: [statefulSet('db', 3, 1), true], want: ['db', '1/3', '2m', 'db,exporter', 'redis:7,redis-exporter:1'] },
    { name: 'statefulset replicas default to 1', given: [statefulSet('db', undefined), false], want: ['db', '0/1', '2m'] },
  ];
  it.each(cases)('$name', ({ given: [o, wide], want }) => expect(row(o, wide)).toEqual(want));
});

describe('job rows', () => {
  const cases: { name: string; given: KObject; want: string[] }[] = [
    { name: 'not started: no duration (upstream job1)', given: job('job1', { completions: 2 }, { succeeded: 1 }), want: ['job1', 'Running', '1/2', '', '10m'] },
    { name: 'no completions: n/1 (upstream job2)', given: job('job2', { completions: null }, {}), want: ['job2', 'Running', '0/1', '', '10m'] },
    {
      name: 'finished: start to completion (upstream job3)',
      given: job('job3', {}, { startTime: ago(1860), completionTime: ago(60), conditions: [condition('Complete')] }),
      want: ['job3', 'Complete', '0/1', '30m', '10m'],
    },
    { name: 'running: start to now (upstream job4)', given: job('job4', {}, { startTime: ago(1200) }), want: ['job4', 'Running', '0/1', '20m', '10m'] },
    { name: 'parallel without completions', given: job('p', { parallelism: 3 }, { succeeded: 1 }), want: ['p', 'Running', '1/1 of 3', '', '10m'] },
    { name: 'failed', given: job('f', { completions: 1 }, { failed: 7, conditions: [condition('FailureTarget'), condition('Failed')] }), want: ['f', 'Failed', '0/1', '', '10m'] },
    { name: 'failure target before failed', given: job('f', { completions: 1 }, { conditions: [condition('FailureTarget')] }), want: ['f', 'FailureTarget', '0/1', '', '10m'] },
    { name: 'suspended', given: job('s', { completions: 1, suspend: true }, { conditions: [condition('Suspended')] }), want: ['s', 'Suspended', '0/1', '', '10m'] },
    { name: 'being deleted', given: job('d', { completions: 1 }, {}, { deletionTimestamp: ago(1) }), want: ['d', 'Terminating', '0/1', '', '10m'] },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(row(given)).toEqual(want));
  it('wide adds containers, images and the selector', () => {
    expect(row(job('job1', { completions: 2 }, {}), true).slice(5)).toEqual(['sh', 'busybox', 'batch.kubernetes.io/controller-uid=u1']);
  });
});

describe('cronjob rows', () => {
  const cj = (spec: Record<string, unknown>, status?: Record<string, unknown>) =>
    object('CronJob', 'backup', { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: 'busybox' }] } } } }, ...spec }, ...(status ? { status } : {}) });
  const cases = [
    { name: 'never scheduled', given: cj({}), want: ['backup', '*/5 * * * *', '<none>', 'False', '0', '<none>', '5m'] },
    { name: 'suspended, with time zone and two active jobs', given: cj({ suspend: true, timeZone: 'Etc/UTC' }, { active: [{}, {}], lastScheduleTime: ago(90) }), want: ['backup', '*/5 * * * *', 'Etc/UTC', 'True', '2', '90s', '5m'] },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(row(given)).toEqual(want));
});

describe('endpoints rows', () => {
  const cases = [
    { name: 'no subsets', given: endpoints('web', undefined), want: '<none>' },
    { name: 'ip:port for each port', given: endpoints('web', [{ addresses: [addr('10.244.1.2')], ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] }]), want: '10.244.1.2:80,10.244.1.2:443' },
    {
      name: 'first three, then + N more...',
      given: endpoints('web', [{ addresses: ['10.244.1.2', '10.244.2.3', '10.244.1.4', '10.244.2.5'].map(addr), ports: [{ port: 80, protocol: 'TCP' }] }]),
      want: '10.244.1.2:80,10.244.2.3:80,10.244.1.4:80 + 1 more...',
    },
    { name: 'not-ready addresses are not listed', given: endpoints('web', [{ notReadyAddresses: [addr('10.244.1.9')], ports: [{ port: 80, protocol: 'TCP' }] }]), want: '' },
    { name: 'headless without ports: bare IPs', given: endpoints('db', [{ addresses: [addr('10.244.1.2')] }]), want: '10.244.1.2' },
    { name: 'IPv6 in brackets', given: endpoints('v6', [{ addresses: [addr('fd00::5')], ports: [{ port: 80, protocol: 'TCP' }] }]), want: '[fd00::5]:80' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(row(given)[1]).toBe(want));
});

describe('small core and cluster kinds', () => {
  const cases: { name: string; given: KObject; want: string[] }[] = [
    { name: 'namespace', given: object('Namespace', 'team-a', { status: { phase: 'Terminating' } }), want: ['team-a', 'Terminating', '5m'] },
    { name: 'configmap counts data and binaryData', given: object('ConfigMap', 'cfg', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), want: ['cfg', '3', '5m'] },
    { name: 'secret', given: object('Secret', 'tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } }), want: ['tls', 'kubernetes.io/tls', '2', '5m'] },
    { name: 'secret defaults to Opaque, stringData merges', given: object('Secret', 's', { data: { a: 'x' }, stringData: { a: 'y', b: 'z' } }), want: ['s', 'Opaque', '2', '5m'] },
    { name: 'serviceaccount', given: object('ServiceAccount', 'default', { secrets: [{ name: 't' }] }), want: ['default', '1', '5m'] },
    { name: 'lease', given: object('Lease', 'worker-1', { spec: { holderIdentity: 'worker-1' } }), want: ['worker-1', 'worker-1', '5m'] },
    { name: 'priorityclass', given: object('PriorityClass', 'high', { value: 1000000, globalDefault: true, preemptionPolicy: 'Never' }), want: ['high', '1000000', 'true', '5m', 'Never'] },
    {
      name: 'controllerrevision names its controller by GroupKind',
      given: object('ControllerRevision', 'agent-6d4f', { revision: 2 }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u', controller: true }] }),
      want: ['agent-6d4f', 'daemonset.apps/agent', '2', '5m'],
    },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(row(given)).toEqual(want));
});

describe('volume rows', () => {
  const cases: { name: string; given: [KObject, boolean]; want: string[] }[] = [
    {
      name: 'bound pv, modes in fixed order, quantity canonical',
      given: [object('PersistentVolume', 'pv1', { spec: { capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard' }, status: { phase: 'Bound' } }), true],
      want: ['pv1', '1Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '5m', '<unset>'],
    },
    {
      name: 'pending pvc shows no capacity or modes',
      given: [object('PersistentVolumeClaim', 'data', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } }, status: { phase: 'Pending' } }), false],
      want: ['data', 'Pending', '', '', '', '', '<unset>', '5m'],
    },
    {
      name: 'bound pvc, class from the beta annotation',
      given: [object('PersistentVolumeClaim', 'data', { spec: { volumeName: 'pv1', volumeMode: 'Filesystem' }, status: { phase: 'Bound', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOncePod'] } }, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' } }), true],
      want: ['data', 'Bound', 'pv1', '5Gi', 'RWOP', 'fast', '<unset>', '5m', 'Filesystem'],
    },
  ];
  it.each(cases)('$name', ({ given: [o, wide], want }) => expect(row(o, wide)).toEqual(want));
});

describe('printed rows from upstream printers_test.go', () => {
  it('TestPrintDaemonSet: "test1   3     2     1     2     0     <none>   0s"', () => {
    // Created 1.9s in the future there: up to 2s of clock skew prints as 0s.
    const ds = daemonSet('test1', { currentNumberScheduled: 2, desiredNumberScheduled: 3, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 0 });
    ds.metadata.creationTimestamp = new Date(NOW + 1900).toISOString();
    expect(printGet([ds], { kind: 'DaemonSet', now: NOW, noHeaders: true }).stdout.startsWith('test1   3     2     1     2     0     <none>   0s')).toBe(true);
  });
});
