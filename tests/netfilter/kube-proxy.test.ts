// Loads kubeplay's kube-proxy restore text into the real kernel (iptables-nft) inside
// network namespaces and sends real traffic through it; also checks iptablesSave() against
// the real iptables-save. Skips loudly without root / ip netns / iptables, unless
// KUBEPLAY_REQUIRE_NETFILTER=1.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JUMP_RULES, jumpRuleArgs, KUBE_PROXY_CANARY } from '../../core/proxy/iptables/chains.ts';
import { IptablesProxier } from '../../core/proxy/iptables/proxier.ts';
import { iptablesSave } from '../../core/proxy/iptables/save.ts';
import { CLIENT, Lab, run, SERVER, unavailable } from './netns.ts';
import { config, services, services2, slices, slices2 } from './scenario.ts';

const reason = unavailable();
if (reason) {
  const msg = `\n*** SKIPPED netfilter tests: ${reason}. Kernel behaviour of the generated rules was NOT checked. ***\n`;
  if (process.env.KUBEPLAY_REQUIRE_NETFILTER === '1') throw new Error(msg);
  console.warn(msg);
}

const stripComments = (s: string) => s.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace(/\[\d+:\d+\]/g, '[0:0]');

describe.skipIf(!!reason)('kube-proxy iptables rules in the real kernel', () => {
  const lab = new Lab();
  const proxier = new IptablesProxier(config);

  /** What kube-proxy does on a sync: ensure chains + jumps (full syncs only), then iptables-restore. */
  function apply(restore: string, full: boolean): void {
    if (full) {
      for (const t of ['mangle', 'nat', 'filter']) {
        try { run(lab.node, ['iptables', '-w', '-t', t, '-N', KUBE_PROXY_CANARY]); } catch { /* exists */ }
      }
      for (const j of JUMP_RULES) {
        try { run(lab.node, ['iptables', '-w', '-t', j.table, '-N', j.dst]); } catch { /* exists */ }
        const args = jumpRuleArgs(j);
        try { run(lab.node, ['iptables', '-w', '-t', j.table, '-C', j.src, ...args]); } catch {
          run(lab.node, ['iptables', '-w', '-t', j.table, '-I', j.src, ...args]);
        }
      }
    }
    run(lab.node, ['iptables-restore', '-w', '--noflush', '--counters'], restore);
  }
  const traffic = (proto: string, host: string, port: number, n: number): Record<string, number> => {
    const out = lab.nodeScript(lab.client, CLIENT, [proto, host, String(port), String(n)]);
    const counts: Record<string, number> = JSON.parse(out);
    return counts;
  };
  const byPod = (counts: Record<string, number>) => {
    const pods: Record<string, number> = {};
    for (const [k, v] of Object.entries(counts)) pods[k.split(' ')[0]!] = (pods[k.split(' ')[0]!] ?? 0) + v;
    return pods;
  };
  const pod = (i: number) => `${lab.pods[i - 1]}`;

  beforeAll(() => {
    lab.setup(2);
    lab.pods.forEach((ns) => lab.spawnNode(ns, SERVER, [ns]));
    const ready = `const net=require('net');let n=0;(function f(){const s=net.connect(8080,process.argv[1]);s.on('connect',()=>{s.destroy();process.exit(0)});s.on('error',()=>{if(++n>100)process.exit(1);setTimeout(f,50)})})()`;
    for (let i = 1; i <= lab.pods.length; i++) lab.nodeScript(lab.node, ready, [`10.244.${i}.2`], 10_000);
  }, 30_000);
  afterAll(() => lab.teardown());

  it('full sync loads and iptables-save matches iptablesSave()', () => {
    const r = proxier.sync(services, slices);
    expect(r.full && !r.error).toBe(true);
    apply(r.restore, true);
    const real = run(lab.node, ['iptables-save']);
    if (process.env.KUBEPLAY_UPDATE_GOLDEN === '1') {
      const dir = join(import.meta.dirname, '../golden/kube-proxy/iptables-save');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'full-sync.txt'), stripComments(real));
    }
    expect(stripComments(iptablesSave(proxier.kernel))).toBe(stripComments(real));
  });

  it('ClusterIP: two endpoints share ~50/50 over 400 connections; off-cluster client is masqueraded', () => {
    const counts = traffic('tcp', '10.96.0.10', 80, 400);
    const pods = byPod(counts);
    expect(Object.keys(pods).sort(), JSON.stringify(counts)).toEqual([pod(1), pod(2)]);
    expect(Object.keys(pods).sort()).toEqual([pod(1), pod(2)]);
    expect(Math.abs(pods[pod(1)]! / 400 - 0.5)).toBeLessThan(0.08);
    for (const k of Object.keys(counts)) expect(k).toMatch(/ 10\.244\.[12]\.1$/);
  }, 60_000);

  it('NodePort and externalIP reach the endpoints', () => {
    for (const [host, port] of [['192.168.50.1', 30080], ['192.168.60.10', 80]] as const) {
      const pods = byPod(traffic('tcp', host, port, 60));
      expect(Object.values(pods).reduce((a, b) => a + b, 0), `${host}:${port} ${JSON.stringify(pods)}`).toBe(60);
      expect(Object.keys(pods).sort()).toEqual([pod(1), pod(2)]);
    }
  }, 60_000);

  it('service without endpoints is REJECTed; UDP reaches its single endpoint; ClientIP affinity sticks', () => {
    // The SYN hits the filter REJECT (counter); in this veth lab the client then sees a
    // timeout rather than ECONNREFUSED (the ICMP error is not delivered; not investigated).
    const refused = traffic('tcp', '10.96.0.20', 80, 2);
    expect(Object.keys(refused).every((k) => k.startsWith('ERR') || k === 'TIMEOUT'), JSON.stringify(refused)).toBe(true);
    const rejects = run(lab.node, ['iptables', '-w', '-L', 'KUBE-SERVICES', '-v', '-n', '-x']).split('\n').find((l) => l.includes('REJECT'));
    expect(Number(rejects?.trim().split(/\s+/)[0])).toBeGreaterThanOrEqual(2);
    expect(byPod(traffic('udp', '10.96.0.30', 53, 20))).toEqual({ [pod(1)]: 20 });
    expect(Object.keys(byPod(traffic('tcp', '10.96.0.40', 80, 50)))).toHaveLength(1);
  }, 60_000);

  it('partial sync: endpoint removed and service deleted (-X) load; traffic follows', () => {
    const r = proxier.sync(services2, slices2);
    expect(r.full).toBe(false);
    expect(r.restore).toMatch(/^-X KUBE-SVC-/m);
    apply(r.restore, false);
    expect(stripComments(iptablesSave(proxier.kernel))).toBe(stripComments(run(lab.node, ['iptables-save'])));
    expect(byPod(traffic('tcp', '10.96.0.10', 80, 40))).toEqual({ [pod(1)]: 40 });
    expect(traffic('udp', '10.96.0.30', 53, 2)).toEqual({ TIMEOUT: 2 });
  }, 60_000);
});
