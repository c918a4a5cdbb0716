// `iptables -L` and `iptables -S` over the node's kernel tables, in iptables v1.8.9's
// (nf_tables) layouts: column widths, K/M/G counters, numeric protocols with -n, and each
// extension's own listing text. Checked against the real binary (tests/golden/kube-proxy/iptables-list).
import type { Table } from '../types.ts';
import { canonicalArgs, parseRule, type Ext } from './canonical.ts';
import { ruleCounters, TABLE_ORDER, type KChain, type NetfilterState, type TableState } from './netfilter.ts';

export interface ListOptions { numeric?: boolean; verbose?: boolean; exact?: boolean; lineNumbers?: boolean }

const PROTO_NUM: Record<string, string> = { tcp: '6', udp: '17', sctp: '132', icmp: '1', all: '0' };
/** /etc/services names iptables prints for well-known ports without -n. */
const SERVICES: Record<string, string> = { '22': 'ssh', '53': 'domain', '80': 'http', '443': 'https', '6443': 'sun-sr-https', '8080': 'http-alt', '10250': '10250' };

/** xtables_print_num: 5 columns with K/M/G/T units, or 8 columns with -x. */
export function num(n: number, exact: boolean): string {
  if (exact) return `${String(n).padStart(8)} `;
  if (n <= 99999) return `${String(n).padStart(5)} `;
  let v = n;
  for (const unit of ['K', 'M', 'G']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999) return `${String(v).padStart(4)}${unit} `;
  }
  return `${String(Math.floor((v + 500) / 1000)).padStart(4)}T `;
}

function addrText(v: string | undefined, numeric: boolean): string {
  if (!v) return numeric ? '0.0.0.0/0' : 'anywhere';
  const [ip, bits] = v.split('/');
  const host = bits === undefined || bits === '32';
  if (!numeric && ip?.startsWith('127.0.0.')) return host ? 'localhost' : `localhost/${bits}`;
  return host ? ip! : v;
}

const port = (p: string, numeric: boolean) => (numeric ? p : SERVICES[p] ?? p);

function matchText(m: Ext, numeric: boolean): string {
  const opt = (k: string) => m.opts.find((o) => o.key === k);
  const bang = (o: { neg: boolean }) => (o.neg ? '! ' : '');
  switch (m.name) {
    case 'comment': return `/* ${opt('--comment')?.vals[0] ?? ''} */`;
    case 'tcp': case 'udp': case 'sctp': {
      const parts: string[] = [m.name];
      const sp = opt('--sport'), dp = opt('--dport');
      if (sp) parts.push(`spt:${sp.neg ? '!' : ''}${port(sp.vals[0] ?? '', numeric)}`);
      if (dp) parts.push(`dpt:${dp.neg ? '!' : ''}${port(dp.vals[0] ?? '', numeric)}`);
      return parts.join(' ');
    }
    case 'conntrack': return m.opts.map((o) => `${bang(o)}${o.key.slice(2)} ${o.vals.join(' ')}`).join(' ');
    case 'mark': return m.opts.map((o) => `mark match ${bang(o)}${o.vals[0]!.split('/').map((x) => '0x' + parseInt(x, 16).toString(16)).join('/')}`).join(' ');
    case 'addrtype': return 'ADDRTYPE match ' + m.opts.map((o) => `${o.key.slice(2)} ${o.neg ? '!' : ''}${o.vals[0]}`).join(' ');
    case 'statistic': {
      const p = opt('--probability');
      const fixed = Math.round(0x80000000 * parseFloat(p?.vals[0] ?? '0'));
      return `statistic mode random probability ${(fixed / 0x80000000).toFixed(11)}`;
    }
    case 'recent': {
      const cmd = opt('--set') ? 'SET' : opt('--rcheck') ? 'CHECK' : opt('--update') ? 'UPDATE' : 'REMOVE';
      const secs = opt('--seconds') ? ` seconds: ${opt('--seconds')!.vals[0]}` : '';
      const reap = opt('--reap') ? ' reap' : '';
      return `recent: ${cmd}${secs}${reap} name: ${opt('--name')?.vals[0] ?? 'DEFAULT'} side: source mask: 255.255.255.255`;
    }
    case 'nfacct': return `nfacct-name  ${opt('--nfacct-name')?.vals[0] ?? ''}`;
    case 'set': return m.opts.map((o) => `${o.neg ? '! ' : ''}match-set ${o.vals.join(' ')}`).join(' ');
    case 'physdev': return 'PHYSDEV match ' + m.opts.map((o) => `${bang(o)}${o.key}`).join(' ');
    case 'ipvs': return 'ipvs ' + m.opts.map((o) => `${o.key.slice(2)} ${o.vals.join(' ')}`).join(' ');
    default: return [m.name, ...m.opts.map((o) => `${bang(o)}${o.key} ${o.vals.join(' ')}`)].join(' ');
  }
}

function targetText(t: Ext): string {
  const opt = (k: string) => t.opts.find((o) => o.key === k);
  switch (t.name) {
    case 'REJECT': return `reject-with ${opt('--reject-with')?.vals[0] ?? 'icmp-port-unreachable'}`;
    case 'DNAT': return `to:${opt('--to-destination')?.vals[0] ?? ''}`;
    case 'SNAT': return `to:${opt('--to-source')?.vals[0] ?? ''}`;
    case 'MASQUERADE': return opt('--random-fully') ? 'random-fully' : '';
    case 'MARK': {
      const o = t.opts[0];
      const v = parseInt(o?.vals[0] ?? '0', 16);
      if (o?.key === '--or-mark') return `MARK or 0x${v.toString(16)}`;
      if (o?.key === '--xor-mark') return `MARK xor 0x${v.toString(16)}`;
      if (o?.key === '--and-mark') return `MARK and 0x${v.toString(16)}`;
      // --set-xmark V/M, as iptables-save writes them back: or (V==M), xor (M==0), set (full mask).
      const m = o?.key === '--set-xmark' ? parseInt(o.vals[0]?.split('/')[1] ?? 'ffffffff', 16) >>> 0 : 0xffffffff;
      if (m === v && v !== 0) return `MARK or 0x${v.toString(16)}`;
      if (m === 0) return `MARK xor 0x${v.toString(16)}`;
      return m === 0xffffffff ? `MARK set 0x${v.toString(16)}` : `MARK xset 0x${v.toString(16)}/0x${m.toString(16)}`;
    }
    default: return '';
  }
}

function ruleLine(words: string[], numeric: boolean): { target: string; prot: string; src: string; dst: string; extra: string; negS: boolean; negD: boolean; inIf: string; outIf: string } {
  const { head, exts, target } = parseRule(words);
  const proto = head['-p']?.val ?? 'all';
  const extra = [...exts.map((m) => matchText(m, numeric)), target ? targetText(target) : ''].filter(Boolean).map((x) => ' ' + x).join('');
  const iface = (k: '-i' | '-o') => (head[k] ? `${head[k]!.neg ? '!' : ''}${head[k]!.val}` : numeric ? '*' : 'any');
  return {
    target: target?.name ?? '', prot: numeric ? PROTO_NUM[proto] ?? proto : proto, extra,
    src: addrText(head['-s']?.val, numeric), dst: addrText(head['-d']?.val, numeric),
    negS: !!head['-s']?.neg, negD: !!head['-d']?.neg, inIf: iface('-i'), outIf: iface('-o'),
  };
}

function listChain(t: TableState, c: KChain, o: ListOptions): string[] {
  const numeric = !!o.numeric, v = !!o.verbose, x = !!o.exact;
  const out: string[] = [];
  const counts = v ? ` ${c.pkts} packets, ${c.bytes} bytes` : '';
  out.push(c.builtin ? `Chain ${c.name} (policy ${c.policy}${counts})` : `Chain ${c.name} (${t.refs.get(c.name) ?? 0} references)`);
  let header = '';
  if (o.lineNumbers) header += 'num  ';
  if (v) header += x ? '    pkts      bytes ' : ' pkts bytes ';
  header += 'target     prot opt ';
  if (v) header += 'in     out     ';
  out.push(header + 'source               destination         ');
  c.rules.forEach((r, i) => {
    const l = ruleLine(r.words, numeric);
    const [pkts, bytes] = ruleCounters(c, i);
    let s = o.lineNumbers ? `${String(i + 1).padEnd(4)} ` : '';
    if (v) s += num(pkts, x) + num(bytes, x);
    s += `${l.target.padEnd(9)} ${' '}${l.prot.padEnd(4)} -- `;
    if (v) s += ` ${l.inIf.padEnd(6)} ${l.outIf.padEnd(6)} `;
    s += `${l.negS ? '!' : ' '}${l.src.padEnd(19)} ${l.negD ? '!' : ' '}${l.dst.padEnd(19)} ${l.extra}`;
    out.push(s);
  });
  return out;
}

/** `iptables [-t T] -L [CHAIN]`; null when the chain does not exist. */
export function iptablesList(state: NetfilterState, table: Table, chain: string | undefined, o: ListOptions): string | null {
  const t = state.table(table);
  const chains = chain === undefined ? t.ordered() : t.chains.get(chain) ? [t.chains.get(chain)!] : null;
  if (!chains) return null;
  return chains.map((c) => listChain(t, c, o).join('\n') + '\n').join('\n');
}

/** `iptables [-t T] -S [CHAIN] [-v]`; null when the chain does not exist. */
export function iptablesRules(state: NetfilterState, table: Table, chain: string | undefined, verbose: boolean): string | null {
  const t = state.table(table);
  if (chain !== undefined && !t.chains.get(chain)) return null;
  const chains = chain === undefined ? t.ordered() : [t.chains.get(chain)!];
  const out: string[] = [];
  for (const c of chains) out.push(c.builtin ? `-P ${c.name} ${c.policy}${verbose ? ` -c ${c.pkts} ${c.bytes}` : ''}` : `-N ${c.name}`);
  for (const c of chains) {
    for (const [i, r] of c.rules.entries()) {
      const args = canonicalArgs(r.words, false, verbose ? ruleCounters(c, i) : undefined);
      out.push(args ? `-A ${c.name} ${args}` : `-A ${c.name}`);
    }
  }
  return out.map((l) => l + '\n').join('');
}

export const TABLES: readonly Table[] = TABLE_ORDER;
