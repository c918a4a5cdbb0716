// Loads kubeplay's kube-proxy restore text into the real kernel (iptables-nft) inside
// network namespaces and sends real traffic through it; also checks iptablesSave() against
// the real iptables-save. Skips loudly without root / ip netns / iptables, unless
// KUBEPLAY_REQUIRE_NETFILTER=1.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IptablesProxier } from '../../core/proxy/iptables/proxier.ts';
import { iptablesSave } from '../../core/proxy/iptables/save.ts';
import { Lab, run, skipReason, sweep } from './netns.ts';
import { config, services, services2, slices, slices2 } from './scenario.ts';

const reason = skipReason('netfilter tests (kube-proxy rules in the kernel)');

const stripComments = (s: string) => s.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace(/\[\d+:\d+\]/g, '[0:0]');

describe.skipIf(!!reason)('kube-proxy iptables rules in the real kernel', () => {
  const lab = new Lab();
  const proxier = new IptablesProxier(config);

  const pod = (i: number) => `${lab.pods[i - 1]}`;

  beforeAll(() => {
    sweep();
    lab.setup(2);
    lab.startServers();
  }, 30_000);
  afterAll(() => lab.teardown());

  it('full sync loads and iptables-save matches iptablesSave()', () => {
    const r = proxier.sync(services, slices);
    expect(r.full && !r.error).toBe(true);
    lab.load(r.restore, true);
    const real = run(lab.node, ['iptables-save']);
    if (process.env.KUBEPLAY_UPDATE_GOLDEN === '1') {
      const dir = join(import.meta.dirname, '../golden/kube-proxy/iptables-save');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'full-sync.txt'), stripComments(real));
    }
    expect(stripComments(iptablesSave(proxier.kernel))).toBe(stripComments(real));
  });

  it('ClusterIP: two endpoints share ~50/50 over 400 connections; off-cluster client is masqueraded', () => {
    const counts = lab.replies('tcp', '10.96.0.10', 80, 400);
    const pods: Record<string, number> = {};
    for (const [k, v] of Object.entries(counts)) pods[k.split(' ')[0]!] = (pods[k.split(' ')[0]!] ?? 0) + v;
    expect(Object.keys(pods).sort(), JSON.stringify(counts)).toEqual([pod(1), pod(2)]);
    expect(Math.abs(pods[pod(1)]! / 400 - 0.5)).toBeLessThan(0.08);
    for (const k of Object.keys(counts)) expect(k).toMatch(/ 10\.244\.[12]\.1$/);
  }, 60_000);

  it('NodePort and externalIP reach the endpoints', () => {
    for (const [host, port] of [['192.168.50.1', 30080], ['192.168.60.10', 80]] as const) {
      const pods = lab.traffic('tcp', host, port, 60);
      expect(Object.values(pods).reduce((a, b) => a + b, 0), `${host}:${port} ${JSON.stringify(pods)}`).toBe(60);
      expect(Object.keys(pods).sort()).toEqual([pod(1), pod(2)]);
    }
  }, 60_000);

  it('service without endpoints is REJECTed (ECONNREFUSED from a pod); UDP reaches its single endpoint; ClientIP affinity sticks', () => {
    // icmp-port-unreachable ends a connect() with ECONNREFUSED (Linux maps ICMP_PORT_UNREACH to it).
    expect(lab.replies('tcp', '10.96.0.20', 80, 2, pod(1))).toEqual({ 'ERR ECONNREFUSED': 2 });
    expect(lab.traffic('udp', '10.96.0.30', 53, 20)).toEqual({ [pod(1)]: 20 });
    expect(Object.keys(lab.traffic('tcp', '10.96.0.40', 80, 50))).toHaveLength(1);
  }, 60_000);

  it('REJECT from off the node: the ICMP redirect spends the per-host ICMP budget, so the client times out; without redirects it is refused', async () => {
    // The node routes 10.96.0.20 back out of the interface the SYN came in on (its default
    // route is the client's side), so it first sends the client an ICMP redirect. That resets
    // the per-destination ICMP token bucket the REJECT's port-unreachable is charged to: the
    // error is counted as rate-limited and never sent, and the SYN is silently gone.
    const before = lab.icmp();
    expect(lab.replies('tcp', '10.96.0.20', 80, 2)).toEqual({ TIMEOUT: 2 });
    const after = lab.icmp();
    expect(after.OutRedirects! - before.OutRedirects!).toBeGreaterThanOrEqual(1);
    expect(after.OutDestUnreachs! - before.OutDestUnreachs!).toBe(0);
    expect(after.OutRateLimitHost! - before.OutRateLimitHost!).toBeGreaterThanOrEqual(2);
    const rejects = run(lab.node, ['iptables', '-w', '-L', 'KUBE-SERVICES', '-v', '-n', '-x']).split('\n').find((l) => l.includes('REJECT'));
    expect(Number(rejects?.trim().split(/\s+/)[0])).toBeGreaterThanOrEqual(4);
    lab.sendRedirects(false);
    try {
      await new Promise((r) => setTimeout(r, 1100)); // the bucket refills one token per ms; a port-unreachable costs 1000 (icmp_ratelimit)
      expect(lab.replies('tcp', '10.96.0.20', 80, 1)).toEqual({ 'ERR ECONNREFUSED': 1 });
    } finally {
      lab.sendRedirects(true);
    }
  }, 60_000);

  it('partial sync: endpoint removed and service deleted (-X) load; traffic follows', () => {
    const r = proxier.sync(services2, slices2);
    expect(r.full).toBe(false);
    expect(r.restore).toMatch(/^-X KUBE-SVC-/m);
    lab.load(r.restore, false);
    expect(stripComments(iptablesSave(proxier.kernel))).toBe(stripComments(run(lab.node, ['iptables-save'])));
    expect(lab.traffic('tcp', '10.96.0.10', 80, 40)).toEqual({ [pod(1)]: 40 });
    expect(lab.traffic('udp', '10.96.0.30', 53, 2)).toEqual({ TIMEOUT: 2 });
  }, 60_000);
});
