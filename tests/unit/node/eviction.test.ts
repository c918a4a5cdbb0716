// Node-pressure eviction and node allocatable. Sources: pkg/kubelet/eviction (eviction_manager.go
// synchronize/Admit/evictPod, helpers.go evictionMessage and rankMemoryPressure),
// nodestatus/setters.go (MemoryPressure reasons, messages and events), node lifecycle controller
// doNoScheduleTaintingPass (node.kubernetes.io/memory-pressure:NoSchedule),
// cm/node_container_manager_linux.go (allocatable = capacity - reserved - hard eviction).
import { describe, expect, it } from 'vitest';
import { cluster, podYaml, type TestCluster } from '../harness.ts';
import { nodeAllocatable, parseThresholds } from '../../../core/kubelet/thresholds.ts';
import { defaultSettings, readSettings } from '../../../core/cluster/settings.ts';
import type { KObject, Node } from '../../../core/api/types.ts';

const stress = (name: string, vm: string, resources = '') =>
  podYaml(name, `nodeName: worker-1\ncontainers:\n- name: ${name}\n  image: polinux/stress\n  command: [stress]\n  args: [--vm, "1", --vm-bytes, ${vm}, --vm-hang, "1"]\n${resources}`);
const node = (c: TestCluster) => c.get<Node>('Node', 'worker-1')!;
const cond = (c: TestCluster, type: string) => node(c).status!.conditions!.find((x) => x.type === type)!;

interface Case {
  name: string;
  given: { yaml: string; at: string };
  want: (c: TestCluster) => void;
}

const cases: Case[] = [
  {
    name: 'a BestEffort memory hog: MemoryPressure, the taint, EvictionThresholdMet, the pod Failed/Evicted with the upstream message',
    given: { yaml: stress('hog', '7500M'), at: '25s' },
    want: (c) => {
      const p = c.pod('hog')!;
      expect(p.status!.phase).toBe('Failed');
      expect(p.status!.reason).toBe('Evicted');
      expect(p.status!.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. Container hog was using 7501Mi, request is 0, has larger consumption of memory\. $/);
      expect(p.status!.conditions![0]).toMatchObject({ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message: p.status!.message });
      expect(c.events('Evicted').map((e) => e.message)).toEqual([p.status!.message]);
      expect(c.events('EvictionThresholdMet')).toEqual([{ object: 'Node/worker-1', reason: 'EvictionThresholdMet', message: 'Attempting to reclaim memory', type: 'Warning' }]);
      expect(cond(c, 'MemoryPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' });
      expect(node(c).spec.taints).toContainEqual({ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' });
      expect(c.events('NodeHasInsufficientMemory')[0]!.message).toBe('Node worker-1 status is now: NodeHasInsufficientMemory');
      // Killed with the 1 s override, which the kubelet raises to its 2 s minimum: stress ignores SIGTERM.
      expect(p.status!.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    },
  },
  {
    name: 'ranking: the pod using more than it requested goes first, not the bigger one within its requests',
    given: { yaml: stress('big', '4000M', '  resources: {requests: {memory: 4Gi}}') + '---\n' + stress('small', '3500M'), at: '25s' },
    want: (c) => {
      expect(c.pod('small')!.status!.reason).toBe('Evicted');
      expect(c.pod('big')!.status!.phase).toBe('Running');
      expect(c.events('Evicted').length).toBe(1);
    },
  },
  {
    name: 'the condition stays True for evictionPressureTransitionPeriod (5m) after the pressure ended, then the taint goes',
    given: { yaml: stress('hog', '7500M'), at: '4m' },
    want: (c) => {
      expect(cond(c, 'MemoryPressure').status).toBe('True');
      c.advance('2m');
      expect(cond(c, 'MemoryPressure')).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientMemory' });
      expect(node(c).spec.taints ?? []).not.toContainEqual({ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' });
      expect(c.events('NodeHasSufficientMemory').length).toBeGreaterThanOrEqual(1);
    },
  },
  {
    name: 'admission under memory pressure rejects a BestEffort pod bound to the node',
    given: { yaml: stress('hog', '7500M'), at: '25s' },
    want: (c) => {
      c.sim.applyObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: 'default' }, spec: { nodeName: 'worker-1', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } } as KObject);
      c.advance('2s');
      const p = c.pod('late')!;
      expect([p.status!.phase, p.status!.reason, p.status!.message]).toEqual(['Failed', 'Evicted', 'Pod was rejected: The node had condition: [MemoryPressure]. ']);
      expect(c.events('Evicted').find((e) => e.object === 'Pod/late')!.message).toBe('The node had condition: [MemoryPressure]. ');
    },
  },
  {
    name: 'filling an emptyDir (fallocate) past nodefs.available<10%: DiskPressure, image GC first, then the pod is evicted and its emptyDir freed',
    given: { yaml: podYaml('filler', 'nodeName: worker-1\ncontainers:\n- name: filler\n  image: busybox:1.36\n  command: [sh, -c, "fallocate -l 80G /cache/big; sleep 3600"]\n  volumeMounts: [{name: cache, mountPath: /cache}]\nvolumes: [{name: cache, emptyDir: {}}]'), at: '25s' },
    want: (c) => {
      const p = c.pod('filler')!;
      expect(p.status!.message).toMatch(/^The node was low on resource: ephemeral-storage\. Threshold quantity: \d+, available: \d+\. Container filler was using \d+Ki, request is 0, has larger consumption of ephemeral-storage\. $/);
      expect(cond(c, 'DiskPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure' });
      expect(node(c).spec.taints).toContainEqual({ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' });
      expect(c.events('EvictionThresholdMet')[0]!.message).toBe('Attempting to reclaim ephemeral-storage');
      const k = c.sim.kubelets.get('worker-1')!;
      expect(k.eviction.observe()['nodefs.available']!.available).toBeGreaterThan(80 * 2 ** 30);
    },
  },
  {
    name: 'pid.available (no default; configured here): PIDPressure and a pod evicted for pids',
    given: { yaml: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionHard: {pid.available: "99.999%"}\n---\n' + podYaml('many', 'nodeName: worker-1\ncontainers:\n- {name: app, image: busybox:1.36, command: [sleep, "3600"]}'), at: '25s' },
    want: (c) => {
      expect(cond(c, 'PIDPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientPID', message: 'kubelet has insufficient PID available' });
      expect(c.pod('many')!.status!.message).toMatch(/^The node was low on resource: pids\. Threshold quantity: 4194262, available: \d+\. $/);
      expect(c.events('EvictionThresholdMet')[0]!.message).toBe('Attempting to reclaim pids');
    },
  },
];

describe('node-pressure eviction', () => {
  for (const t of cases)
    it(t.name, () => {
      const c = cluster();
      c.apply(t.given.yaml);
      c.advance(t.given.at);
      t.want(c);
    });
});

// When the node's pressure condition reaches the API. The eviction manager keeps its conditions
// (eviction_manager.go synchronize → m.nodeConditions) and the node status loop reads them on its
// own nodeStatusUpdateFrequency tick (kubelet_node_status.go syncNodeStatus, nodestatus/setters.go
// MemoryPressureCondition: LastTransitionTime and NodeHasInsufficientMemory at that tick). The
// hog runs from ~2 s; the eviction manager (first synchronize at start, then every 10 s) sees it at
// 10 s, evicts it and waits for the kill (2 s) and the cleanup (1 s ticker), then synchronizes at
// 13 s, 23 s, ...; the condition is held for evictionPressureTransitionPeriod (5 m) after it was
// last observed (10 s), so the eviction manager drops it at 5m13s and the API hears of it at 5m20s.
describe('pressure condition timing (simulated seconds)', () => {
  const table: { name: string; given: number; want: { manager: boolean; api: string; transition?: string } }[] = [
    { name: 'seen by the eviction manager at 10 s, not yet in the Node status', given: 10_000, want: { manager: true, api: 'False' } },
    { name: 'written by the next node status update, 10 s later', given: 20_000, want: { manager: true, api: 'True', transition: '2026-01-01T00:00:20Z' } },
    { name: 'held for the transition period after the pressure ended', given: 5 * 60_000 + 12_000, want: { manager: true, api: 'True', transition: '2026-01-01T00:00:20Z' } },
    { name: 'dropped by the eviction manager at 5m13s, the API still says True', given: 5 * 60_000 + 19_000, want: { manager: false, api: 'True' } },
    { name: 'False at the status update after that', given: 5 * 60_000 + 20_000, want: { manager: false, api: 'False', transition: '2026-01-01T00:05:20Z' } },
  ];
  for (const t of table)
    it(t.name, () => {
      const c = cluster();
      c.apply(stress('hog', '7500M'));
      c.advance(t.given);
      const k = c.sim.kubelets.get('worker-1')!;
      expect(k.eviction.conditions.has('MemoryPressure')).toBe(t.want.manager);
      expect(cond(c, 'MemoryPressure').status).toBe(t.want.api);
      if (t.want.transition) expect(cond(c, 'MemoryPressure').lastTransitionTime).toBe(t.want.transition);
    });

  // status_manager.go mergePodStatus: the terminal phase waits until no container can run; the
  // DisruptionTarget condition (a condition shared with the kubelet) is written at once.
  const kill: { name: string; given: number; want: { phase: string; reason?: string; ready: boolean } }[] = [
    { name: 'evicted at 10 s, container still being killed at 11 s: Running, ready, DisruptionTarget set', given: 11_000, want: { phase: 'Running', ready: true } },
    { name: 'container killed (2 s minimum grace): Failed/Evicted', given: 13_000, want: { phase: 'Failed', reason: 'Evicted', ready: false } },
  ];
  for (const t of kill)
    it(t.name, () => {
      const c = cluster();
      c.apply(stress('hog', '7500M'));
      c.advance(t.given);
      const s = c.pod('hog')!.status!;
      expect([s.phase, s.reason, s.containerStatuses![0]!.ready]).toEqual([t.want.phase, t.want.reason, t.want.ready]);
      expect(s.conditions!.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'TerminationByKubelet' });
    });

  it('journal: the eviction manager starts with the kubelet, evicts, waits for the kill and the cleanup', () => {
    const c = cluster();
    c.apply(stress('hog', '7500M'));
    c.advance('15s');
    const lines = c.run('ssh worker-1 journalctl -u kubelet').split('\n').filter((l) => l.includes('eviction_manager.go'));
    expect(lines.map((l) => l.replace(/^.*?: [IWE]\d{4} (\d\d:\d\d:\d\d)\.\d+ +\d+ (\S+)\] /, '$1 $2 '))).toEqual([
      '00:00:00 eviction_manager.go:189 "Eviction manager: starting control loop"',
      '00:00:10 eviction_manager.go:376 "Eviction manager: attempting to reclaim" resourceName="memory"',
      '00:00:10 eviction_manager.go:394 "Eviction manager: must evict pod(s) to reclaim" resourceName="memory"',
      '00:00:10 eviction_manager.go:412 "Eviction manager: pods ranked for eviction" pods=["default/hog"]',
      '00:00:12 eviction_manager.go:627 "Eviction manager: pod is evicted successfully" pod="default/hog"',
      '00:00:12 eviction_manager.go:208 "Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["default/hog"]',
      '00:00:13 eviction_manager.go:463 "Eviction manager: pods successfully cleaned up" pods=["default/hog"]',
    ]);
  });
});

const kubeletConfig = (body: string): KObject => ({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', ...JSON.parse(body) } as KObject);
const capacity = { cpu: '4', memory: '8148440Ki', pods: '110', 'ephemeral-storage': '102626232Ki' };

describe('node allocatable', () => {
  const table: { name: string; given: KObject[]; want: Record<string, string> }[] = [
    { name: 'defaults: memory.available 100Mi and nodefs.available 10% are held back', given: [], want: { cpu: '4', memory: '8046040Ki', 'ephemeral-storage': '94580335412', pods: '110' } },
    {
      name: 'kubeReserved and systemReserved come off too',
      given: [kubeletConfig('{"kubeReserved": {"cpu": "100m", "memory": "256Mi"}, "systemReserved": {"cpu": "100m", "memory": "128Mi", "ephemeral-storage": "1Gi"}}')],
      want: { cpu: '3800m', memory: '7652824Ki', 'ephemeral-storage': '93506593588', pods: '110' },
    },
    { name: 'a configured evictionHard replaces the defaults (kind: nodefs 0%)', given: [kubeletConfig('{"evictionHard": {"memory.available": "200Mi", "nodefs.available": "0%"}}')], want: { cpu: '4', memory: '7943640Ki', 'ephemeral-storage': '102626232Ki', pods: '110' } },
  ];
  for (const t of table) it(t.name, () => expect(nodeAllocatable(capacity, t.given.length ? readSettings(t.given) : defaultSettings())).toEqual(t.want));

  it('parses thresholds: quantities and percentages; "0%" disables a signal', () => {
    expect(parseThresholds({ 'memory.available': '100Mi', 'nodefs.available': '10%', 'imagefs.available': '0%', 'bogus.signal': '1' })).toEqual([
      { signal: 'memory.available', quantity: 100 * 2 ** 20 },
      { signal: 'nodefs.available', percentage: 0.1 },
    ]);
  });

  it('kubectl describe node shows the allocatable from KubeletConfiguration', () => {
    const c = cluster();
    c.apply('apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nkubeReserved: {cpu: 200m, memory: 512Mi}\n');
    expect(c.run('kubectl describe node worker-1')).toMatch(/Allocatable:\n\s+cpu:\s+3800m\n\s+ephemeral-storage:\s+94580335412\n[\s\S]*?memory:\s+7521752Ki\n/);
  });
});

describe('filling a disk from a container', () => {
  const table: { name: string; given: string; want: string }[] = [
    { name: 'GNU dd reports records and throughput on stderr', given: 'kubectl exec deb -- dd if=/dev/zero of=/tmp/f bs=1M count=1024', want: '1024+0 records in\n1024+0 records out\n1073741824 bytes (1.1 GB, 1.0 GiB) copied, 1 s, 1.1 GB/s\n' },
    { name: 'busybox dd words it its own way', given: 'kubectl exec bb -- dd if=/dev/zero of=/tmp/f bs=1M count=1024', want: '1024+0 records in\n1024+0 records out\n1073741824 bytes (1.0GB) copied, 1.000000 seconds, 1.0GB/s\n' },
    { name: 'fallocate is silent', given: 'kubectl exec bb -- fallocate -l 1G /tmp/g', want: '' },
  ];
  const c = cluster();
  c.apply(podYaml('deb', 'containers:\n- {name: app, image: ubuntu:24.04, command: [sleep, "3600"]}') + '---\n' + podYaml('bb', 'containers:\n- {name: app, image: busybox:1.36, command: [sleep, "3600"]}'));
  c.advance('20s');
  for (const t of table) it(t.name, () => expect(c.run(t.given).replace(/^\[stderr\]\n/, '')).toBe(t.want));
});

// One source for the node's memory: metrics-server scrapes the kubelet's Summary API, the same
// stats the eviction manager observes (eviction/helpers.go makeSignalObservations:
// memory.available = capacity - node working set); kubectl top node prints it in Mi
// (pkg/cmd/top TopCmdPrinter) over allocatable.
describe('kubectl top node reads the kubelet\'s own node stats', () => {
  const usedMi = (c: TestCluster) => {
    const obs = c.sim.kubelets.get('worker-1')!.eviction.observe()['memory.available']!;
    return Math.trunc((obs.capacity - obs.available) / 2 ** 20);
  };
  const idle = cluster();
  idle.advance('8s');
  const table: { name: string; given: string; want: { overIdleMi: number } }[] = [
    { name: 'an idle worker: the system\'s own use and the DaemonSet pods', given: '', want: { overIdleMi: 0 } },
    // stress's --vm-bytes suffixes are binary (2000M = 2000 MiB), plus the process's own ~1 MiB.
    { name: 'a worker with a 2000M hog', given: stress('hog', '2000M'), want: { overIdleMi: 2001 } },
  ];
  for (const t of table)
    it(t.name, () => {
      const c = cluster();
      if (t.given) c.apply(t.given);
      c.advance('8s');
      const row = c.run('kubectl top node worker-1').split('\n')[1]!.split(/\s+/);
      expect(row[3]).toBe(`${usedMi(c)}Mi`);
      expect(usedMi(c) - usedMi(idle)).toBeGreaterThanOrEqual(t.want.overIdleMi - 1);
      expect(usedMi(c) - usedMi(idle)).toBeLessThanOrEqual(t.want.overIdleMi + 1);
    });
});
