// Service shapes beyond the literal upstream cases (REFERENCE.md §5-§8): traffic policies,
// terminating fallback, headless, protocols, masqueradeAll, nodePortAddresses.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../../core/api/types.ts';
import { IptablesProxier, type ProxierConfig } from '../../../core/proxy/iptables/proxier.ts';

const base: ProxierConfig = {
  nodeName: 'node-a', nodeIPs: ['192.168.0.2'], clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x4000',
  hasRandomFully: false, nfacct: { ctStateInvalidDropped: false, localhostNodePortsAccepted: false },
};
const svc = (spec: Partial<Service['spec']>, status?: Service['status']): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'ns', name: 'web' },
  spec: { type: 'ClusterIP', clusterIP: '172.30.0.10', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...spec }, status,
});
type Ep = { ip: string; node?: string; ready?: boolean; serving?: boolean; terminating?: boolean };
const slice = (eps: Ep[], ports: NonNullable<EndpointSlice['ports']> = [{ name: 'http', port: 8080, protocol: 'TCP' }]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { namespace: 'ns', name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } },
  endpoints: eps.map((e) => ({ addresses: [e.ip], nodeName: e.node, conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating } })),
  ports,
});
const rulesOf = (restore: string, chainPrefix: string) => restore.split('\n').filter((l) => l.startsWith(`-A ${chainPrefix}`));

describe('traffic policies and endpoint selection', () => {
  const table = [
    {
      name: 'eTP=Local with a local endpoint: EXT sends outside traffic to SVL (local only), SVC keeps all',
      given: { s: svc({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080 }] }), eps: [{ ip: '10.1.0.1', node: 'node-a' }, { ip: '10.1.0.2', node: 'node-b' }] },
      want: {
        'KUBE-EXT-': [/pod traffic .* -s 10\.0\.0\.0\/8 -j KUBE-SVC-/, /masquerade LOCAL/, /route LOCAL/, /^-A KUBE-EXT-\S+ -j KUBE-SVL-/],
        'KUBE-SVL-': [/ns\/web:http -> 10\.1\.0\.1:8080" -j KUBE-SEP-/],
        'KUBE-SVC-': [/cluster IP/, /-> 10\.1\.0\.1:8080" -m statistic --mode random --probability 0\.5000000000/, /-> 10\.1\.0\.2:8080" -j/],
      },
    },
    {
      name: 'iTP=Local with no local endpoint: ClusterIP DROP in filter',
      given: { s: svc({ internalTrafficPolicy: 'Local' }), eps: [{ ip: '10.1.0.2', node: 'node-b' }] },
      want: { 'KUBE-SERVICES': [/"ns\/web:http has no local endpoints" -m tcp -p tcp -d 172\.30\.0\.10 --dport 80 -j DROP/] },
    },
    {
      name: 'iTP=Local with a local endpoint: ClusterIP -> SVL, masquerade rule inside SVL',
      given: { s: svc({ internalTrafficPolicy: 'Local' }), eps: [{ ip: '10.1.0.1', node: 'node-a' }, { ip: '10.1.0.2', node: 'node-b' }] },
      want: { 'KUBE-SERVICES': [/cluster IP.* -j KUBE-SVL-/], 'KUBE-SVL-': [/! -s 10\.0\.0\.0\/8 -j KUBE-MARK-MASQ/, /-> 10\.1\.0\.1:8080" -j KUBE-SEP-/] },
    },
    {
      name: 'only serving+terminating endpoints: used as fallback',
      given: { s: svc({}), eps: [{ ip: '10.1.0.3', ready: false, serving: true, terminating: true }, { ip: '10.1.0.4', ready: false, serving: false, terminating: true }] },
      want: { 'KUBE-SVC-': [/-> 10\.1\.0\.3:8080" -j KUBE-SEP-/] },
    },
    {
      name: 'not ready and not serving: REJECT',
      given: { s: svc({}), eps: [{ ip: '10.1.0.4', ready: false, serving: false }] },
      want: { 'KUBE-SERVICES': [/has no endpoints.* -j REJECT/] },
    },
  ];
  for (const { name, given, want } of table) {
    it(name, () => {
      const got = new IptablesProxier(base).sync([given.s], [slice(given.eps)]);
      expect(got.error).toBeUndefined();
      for (const [prefix, patterns] of Object.entries(want)) {
        const lines = rulesOf(got.restore, prefix);
        for (const p of patterns) expect(lines.some((l) => p.test(l)), `${prefix} ${p}\n${lines.join('\n')}`).toBe(true);
      }
    });
  }
});

describe('service shapes', () => {
  it('headless and ExternalName services produce nothing', () => {
    const p = new IptablesProxier(base);
    const got = p.sync([svc({ clusterIP: 'None' }), svc({ type: 'ExternalName', clusterIP: '', externalName: 'x.example' })], [slice([{ ip: '10.1.0.1' }])]);
    expect(got.restore).not.toMatch(/ns\/web/);
  });
  it('UDP and SCTP ports get their own chains and match modules', () => {
    const s = svc({ ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'sig', port: 9, protocol: 'SCTP' }] });
    const got = new IptablesProxier(base).sync([s], [slice([{ ip: '10.1.0.1' }], [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'sig', port: 9, protocol: 'SCTP' }])]);
    expect(got.restore).toMatch(/-m udp -p udp -d 172\.30\.0\.10 --dport 53 -j KUBE-SVC-/);
    expect(got.restore).toMatch(/-m sctp -p sctp -j DNAT --to-destination 10\.1\.0\.1:9/);
  });
  it('masqueradeAll marks every ClusterIP packet, with the real %#08x mark by default', () => {
    const got = new IptablesProxier({ ...base, masqueradeAll: true, masqueradeMark: undefined }).sync([svc({})], [slice([{ ip: '10.1.0.1' }])]);
    expect(got.restore).toMatch(/-A KUBE-SVC-\S+ -m comment --comment "ns\/web:http cluster IP" -m tcp -p tcp -d 172\.30\.0\.10 --dport 80 -j KUBE-MARK-MASQ/);
    expect(got.restore).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000');
  });
  it('nodePortAddresses: one nodeports jump per matching node IP, no KUBE-FIREWALL', () => {
    const got = new IptablesProxier({ ...base, nodePortAddresses: ['192.168.0.0/24'] }).sync([], []);
    expect(got.restore).toContain('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.0.2 -j KUBE-NODEPORTS');
    expect(got.restore).not.toContain('KUBE-FIREWALL');
  });
  describe('nodePortAddresses: ["primary"] is the node IP of the family, as a /32 or /128 (cmd/kube-proxy/app/server.go)', () => {
    const table = [
      { name: 'IPv4: the same rules as 192.168.0.2/32', given: { cfg: { ...base, nodeIPs: ['192.168.0.2', 'fd00::2'] } }, want: ['192.168.0.2/32'] },
      { name: 'IPv6: the same rules as fd00::2/128', given: { cfg: { ...base, ipFamily: 'IPv6' as const, clusterCIDR: 'fd00:10::/64', nodeIPs: ['192.168.0.2', 'fd00::2'] } }, want: ['fd00::2/128'] },
      { name: 'a loopback node IP is left out: every local address, as with none', given: { cfg: { ...base, nodeIPs: ['127.0.0.1'] } }, want: [] },
    ];
    it.each(table)('$name', ({ given, want }) => {
      const s = [svc({ type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' }] })];
      const e = [slice([{ ip: '10.1.0.1' }])];
      const primary = new IptablesProxier({ ...given.cfg, nodePortAddresses: ['primary'] }).sync(s, e).restore;
      expect(primary).toBe(new IptablesProxier({ ...given.cfg, nodePortAddresses: want }).sync(s, e).restore);
    });
    it('IPv4: one nodeports jump to the node IP, no localhost NodePorts (KUBE-FIREWALL)', () => {
      const got = new IptablesProxier({ ...base, nodePortAddresses: ['primary'] }).sync([], []).restore;
      expect(got.split('\n').filter((l) => l.includes('-j KUBE-NODEPORTS'))).toEqual([
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.0.2 -j KUBE-NODEPORTS',
      ]);
      expect(got).not.toContain('KUBE-FIREWALL');
    });
  });
  it('a rejected restore leaves the tables alone and forces a full sync next', () => {
    const p = new IptablesProxier(base);
    p.sync([svc({})], [slice([{ ip: '10.1.0.1' }])]);
    p.kernel.ensureChain('nat', 'KUBE-SVC-DANGLING');
    p.kernel.ensureRule('nat', 'PREROUTING', ['-j', 'KUBE-SVC-DANGLING'], false);
    const bad = p.sync([], []);
    expect(bad.error).toMatch(/still referenced/);
    expect(p.sync([], []).full).toBe(true);
  });
});
