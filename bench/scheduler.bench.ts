// Scheduler throughput alone, beside kube-scheduler's scheduler_perf: N nodes in an API
// server with no kubelets or controllers, then pods created unscheduled and the scheduler
// pumped until idle. Counts the CPU time of Scheduler.sync only (filter, score, bind, the
// bind's write and its watch events), per workload:
//   basic      plain pods with small requests (scheduler_perf's SchedulingBasic)
//   daemonset  pods pinned to one node each by a metadata.name matchFields term, as the
//              DaemonSet controller writes them (SchedulingDaemonset)
//   unschedulable  pods no node fits, each cycle examining every node (kept decisions' size)
//   npx tsx bench/scheduler.bench.ts [NODES...]   → one JSON line on stdout

import { ObjectStore } from '../core/api/store.ts';
import { ApiServer } from '../core/api/apiserver.ts';
import { EventRecorder } from '../core/api/events.ts';
import { SimClock } from '../core/api/clock.ts';
import { Rng } from '../core/api/rng.ts';
import { defaultSettings } from '../core/cluster/settings.ts';
import { Scheduler } from '../core/scheduler/scheduler.ts';
import type { KObject, Node, Pod } from '../core/api/types.ts';

const scales = process.argv.slice(2).map(Number).filter(Boolean);
const NODES = scales.length ? scales : [100, 1000, 5000];
const BASIC_PODS = 2000;
const DAEMON_PODS = 1000;
const UNSCHEDULABLE_PODS = 200;

function node(i: number): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    spec: {},
    status: { capacity: { cpu: '32', memory: '128Gi', pods: '110' }, allocatable: { cpu: '32', memory: '128Gi', pods: '110', 'ephemeral-storage': '100Gi' } },
  } as Node;
}

function pod(name: string, cpu: string, pinned?: string): KObject {
  const affinity = pinned ? { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pinned] }] }] } } } : undefined;
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: name.replace(/-\d+$/, '') } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu, memory: '16Mi' } } }], ...(affinity ? { affinity } : {}) },
  } as KObject;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function run(nodes: number) {
  const store = new ObjectStore();
  const clock = new SimClock();
  const rng = new Rng(1);
  const api = new ApiServer(store, clock, rng);
  const ctx = { api, clock, rng, events: new EventRecorder(store, clock), settings: defaultSettings() };
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KObject);
  for (let i = 0; i < nodes; i++) api.create(node(i));
  const scheduler = new Scheduler(ctx);
  const measure = (make: (i: number) => KObject, count: number) => {
    for (let i = 0; i < count; i++) api.create(make(i));
    const c0 = process.cpuUsage();
    while (scheduler.sync());
    const ms = cpuMs(process.cpuUsage(c0));
    return { pods: count, cpuMs: Math.round(ms), podsPerSecond: Math.round(count / (ms / 1000)) };
  };
  const basic = measure((i) => pod(`basic-${i}`, '10m'), BASIC_PODS);
  const daemonset = measure((i) => pod(`ds-${i}`, '10m', `node-${Math.floor((i * nodes) / DAEMON_PODS) % nodes}`), Math.min(DAEMON_PODS, nodes));
  const bound = store.list<Pod>('Pod').filter((p) => p.spec.nodeName).length;
  const unschedulable = measure((i) => pod(`huge-${i}`, '64'), UNSCHEDULABLE_PODS);
  // What the kept decisions of the failed pods weigh (typed arrays live outside the JS heap): with them, then without.
  const heap = () => (global.gc?.(), process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
  const withDecisions = heap();
  for (let i = 0; i < UNSCHEDULABLE_PODS; i++) scheduler.decisions.delete(`default/huge-${i}`);
  const keptKB = (withDecisions - heap()) / 1024 / UNSCHEDULABLE_PODS;
  return { nodes, bound, basic, daemonset, unschedulable: { ...unschedulable, ...(global.gc ? { kbPerKeptDecision: Math.round(keptKB * 10) / 10 } : {}) } };
}

console.log(JSON.stringify({ scales: NODES.map(run) }));
