// Loads tests/golden/kube-proxy/<case>/input.yaml into proxier inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { EndpointSlice, KObject, Service } from '../../../core/api/types.ts';
import type { ProxierConfig } from '../../../core/proxy/iptables/proxier.ts';

export const GOLDEN = join(import.meta.dirname, '../../golden/kube-proxy');

/* eslint-disable @typescript-eslint/no-explicit-any -- free-form YAML */
export type CaseInput = any;

export const readCase = (name: string): CaseInput => parse(readFileSync(join(GOLDEN, name, 'input.yaml'), 'utf8'));
export const readText = (name: string, file: string): string => readFileSync(join(GOLDEN, name, file), 'utf8');

/** The fake node's interfaces in NewFakeProxier (used only with nodePortAddresses). */
const FAKE_INTERFACES = ['127.0.0.1', '::1', '192.168.0.2', '192.168.1.2', '192.168.99.11', '2001:db8::1', '2001:db8:1::2'];

export function configOf(p: CaseInput, variant: CaseInput = {}): ProxierConfig {
  const v = { ...p, ...variant };
  const family = v.family ?? v.ipFamily ?? 'IPv4';
  const podCIDR: string = v.localDetector?.podCIDR ?? '10.0.0.0/8';
  const cidr = family === 'IPv6' ? (/IPv6: ([^)]+)\)/.exec(podCIDR)?.[1] ?? 'fd00:10::/64') : podCIDR.split(' ')[0]!;
  const counters = v.nfacctCounters ?? {};
  return {
    nodeName: v.nodeName ?? 'test-node',
    nodeIPs: [v.nodeIP ?? (family === 'IPv6' ? '2001:db8::1' : '192.168.0.2')],
    ipFamily: family,
    localDetector: { mode: 'ClusterCIDR', cidr },
    masqueradeMark: String(v.masqueradeMark ?? '0x4000'),
    masqueradeAll: !!v.masqueradeAll,
    localhostNodePorts: v.localhostNodePorts ?? true,
    nodePortAddresses: v.nodePortAddresses ?? [],
    nfacct: { ctStateInvalidDropped: !!counters.ct_state_invalid_dropped_pkts, localhostNodePortsAccepted: !!counters.localhost_nps_accepted_pkts },
    conntrackTCPLiberal: !!v.conntrackTCPLiberal,
    hasRandomFully: !!v.hasRandomFully,
    largeClusterEndpointsThreshold: v.largeClusterEndpointsThreshold ?? 1000,
    interfaceAddresses: FAKE_INTERFACES,
  };
}

export function objectsOf(objs: KObject[] = []): { services: Service[]; slices: EndpointSlice[] } {
  return {
    services: objs.filter((o): o is Service => o.kind === 'Service'),
    slices: objs.filter((o): o is EndpointSlice => o.kind === 'EndpointSlice'),
  };
}
