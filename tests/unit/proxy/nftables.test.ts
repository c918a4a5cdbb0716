// kube-proxy nftables mode against upstream's literal expectations (tests/golden/kube-proxy/
// nftables, transcribed from pkg/proxy/nftables/proxier_test.go), compared after the same
// sortNFTablesTransaction() normalisation the upstream test applies; plus the `nft list`
// rendering and the engine's `nft` command with `mode: nftables`.
import { describe, expect, it } from 'vitest';
import { NftablesProxier, type NftConfig } from '../../../core/proxy/nftables/proxier.ts';
import { listText, transactionText } from '../../../core/proxy/nftables/ruleset.ts';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import { objectsOf, readCase, readText } from './cases.ts';

const ORDER: Record<string, number> = { table: 10, chain: 9, rule: 8, set: 7, map: 6, element: 5 };
/** Port of upstream sortNFTablesTransaction(): drop blanks/comments; stable sort by object type, then name; rules keep their order. */
export function sortTransaction(tx: string): string {
  const lines = tx.split('\n').filter((l) => l !== '' && l[0] !== '#');
  const cmp = (a: string, b: string): number => {
    const wa = a.split(' '), wb = b.split(' ');
    if (wa.length < 5 || wb.length < 5) return 0;
    if (wa[1] !== wb[1]) return (ORDER[wb[1]!] ?? 0) - (ORDER[wa[1]!] ?? 0);
    if (wa[4] !== wb[4]) return wa[4]! < wb[4]! ? -1 : 1;
    if (wa[1] === 'rule') return 0;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return lines.map((l, i) => [l, i] as const).sort((x, y) => cmp(x[0], y[0]) || x[1] - y[1]).map((x) => x[0]).join('\n');
}

describe('nftables mode, upstream expectations', () => {
  it('overall (mirrors TestOverallNFTablesRules)', () => {
    const c = readCase('nftables/overall');
    const { services, slices } = objectsOf(c.objects);
    const p = c.proxier;
    const cfg: NftConfig = { nodeName: p.nodeName, nodeIPs: [p.nodeIP], clusterCIDR: p.clusterCIDR, serviceCIDRs: p.serviceCIDRs, masqueradeMark: p.masqueradeMark, nodePortIPs: p.nodePortIPs };
    const got = transactionText(new NftablesProxier(cfg).sync(services, slices));
    expect(sortTransaction(got)).toBe(sortTransaction(readText('nftables/overall', 'expected.txt')));
  });
});

describe('nft list table ip kube-proxy', () => {
  const c = readCase('nftables/overall');
  const { services, slices } = objectsOf(c.objects);
  const t = new NftablesProxier({ nodeName: 'test-node', nodeIPs: ['192.168.0.2'], clusterCIDR: '10.0.0.0/8', serviceCIDRs: ['172.30.0.0/16'] }).sync(services, slices);
  const text = listText(t);
  it('nests sets, maps and chains with symbolic priorities', () => {
    expect(text.split('\n')[0]).toBe('table ip kube-proxy {');
    expect(text).toContain('\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n\t}');
    expect(text).toContain('\tchain filter-prerouting-pre-dnat {\n\t\ttype filter hook prerouting priority dstnat - 10; policy accept;');
    expect(text).toContain('\tchain nat-postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;');
    expect(text).toContain('\t\ttimeout 3h\n');
    // nft's element order (by key as a little-endian number: same port, so by last octet), as the real nft lists it (tests/netfilter/nftables.test.ts).
    expect(text).toMatch(/\tmap service-ips \{\n\t\ttype ipv4_addr \. inet_proto \. inet_service : verdict\n\t\tcomment "ClusterIP, ExternalIP and LoadBalancer IP traffic"\n\t\telements = \{ 1\.2\.3\.4 \. tcp \. 80 : goto external-42NFTM6N-ns2\/svc2\/tcp\/p80,\n\t\t\t     5\.6\.7\.8 \. tcp \. 80 : goto external-HVFWP5L3-ns5\/svc5\/tcp\/p80,\n/);
    expect(text).toContain('\t\telements = { 172.30.0.41, 172.30.0.42,\n\t\t\t     172.30.0.43, 172.30.0.44,\n');
  });
});

describe('mode: nftables in the engine', () => {
  it('`nft list table ip kube-proxy` on a node; iptables-save shows no KUBE-SERVICES', () => {
    const c = cluster();
    c.apply('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n---\n' + deploymentYaml('web', 2) + '---\n' + serviceYaml('web'));
    c.advance('60s');
    const out = c.run('ssh worker-1 nft list table ip kube-proxy');
    expect(out).toMatch(/^table ip kube-proxy \{/);
    expect(out).toMatch(/chain service-[A-Z2-7]{8}-default\/web\/tcp\/ \{/);
    expect(out).toMatch(/numgen random mod 2 vmap \{ 0 : goto endpoint-/);
    expect(c.run('ssh worker-1 nft list ruleset')).toContain('table ip kube-proxy {');
    expect(c.run('ssh worker-1 iptables-save -t nat')).not.toContain('KUBE-SERVICES');
    expect(c.run('ssh worker-1 kube-proxy-restore')).toMatch(/^add table ip kube-proxy \{ comment "rules for kube-proxy" ; \}/);
    expect(c.run('trace --from node/worker-1 --to web:80')).toMatch(/nftables mode; this trace walks its equivalent iptables rules/);
  });
  it('switching the mode live redraws the data path', () => {
    const c = cluster();
    const cfg = (mode: string) => `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ${mode}\n---\n`;
    const workload = deploymentYaml('web', 1) + '---\n' + serviceYaml('web');
    c.apply(cfg('iptables') + workload);
    c.advance('60s');
    expect(c.run('ssh worker-1 iptables-save -t nat')).toContain('default/web cluster IP');
    c.apply(cfg('nftables') + workload);
    c.advance('60s');
    expect(c.run('ssh worker-1 iptables-save -t nat')).not.toContain('default/web cluster IP');
    expect(c.run('ssh worker-1 nft list table ip kube-proxy')).toMatch(/chain service-\S+-default\/web\/tcp\//);
  });
});
