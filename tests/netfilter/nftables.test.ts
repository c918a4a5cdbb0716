// kube-proxy's nftables mode in the real kernel: the transaction our proxier sends
// (transactionText, what kube-proxy feeds `nft -f`) is loaded with the real nft in a
// network namespace, and the real `nft list table ip kube-proxy` must be exactly what our
// node prints for it (listText); then real connections take the nft rules: ClusterIP and
// NodePort DNAT to the endpoints (masqueraded from off the node), UDP, affinity, and a
// Service without endpoints refused. Skips loudly without root / ip netns / nft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../core/api/types.ts';
import { NftablesProxier, type NftConfig } from '../../core/proxy/nftables/proxier.ts';
import { listText, transactionText } from '../../core/proxy/nftables/ruleset.ts';
import { Lab, run, skipReason, sweep } from './netns.ts';
import { services, slices } from './scenario.ts';

const NFT = '/usr/sbin/nft';
const reason = skipReason('netfilter tests (kube-proxy nftables mode)', [NFT]);

// The lab: node 192.168.50.1, client 192.168.50.2, pod i at 10.244.i.2 (TCP 8080, UDP 5353).
const lab0: NftConfig = { nodeName: 'node', nodeIPs: ['192.168.50.1'], clusterCIDR: '10.244.0.0/16', serviceCIDRs: ['10.96.0.0/16'] };

const svc = (name: string, spec: Partial<Service['spec']>, lbIP?: string): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'shop', name }, spec: { type: 'ClusterIP', ...spec },
  ...(lbIP ? { status: { loadBalancer: { ingress: [{ ip: lbIP }] } } } : {}),
});
/** Endpoints: [IP, node, ready]. */
const slice = (name: string, eps: [string, string, boolean][], ports: { name: string; port: number; protocol: 'TCP' | 'UDP' }[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { namespace: 'shop', name: `${name}-a`, labels: { 'kubernetes.io/service-name': name } },
  endpoints: eps.map(([ip, nodeName, ready]) => ({ addresses: [ip], nodeName, conditions: { ready } })), ports,
});

const shapes: { name: string; given: { cfg: NftConfig; services: Service[]; slices: EndpointSlice[] } }[] = [
  { name: 'NodePort + externalIP, no endpoints, UDP, ClientIP affinity (the lab scenario)', given: { cfg: lab0, services, slices } },
  {
    name: 'LoadBalancer (ETP Local, source ranges, two protocols), ITP Local with external IPs, NodePort without endpoints, affinity with a non-ready endpoint; two service CIDRs, mark 0x8000',
    given: {
      cfg: { ...lab0, serviceCIDRs: ['10.96.0.0/16', '10.97.0.0/16'], masqueradeMark: '0x8000' },
      services: [
        svc('lb', {
          type: 'LoadBalancer', clusterIP: '10.96.1.10', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000,
          loadBalancerSourceRanges: ['203.0.113.0/24', '192.168.50.0/24'],
          ports: [{ name: 'https', port: 443, nodePort: 31443, protocol: 'TCP' }, { name: 'dns', port: 53, nodePort: 31053, protocol: 'UDP' }],
        }, '198.51.100.7'),
        svc('itp', { clusterIP: '10.96.1.20', internalTrafficPolicy: 'Local', externalIPs: ['192.168.60.20', '192.168.60.3'], ports: [{ port: 8000, protocol: 'TCP' }] }),
        svc('np-empty', { type: 'NodePort', clusterIP: '10.96.1.30', ports: [{ name: 'web', port: 80, nodePort: 30999, protocol: 'TCP' }] }),
        svc('three', { clusterIP: '10.96.1.40', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } }, ports: [{ name: 'p', port: 9000, protocol: 'TCP' }] }),
      ],
      slices: [
        slice('lb', [['10.244.1.5', 'node', true], ['10.244.2.5', 'other', true]], [{ name: 'https', port: 8443, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }]),
        slice('itp', [['10.244.2.9', 'other', true]], [{ name: '', port: 8000, protocol: 'TCP' }]),
        slice('three', [['10.244.1.7', 'node', true], ['10.244.2.7', 'other', true], ['10.244.3.7', 'other', true], ['10.244.3.8', 'other', false]], [{ name: 'p', port: 9090, protocol: 'TCP' }]),
      ],
    },
  },
  { name: 'no Services at all', given: { cfg: lab0, services: [], slices: [] } },
];

describe.skipIf(!!reason)('kube-proxy nftables mode in the real kernel', () => {
  const table = new Lab('n');
  const lab = new Lab('o');
  const pod = (i: number) => `${lab.pods[i - 1]}`;

  beforeAll(() => {
    sweep();
    table.setupNode();
    lab.setup(2);
    lab.startServers();
    run(lab.node, [NFT, '-f', '-'], transactionText(new NftablesProxier(lab0).sync(services, slices)));
  }, 30_000);
  afterAll(() => {
    table.teardown();
    lab.teardown();
  });

  it.each(shapes)('nft -f loads it; `nft list table ip kube-proxy` prints what our node prints: $name', ({ given }) => {
    const t = new NftablesProxier(given.cfg).sync(given.services, given.slices);
    run(table.node, [NFT, 'flush', 'ruleset']);
    run(table.node, [NFT, '-f', '-'], transactionText(t));
    expect(listText(t)).toBe(run(table.node, [NFT, 'list', 'table', 'ip', 'kube-proxy']));
  });

  it('ClusterIP and NodePort reach both endpoints; an off-node client is masqueraded', () => {
    for (const [host, port] of [['10.96.0.10', 80], ['192.168.50.1', 30080], ['192.168.60.10', 80]] as const) {
      const counts = lab.replies('tcp', host, port, 60);
      const pods = [...new Set(Object.keys(counts).map((k) => k.split(' ')[0]))].sort();
      expect(pods, `${host}:${port} ${JSON.stringify(counts)}`).toEqual([pod(1), pod(2)]);
      // Each reply names the source the pod saw: the node's address on the pod's link.
      for (const k of Object.keys(counts)) expect(k).toMatch(/ 10\.244\.[12]\.1$/);
    }
  }, 60_000);

  it('UDP reaches its single endpoint; ClientIP affinity sticks to one pod; no endpoints: refused from a pod', () => {
    expect(lab.traffic('udp', '10.96.0.30', 53, 20)).toEqual({ [pod(1)]: 20 });
    expect(Object.keys(lab.traffic('tcp', '10.96.0.40', 80, 40))).toHaveLength(1);
    expect(lab.replies('tcp', '10.96.0.20', 80, 2, pod(2))).toEqual({ 'ERR ECONNREFUSED': 2 });
  }, 60_000);
});
