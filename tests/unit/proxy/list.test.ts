// `iptables -L` / `-S` views against what the real iptables v1.8.9 (nf_tables) printed for
// the same rules (captured in a network namespace: the kernel-test scenario's full sync plus
// flannel-style chains; tests/golden/kube-proxy/iptables-list).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRule, NetfilterState } from '../../../core/proxy/iptables/netfilter.ts';
import { applyRestore } from '../../../core/proxy/iptables/restore.ts';
import { iptablesCommand, iptablesSaveCommand } from '../../../core/proxy/commands.ts';
import { num } from '../../../core/proxy/iptables/list.ts';
import { GOLDEN } from './cases.ts';

const dir = join(GOLDEN, 'iptables-list');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

function kernel(): NetfilterState {
  const k = new NetfilterState();
  applyRestore(k, read('full.txt'));
  applyRestore(k, read('rules.txt'));
  return k;
}

describe('iptables listings match the real binary', () => {
  const table: [string, string][] = [
    ['-L -n -v', 'L-filter-nv.txt'],
    ['-t nat -L -n -v --line-numbers', 'L-nat-nvl.txt'],
    ['-t nat -L -n', 'L-nat-n.txt'],
    ['-t nat -L', 'L-nat-names.txt'],
    ['-t nat -L -v -n -x', 'L-nat-x.txt'],
    ['-t nat -L KUBE-SERVICES -n', 'L-chain.txt'],
    ['-S', 'S-filter.txt'],
    ['-t nat -S', 'S-nat.txt'],
    ['-t nat -S -v', 'S-nat-v.txt'],
    ['-t nat -S KUBE-SVC-T2ECBIYT2WDZZK45', 'S-chain.txt'],
  ];
  for (const [args, file] of table) {
    it(`iptables ${args}`, () => {
      const r = iptablesCommand(kernel(), args.split(' '));
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(read(file));
    });
  }
  it('combined short flags and errors as iptables prints them', () => {
    expect(iptablesCommand(kernel(), ['-t', 'nat', '-nvL']).stdout).toBe(iptablesCommand(kernel(), ['-t', 'nat', '-L', '-n', '-v']).stdout);
    expect(iptablesCommand(kernel(), ['-L', 'NOPE']).stderr).toBe("iptables v1.8.9 (nf_tables): chain `NOPE' in table `filter' is incompatible, use 'nft' tool.\n");
    expect(iptablesCommand(kernel(), ['-t', 'bogus', '-L']).exitCode).toBe(3);
  });
  it('counters: K/M units, -c prefixes in iptables-save', () => {
    expect([0, 99999, 100000, 535_499, 12_345_678].map((n) => num(n, false))).toEqual(['    0 ', '99999 ', ' 100K ', ' 535K ', '  12M ']);
    const k = kernel();
    countRule(k.chain('nat', 'KUBE-SERVICES')!, 0, 3, 180);
    expect(iptablesSaveCommand(k, ['-c', '-t', 'nat'], new Date(0)).stdout).toContain('[3:180] -A KUBE-SERVICES -d 10.96.0.30/32 -p udp');
  });
});
