// The kernel model is fed chain by chain (plan.ts load: fixed chains gathered once and kept
// while no port's entry rules change, own chains handed over whole); the restore text is
// rendered apart. Both must leave the same tables: after every sync of a sequence, the model
// equals a second model that was given only the text (applyRestore), as iptables-restore is.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../../core/api/types.ts';
import { JUMP_RULES, jumpRuleArgs, KUBE_PROXY_CANARY } from '../../../core/proxy/iptables/chains.ts';
import { NetfilterState } from '../../../core/proxy/iptables/netfilter.ts';
import { IptablesProxier, type ProxierConfig } from '../../../core/proxy/iptables/proxier.ts';
import { applyRestore } from '../../../core/proxy/iptables/restore.ts';
import { iptablesSave } from '../../../core/proxy/iptables/save.ts';
import type { Table } from '../../../core/proxy/types.ts';

const cfg: ProxierConfig = { nodeName: 'node-a', nodeIPs: ['192.168.0.2'], clusterCIDR: '10.0.0.0/8', largeClusterEndpointsThreshold: 4 };
const svc = (name: string, spec: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'ns', name },
  spec: { type: 'ClusterIP', clusterIP: `172.30.0.${name.length * 10 + name.charCodeAt(0) % 10}`, ports: [{ name: 'p', port: 80, protocol: 'TCP' }], ...spec },
});
const slice = (name: string, ips: string[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { namespace: 'ns', name: `${name}-1`, labels: { 'kubernetes.io/service-name': name } },
  endpoints: ips.map((ip, i) => ({ addresses: [ip], nodeName: i ? 'node-b' : 'node-a' })), ports: [{ name: 'p', port: 8080, protocol: 'TCP' }],
});
const a = svc('a'), b = svc('bb', { type: 'NodePort', ports: [{ name: 'p', port: 80, nodePort: 30080, protocol: 'TCP' }] }), c = svc('ccc', { sessionAffinity: 'ClientIP' });

const steps: { name: string; given: { services: Service[]; slices: EndpointSlice[]; full?: boolean } }[] = [
  { name: 'full sync of three services', given: { services: [a, b, c], slices: [slice('a', ['10.0.1.1']), slice('bb', ['10.0.2.1', '10.0.2.2'])] } },
  { name: 'endpoints move (entry rules unchanged)', given: { services: [a, b, c], slices: [slice('a', ['10.0.1.9']), slice('bb', ['10.0.2.1', '10.0.2.2'])] } },
  { name: 'endpoints appear for a REJECTed service', given: { services: [a, b, c], slices: [slice('a', ['10.0.1.9']), slice('bb', ['10.0.2.1', '10.0.2.2']), slice('ccc', ['10.0.3.1'])] } },
  { name: 'over the large-cluster threshold', given: { services: [a, b, c], slices: [slice('a', ['10.0.1.9', '10.0.1.8']), slice('bb', ['10.0.2.1', '10.0.2.2']), slice('ccc', ['10.0.3.1'])] } },
  { name: 'a service deleted, one loses its endpoints', given: { services: [a, c], slices: [slice('a', []), slice('ccc', ['10.0.3.1', '10.0.3.2', '10.0.3.3'])] } },
  { name: 'no change', given: { services: [a, c], slices: [slice('a', []), slice('ccc', ['10.0.3.1', '10.0.3.2', '10.0.3.3'])] } },
  { name: 'forced full sync', given: { services: [a, c], slices: [slice('a', ['10.0.1.1']), slice('ccc', ['10.0.3.1'])], full: true } },
];

function ensureJumps(k: NetfilterState): void {
  for (const j of JUMP_RULES) {
    k.ensureChain(j.table, j.dst);
    k.ensureRule(j.table, j.src, jumpRuleArgs(j), true);
  }
}

describe('kernel model fed chain by chain = iptables-restore of the text', () => {
  const proxier = new IptablesProxier(cfg);
  const byText = new NetfilterState();
  for (const t of ['mangle', 'nat', 'filter'] as Table[]) byText.ensureChain(t, KUBE_PROXY_CANARY);
  it.each(steps)('$name', ({ given }) => {
    const r = proxier.sync(given.services, given.slices, { full: given.full });
    expect(r.error).toBeUndefined();
    if (r.full) ensureJumps(byText);
    applyRestore(byText, r.restore);
    expect(iptablesSave(proxier.kernel)).toBe(iptablesSave(byText));
  });
});
