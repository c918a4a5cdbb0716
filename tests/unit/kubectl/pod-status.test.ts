// READY / STATUS / RESTARTS of `kubectl get pods`, following upstream printPod and the
// cases of pkg/printers/internalversion/printers_test.go (TestPrintPod*).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../core/api/types.ts';
import { podPrinter, podSummary } from '../../../core/kubectl/printers/pod.ts';
import { NOW, ago, cstatus, pod, running, terminated, waiting } from './builders.ts';

const cond = (type: string, status: 'True' | 'False', reason?: string) => ({ type, status, lastProbeTime: null, lastTransitionTime: ago(60), ...(reason ? { reason } : {}) });

describe('pod STATUS', () => {
  const cases: { name: string; given: Pod; want: { ready: string; status: string } }[] = [
    { name: 'Running', given: pod('p', { status: { containerStatuses: [cstatus('app', running())] } }), want: { ready: '1/1', status: 'Running' } },
    { name: 'Pending before scheduling', given: pod('p', { status: { phase: 'Pending' } }), want: { ready: '0/1', status: 'Pending' } },
    {
      name: 'SchedulingGated',
      given: pod('p', { status: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'SchedulingGated')] } }),
      want: { ready: '0/1', status: 'SchedulingGated' },
    },
    { name: 'ContainerCreating', given: pod('p', { status: { phase: 'Pending', containerStatuses: [cstatus('app', waiting('ContainerCreating'))] } }), want: { ready: '0/1', status: 'ContainerCreating' } },
    { name: 'ErrImagePull', given: pod('p', { status: { phase: 'Pending', containerStatuses: [cstatus('app', waiting('ErrImagePull'))] } }), want: { ready: '0/1', status: 'ErrImagePull' } },
    { name: 'ImagePullBackOff', given: pod('p', { status: { phase: 'Pending', containerStatuses: [cstatus('app', waiting('ImagePullBackOff'))] } }), want: { ready: '0/1', status: 'ImagePullBackOff' } },
    { name: 'CrashLoopBackOff', given: pod('p', { status: { containerStatuses: [cstatus('app', waiting('CrashLoopBackOff'), { restartCount: 3 })] } }), want: { ready: '0/1', status: 'CrashLoopBackOff' } },
    { name: 'OOMKilled', given: pod('p', { status: { containerStatuses: [cstatus('app', terminated(137, 'OOMKilled'))] } }), want: { ready: '0/1', status: 'OOMKilled' } },
    { name: 'Completed', given: pod('p', { status: { phase: 'Succeeded', containerStatuses: [cstatus('app', terminated(0, 'Completed'))] } }), want: { ready: '0/1', status: 'Completed' } },
    { name: 'Error', given: pod('p', { status: { phase: 'Failed', containerStatuses: [cstatus('app', terminated(1, 'Error'))] } }), want: { ready: '0/1', status: 'Error' } },
    { name: 'ExitCode without reason', given: pod('p', { status: { containerStatuses: [cstatus('app', terminated(2))] } }), want: { ready: '0/1', status: 'ExitCode:2' } },
    {
      name: 'Completed sidecar-less container next to a running one reads Running when the pod is Ready',
      given: pod('p', { containers: ['a', 'b'], status: { conditions: [cond('Ready', 'True')], containerStatuses: [cstatus('a', terminated(0, 'Completed')), cstatus('b', running())] } }),
      want: { ready: '1/2', status: 'Running' },
    },
    {
      name: 'NotReady when a container completed and the pod is not Ready',
      given: pod('p', { containers: ['a', 'b'], status: { containerStatuses: [cstatus('a', terminated(0, 'Completed')), cstatus('b', running())] } }),
      want: { ready: '1/2', status: 'NotReady' },
    },
    {
      name: 'Init:0/2 while the first init container runs',
      given: pod('p', { init: ['i1', 'i2'], status: { phase: 'Pending', initContainerStatuses: [cstatus('i1', running()), cstatus('i2', waiting())] } }),
      want: { ready: '0/1', status: 'Init:0/2' },
    },
    {
      name: 'Init:1/2 after the first init container succeeded',
      given: pod('p', { init: ['i1', 'i2'], status: { phase: 'Pending', initContainerStatuses: [cstatus('i1', terminated(0, 'Completed')), cstatus('i2', running())] } }),
      want: { ready: '0/1', status: 'Init:1/2' },
    },
    {
      name: 'Init:CrashLoopBackOff',
      given: pod('p', { init: ['i1'], status: { phase: 'Pending', initContainerStatuses: [cstatus('i1', waiting('CrashLoopBackOff'), { restartCount: 2 })] } }),
      want: { ready: '0/1', status: 'Init:CrashLoopBackOff' },
    },
    {
      name: 'Init:Error',
      given: pod('p', { init: ['i1'], status: { phase: 'Pending', initContainerStatuses: [cstatus('i1', terminated(1, 'Error'))] } }),
      want: { ready: '0/1', status: 'Init:Error' },
    },
    {
      name: 'Init:ExitCode without reason',
      given: pod('p', { init: ['i1'], status: { phase: 'Pending', initContainerStatuses: [cstatus('i1', terminated(3))] } }),
      want: { ready: '0/1', status: 'Init:ExitCode:3' },
    },
    {
      name: 'PodInitializing once init is done',
      given: pod('p', {
        init: ['i1'],
        status: { phase: 'Pending', conditions: [cond('Initialized', 'True')], initContainerStatuses: [cstatus('i1', terminated(0, 'Completed'))], containerStatuses: [cstatus('app', waiting('PodInitializing'))] },
      }),
      want: { ready: '0/1', status: 'PodInitializing' },
    },
    {
      name: 'a started sidecar counts toward READY',
      given: pod('p', {
        init: ['side'], spec: { initContainers: [{ name: 'side', image: 'envoy', restartPolicy: 'Always' }] },
        status: { conditions: [cond('Initialized', 'True')], initContainerStatuses: [cstatus('side', running(), { ready: true, started: true })], containerStatuses: [cstatus('app', running())] },
      }),
      want: { ready: '2/2', status: 'Running' },
    },
    {
      name: 'Terminating once deletionTimestamp is set',
      given: pod('p', { meta: { deletionTimestamp: ago(5) }, status: { containerStatuses: [cstatus('app', running())] } }),
      want: { ready: '1/1', status: 'Terminating' },
    },
    {
      name: 'a finished pod being deleted keeps its reason',
      given: pod('p', { meta: { deletionTimestamp: ago(5) }, status: { phase: 'Succeeded', containerStatuses: [cstatus('app', terminated(0, 'Completed'))] } }),
      want: { ready: '0/1', status: 'Completed' },
    },
    { name: 'NodeLost reason', given: pod('p', { status: { reason: 'NodeLost' } }), want: { ready: '0/1', status: 'NodeLost' } },
    { name: 'NodeLost while deleting is Unknown', given: pod('p', { meta: { deletionTimestamp: ago(5) }, status: { reason: 'NodeLost' } }), want: { ready: '0/1', status: 'Unknown' } },
    { name: 'Unknown phase', given: pod('p', { status: { phase: 'Unknown' } }), want: { ready: '0/1', status: 'Unknown' } },
    { name: 'Evicted reason', given: pod('p', { status: { phase: 'Failed', reason: 'Evicted' } }), want: { ready: '0/1', status: 'Evicted' } },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const s = podSummary(given);
    expect({ ready: s.ready, status: s.status }).toEqual(want);
  });
});

describe('pod RESTARTS', () => {
  const restartsCell = (p: Pod): string => podPrinter.cells(p, { now: NOW })[3]!;
  const cases: { name: string; given: Pod; want: string }[] = [
    { name: 'zero', given: pod('p', { status: { containerStatuses: [cstatus('app', running())] } }), want: '0' },
    {
      name: 'count with time since the last termination',
      given: pod('p', { status: { containerStatuses: [cstatus('app', waiting('CrashLoopBackOff'), { restartCount: 3, lastState: terminated(1, 'Error', 12) })] } }),
      want: '3 (12s ago)',
    },
    {
      name: 'the most recent termination across containers',
      given: pod('p', {
        containers: ['a', 'b'],
        status: {
          containerStatuses: [
            cstatus('a', running(), { restartCount: 1, lastState: terminated(1, 'Error', 400) }),
            cstatus('b', running(), { restartCount: 2, lastState: terminated(1, 'Error', 90) }),
          ],
        },
      }),
      want: '3 (90s ago)',
    },
    { name: 'no lastState time prints the bare count', given: pod('p', { status: { containerStatuses: [cstatus('app', running(), { restartCount: 2 })] } }), want: '2' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(restartsCell(given)).toBe(want));
});

describe('pod -o wide cells', () => {
  it('fills <none> for IP, node, nominated node and readiness gates', () => {
    const cells = podPrinter.cells(pod('p', { status: { phase: 'Pending' } }), { now: NOW });
    expect(cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
  it('counts true readiness gates', () => {
    const p = pod('p', {
      spec: { nodeName: 'worker-1', readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
      status: { podIP: '10.244.1.5', conditions: [cond('a', 'True'), cond('b', 'False')] },
    });
    expect(podPrinter.cells(p, { now: NOW }).slice(5)).toEqual(['10.244.1.5', 'worker-1', '<none>', '1/2']);
  });
});
