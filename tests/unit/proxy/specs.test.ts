// The field-only rule specs (core/proxy/iptables/specs.ts) render both texts themselves; here
// every rule the proxier writes for the conformance inputs, the kernel-test scenario and an
// IPv6 / affinity / large-cluster mix must print exactly what the general path prints:
// canonicalRule() (checked against the real iptables-save) and kube-proxy's word quoting.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../../core/api/types.ts';
import { canonicalRule } from '../../../core/proxy/iptables/canonical.ts';
import { RuleSpec } from '../../../core/proxy/iptables/netfilter.ts';
import { IptablesProxier, type ProxierConfig } from '../../../core/proxy/iptables/proxier.ts';
import { config, services as kernelServices, slices as kernelSlices } from '../../netfilter/scenario.ts';
import { configOf, objectsOf, readCase } from './cases.ts';

const svc = (name: string, ip: string, spec: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'ns', name },
  spec: { type: 'ClusterIP', clusterIP: ip, ports: [{ name: 'p', port: 80, protocol: 'TCP' }], ...spec },
});
const slice = (name: string, family: 'IPv4' | 'IPv6', ips: string[], protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP'): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: family,
  metadata: { namespace: 'ns', name: `${name}-1`, labels: { 'kubernetes.io/service-name': name } },
  endpoints: ips.map((ip) => ({ addresses: [ip], nodeName: 'n' })), ports: [{ name: 'p', port: 8080, protocol }],
});

function check(cfg: ProxierConfig, services: Service[], slices: EndpointSlice[], v6 = false): number {
  const p = new IptablesProxier(cfg);
  p.sync(services, slices);
  let n = 0;
  for (const t of p.kernel.tables.values()) {
    for (const c of t.chains.values()) {
      for (const r of c.rules) {
        expect(r.save(v6), r.line).toBe(canonicalRule(c.name, r.words, v6));
        expect(RuleSpec.of(c.name, r.words).line).toBe(r.line);
        n++;
      }
    }
  }
  return n;
}

describe('field-only rule specs print what the general path prints', () => {
  it('conformance inputs (01, 02, 03-11)', () => {
    for (const name of ['01-overall', '02-bad-ips', '04-repeated-2-add-service', '09-repeated-7-second-endpoint']) {
      const c = readCase(name);
      const { services, slices } = objectsOf(c.objects);
      expect(check(configOf(c.proxier), services, slices)).toBeGreaterThan(20);
    }
  });
  it('kernel-test scenario (affinity, UDP, NodePort, externalIP)', () => {
    expect(check(config, kernelServices, kernelSlices)).toBeGreaterThan(20);
  });
  it('IPv6, SCTP, affinity, large-cluster mode', () => {
    const cfg: ProxierConfig = { nodeName: 'n', nodeIPs: ['2001:db8::1'], ipFamily: 'IPv6', clusterCIDR: 'fd00::/64' };
    const services = [svc('a', 'fd00:10::a', { sessionAffinity: 'ClientIP' }), svc('b', 'fd00:10::b', { ports: [{ name: 'p', port: 80, protocol: 'SCTP' }] })];
    const slices = [slice('a', 'IPv6', ['fd00::1', 'fd00::2']), slice('b', 'IPv6', ['fd00::3'], 'SCTP')];
    expect(check(cfg, services, slices, true)).toBeGreaterThan(10);
    const large = [svc('c', '10.96.0.3', { sessionAffinity: 'ClientIP' })];
    expect(check({ nodeName: 'n', nodeIPs: ['10.0.0.1'], largeClusterEndpointsThreshold: 1 }, large, [slice('c', 'IPv4', ['10.1.0.1', '10.1.0.2', '10.1.0.3'])])).toBeGreaterThan(10);
  });
});
