// kube-proxy iptables mode at scale: 10,000 Services x 5 endpoints.
//   npx tsx bench/proxy.bench.ts [SERVICES] [ENDPOINTS]   -> one JSON line on stdout
// Measures: the first (full) sync, the node's full iptables-save text from the kernel model,
// and a partial sync after one Service's endpoints change (and the restore texts, rendered apart);
// then the median of 20 further one-Service changes.
import type { EndpointSlice, Service } from '../core/api/types.ts';
import { IptablesProxier } from '../core/proxy/iptables/proxier.ts';
import { iptablesSave } from '../core/proxy/iptables/save.ts';

const [nServices = 10_000, nEndpoints = 5] = process.argv.slice(2).map(Number);

const ip = (base: number, i: number) => `${base}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const services: Service[] = [];
const slices: EndpointSlice[] = [];
for (let s = 0; s < nServices; s++) {
  services.push({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'bench', name: `svc-${s}` },
    spec: { type: 'ClusterIP', clusterIP: ip(10, 0x600000 + s), ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } });
  slices.push(slice(s, 0));
}
function slice(s: number, gen: number): EndpointSlice {
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { namespace: 'bench', name: `svc-${s}-abc`, labels: { 'kubernetes.io/service-name': `svc-${s}` } },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: nEndpoints }, (_, e) => ({ addresses: [ip(100, (s * nEndpoints + e + gen) % 0xffffff)], nodeName: `node-${e}` })) };
}

const proxier = new IptablesProxier({ nodeName: 'node-0', nodeIPs: ['192.168.0.2'], clusterCIDR: '100.0.0.0/8' });
// Wall time, and CPU time (process.cpuUsage: all threads, so GC helpers count) which is
// steadier on a shared machine.
const cpu: Record<string, number> = {};
const time = <T>(f: () => T, name?: string): [T, number] => {
  const c = process.cpuUsage(), t = performance.now();
  const r = f();
  const d = process.cpuUsage(c);
  if (name) cpu[name] = Math.round((d.user + d.system) / 1000);
  return [r, performance.now() - t];
};

const [full, fullSyncMs] = time(() => proxier.sync(services, slices, { now: 0 }), 'fullSync');
// The restore text is rendered when first read (the kernel model is fed without it).
const [fullRestore, fullRestoreMs] = time(() => full.restore, 'fullRestoreText');
const [save, saveMs] = time(() => iptablesSave(proxier.kernel), 'iptablesSave');
// One Service changes: its endpoints move by one address.
const changed = slices.map((x, i) => (i === 4242 % nServices ? slice(i, 1) : x));
const [partial, partialSyncMs] = time(() => proxier.sync(services, changed, { now: 1000 }), 'incrementalSync');
const [partialRestore, partialRestoreMs] = time(() => partial.restore, 'incrementalRestoreText');
const [, saveAfterMs] = time(() => iptablesSave(proxier.kernel), 'iptablesSaveAfterChange');
// Steady state: 20 more one-Service changes, each followed by iptables-save; medians.
const later: number[] = [], laterSave: number[] = [];
let current = changed;
for (let k = 1; k <= 20; k++) {
  const i = (k * 977) % nServices;
  current = current.map((x, j) => (j === i ? slice(j, k + 1) : x));
  later.push(time(() => proxier.sync(services, current, { now: 1000 + k }))[1]);
  laterSave.push(time(() => iptablesSave(proxier.kernel))[1]);
}
const median = (a: number[]) => +[...a].sort((x, y) => x - y)[a.length >> 1]!.toFixed(1);

process.stdout.write(JSON.stringify({
  services: nServices, endpointsPerService: nEndpoints,
  fullSyncMs: Math.round(fullSyncMs), fullRestoreTextMs: Math.round(fullRestoreMs), fullRestoreBytes: fullRestore.length,
  iptablesSaveMs: Math.round(saveMs), iptablesSaveBytes: save.length, iptablesSaveLines: save.split('\n').length - 1,
  incrementalSyncMs: +partialSyncMs.toFixed(1), incrementalRestoreTextMs: +partialRestoreMs.toFixed(1),
  incrementalFull: partial.full, incrementalRestoreBytes: partialRestore.length,
  iptablesSaveAfterChangeMs: +saveAfterMs.toFixed(1),
  incrementalSyncMedianMs: median(later), iptablesSaveAfterChangeMedianMs: median(laterSave), cpuMs: cpu,
}) + '\n');
