// kube-proxy iptables mode at scale: 10,000 Services x 5 endpoints.
//   npx tsx bench/proxy.bench.ts [SERVICES] [ENDPOINTS]   -> one JSON line on stdout
// Measures: the first (full) sync, the node's full iptables-save text from the kernel model,
// and a partial sync after one Service's endpoints change (and the restore texts, rendered apart).
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
const time = <T>(f: () => T): [T, number] => { const t = performance.now(); const r = f(); return [r, performance.now() - t]; };

const [full, fullSyncMs] = time(() => proxier.sync(services, slices, { now: 0 }));
// The restore text is rendered when first read (the kernel model is fed without it).
const [fullRestore, fullRestoreMs] = time(() => full.restore);
const [save, saveMs] = time(() => iptablesSave(proxier.kernel));
// One Service changes: its endpoints move by one address.
const changed = slices.map((x, i) => (i === 4242 % nServices ? slice(i, 1) : x));
const [partial, partialSyncMs] = time(() => proxier.sync(services, changed, { now: 1000 }));
const [partialRestore, partialRestoreMs] = time(() => partial.restore);
const [, saveAfterMs] = time(() => iptablesSave(proxier.kernel));

process.stdout.write(JSON.stringify({
  services: nServices, endpointsPerService: nEndpoints,
  fullSyncMs: Math.round(fullSyncMs), fullRestoreTextMs: Math.round(fullRestoreMs), fullRestoreBytes: fullRestore.length,
  iptablesSaveMs: Math.round(saveMs), iptablesSaveBytes: save.length, iptablesSaveLines: save.split('\n').length - 1,
  incrementalSyncMs: +partialSyncMs.toFixed(1), incrementalRestoreTextMs: +partialRestoreMs.toFixed(1),
  incrementalFull: partial.full, incrementalRestoreBytes: partialRestore.length,
  iptablesSaveAfterChangeMs: +saveAfterMs.toFixed(1),
}) + '\n');
