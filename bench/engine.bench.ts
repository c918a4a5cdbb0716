// Engine scale: time and peak heap to reach steady state for N nodes / P pods / S Services,
// scheduling throughput, and the cost of one small edit afterwards.
//   npx tsx bench/engine.bench.ts NODES PODS SERVICES   → one JSON line on stdout

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Simulation } from '../core/simulation.ts';
import { Scheduler } from '../core/scheduler/scheduler.ts';
import type { WorkspaceFile } from '../core/protocol.ts';

const [nodes = 100, pods = 3000, services = 100] = process.argv.slice(2).map(Number);

function workspace(n: number, p: number, s: number): WorkspaceFile[] {
  // kubeadm's default podSubnet (/16) holds 256 node /24s; a 5,000-node cluster is configured with a /9, as big clusters are.
  const files: WorkspaceFile[] = [{ path: 'cluster.yaml', content: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.128.0.0/9\n' }];
  const chunk = (prefix: string, docs: string[]) => {
    for (let i = 0; i < docs.length; i += 2000) files.push({ path: `${prefix}-${String(i / 2000).padStart(4, '0')}.yaml`, content: docs.slice(i, i + 2000).join('---\n') });
  };
  chunk('nodes', Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels: {topology.kubernetes.io/zone: zone-${i % 3}}\nstatus:\n  capacity: {cpu: "32", memory: 128Gi, pods: "110"}\n`));
  const perDeploy = Math.max(1, Math.round(p / s));
  chunk('apps', Array.from({ length: s }, (_, i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${i}}\nspec:\n  replicas: ${perDeploy}\n  selector: {matchLabels: {app: app-${i}}}\n  template:\n    metadata: {labels: {app: app-${i}}}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n        resources: {requests: {cpu: 10m, memory: 16Mi}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: app-${i}}\nspec:\n  selector: {app: app-${i}}\n  ports: [{port: 80}]\n`));
  return files;
}

const files = workspace(nodes, pods, services);
// The scheduler's own time (filter, score, bind and what the bind's write sets off), for its
// throughput beside the end-to-end one; every scheduler the simulation builds runs this sync.
// The run is one synchronous call, so a timer never fires during it: the heap is sampled
// every few hundred scheduler rounds instead (and before and after).
let schedulerMs = 0;
let rounds = 0;
const sync = Scheduler.prototype.sync;
Scheduler.prototype.sync = function (this: Scheduler) {
  const t = performance.now();
  const busy = sync.call(this);
  schedulerMs += performance.now() - t;
  if (++rounds % 256 === 0) sample();
  return busy;
};
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
// What the settled cluster keeps (after a full collection), apart from what the process held before it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const live = () => (gc(), process.memoryUsage().heapUsed);
const live0 = live();
sample();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const sim = new Simulation({ seed: 1 });
const errors = sim.applyWorkspace(files);
const tApplied = performance.now();
sim.settle();
const tSettled = performance.now();
const cpu1 = process.cpuUsage(cpu0);
const schedulerSettledMs = schedulerMs;
sample();
const running = sim.pods().filter((p) => p.status?.phase === 'Running').length;
const scheduled = sim.pods().filter((p) => p.spec.nodeName).length;
const decisionsMs = sim.scheduler.decisions.size;
const settledHeap = live() - live0;

// One small edit: one more replica for one Deployment, then settle.
const edited = files.map((f) => (f.path === 'apps-0000.yaml' ? { ...f, content: f.content.replace(/replicas: (\d+)/, (_, n) => `replicas: ${Number(n) + 1}`) } : f));
const tEdit0 = performance.now();
sim.applyWorkspace(edited);
sim.settle();
const tEdit1 = performance.now();
sample();

console.log(JSON.stringify({
  nodes, pods: sim.pods().length, services, errors: errors.length, running, scheduled, decisions: decisionsMs,
  cpuMs: Math.round((cpu1.user + cpu1.system) / 1000), applyMs: Math.round(tApplied - t0), settleMs: Math.round(tSettled - tApplied), totalMs: Math.round(tSettled - t0),
  podsPerSecond: Math.round(scheduled / ((tSettled - t0) / 1000)), schedulerMs: Math.round(schedulerSettledMs),
  schedulerPodsPerSecond: Math.round(scheduled / (schedulerSettledMs / 1000)), peakHeapMB: Math.round(peak / 1048576),
  settledHeapMB: Math.round(settledHeap / 1048576), settledBytesPerPod: Math.round(settledHeap / sim.pods().length),
  smallEditMs: Math.round(tEdit1 - tEdit0), simulatedMs: sim.clock.now(),
}));
