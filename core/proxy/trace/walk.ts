// Walks a packet through one netfilter hook of one node: the tables in priority order,
// each built-in chain rule by rule, jumps and returns, evaluated against the rules that
// are actually in the node's NetfilterState. Matching rules count packets and bytes.
import { parseRule, type ParsedRule } from '../iptables/canonical.ts';
import { countRule, type KChain, type NetfilterState, type RuleSpec } from '../iptables/netfilter.ts';
import { cidrContains, parseCIDR, parseIP } from '../ip.ts';
import type { Table } from '../types.ts';
import type { Hop, Packet } from './types.ts';
import { sayTrace } from './messages.ts';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export type Verdict = 'ACCEPT' | 'DROP' | 'REJECT';

/** Tables in the order the kernel runs them at each hook (raw holds no rules here). */
const TABLES: Record<Hook, Table[]> = {
  PREROUTING: ['mangle', 'nat'], INPUT: ['mangle', 'filter', 'nat'], FORWARD: ['mangle', 'filter'],
  OUTPUT: ['mangle', 'nat', 'filter'], POSTROUTING: ['mangle', 'nat'],
};

export interface WalkEnv {
  node: string;
  kernel: NetfilterState;
  /** Addresses `-m addrtype --*-type LOCAL` matches on this node. */
  isLocal(ip: string): boolean;
  /** ipset membership for `-m set --match-set NAME dir`. */
  inSet?(name: string, dirs: string, p: Packet): boolean;
  rng: () => number;
  /** --pick N: force the N-th endpoint at the first probabilistic chain. */
  pick?: { n: number; used: boolean };
  /** `-m recent` lists: name -> source IP -> last seen (seconds). */
  recent: Map<string, Map<string, number>>;
  nowSeconds: number;
  bytes: number;
  hops: Hop[];
  /** Product of the probabilities of the branches taken. */
  probability: { value: number };
}

const parsed = new WeakMap<RuleSpec, ParsedRule>();
const parse = (r: RuleSpec): ParsedRule => {
  let p = parsed.get(r);
  if (!p) { p = parseRule(r.words); parsed.set(r, p); }
  return p;
};

const inCidr = (ip: string, spec: string): boolean => {
  const c = parseCIDR(spec.includes('/') ? spec : `${spec}/32`), a = parseIP(ip);
  return !!c && !!a && cidrContains(c, a);
};
const ifMatch = (dev: string | undefined, spec: string) =>
  !!dev && (spec.endsWith('+') ? dev.startsWith(spec.slice(0, -1)) : dev === spec);
const hex = (s: string) => parseInt(s, 16) >>> 0;

/** Matches everything but statistic (handled by the caller, which draws the random number). */
function matches(env: WalkEnv, p: Packet, r: ParsedRule, hookName: Hook): boolean {
  const h = r.head;
  const test = (x: { neg: boolean } | undefined, v: boolean) => !x || v !== x.neg;
  if (!test(h['-s'], !!h['-s'] && inCidr(p.src, h['-s'].val))) return false;
  if (!test(h['-d'], !!h['-d'] && inCidr(p.dst, h['-d'].val))) return false;
  if (!test(h['-p'], !!h['-p'] && h['-p'].val === p.proto)) return false;
  if (!test(h['-i'], !!h['-i'] && ifMatch(p.inIf, h['-i'].val))) return false;
  if (!test(h['-o'], !!h['-o'] && ifMatch(p.outIf, h['-o'].val))) return false;
  for (const m of r.exts) {
    for (const o of m.opts) {
      const v = o.vals[0] ?? '';
      let ok = true;
      switch (`${m.name} ${o.key}`) {
        case 'tcp --dport': case 'udp --dport': case 'sctp --dport': ok = p.dport === Number(v); break;
        case 'tcp --sport': case 'udp --sport': case 'sctp --sport': ok = p.sport === Number(v); break;
        case 'conntrack --ctstate': ok = v.split(',').some((s) => (s === 'NEW' && p.ctNew) || (s === 'DNAT' && p.ctDnat) || (s === 'ESTABLISHED' && !p.ctNew)); break;
        case 'mark --mark': { const [val = '0', mask = 'ffffffff'] = v.split('/'); ok = ((p.mark & hex(mask)) >>> 0) === (hex(val) & hex(mask)); break; }
        case 'addrtype --dst-type': ok = v === 'LOCAL' && env.isLocal(p.dst); break;
        case 'addrtype --src-type': ok = v === 'LOCAL' && env.isLocal(p.src); break;
        case 'recent --rcheck': {
          const name = m.opts.find((x) => x.key === '--name')?.vals[0] ?? 'DEFAULT';
          const secs = Number(m.opts.find((x) => x.key === '--seconds')?.vals[0] ?? Infinity);
          const seen = env.recent.get(name)?.get(p.src);
          ok = seen !== undefined && env.nowSeconds - seen <= secs;
          break;
        }
        case 'set --match-set': ok = !!env.inSet?.(v, o.vals[1] ?? 'dst', p); break;
        case 'physdev --physdev-is-in': ok = p.bridged; break;
        default: continue;
      }
      if (ok === o.neg) return false;
    }
  }
  return hookName !== undefined;
}

type ChainResult = { verdict?: Verdict; rejectWith?: string };

function walkChain(env: WalkEnv, p: Packet, table: Table, chain: KChain, hook: Hook, depth: number): ChainResult {
  if (depth > 32) return { verdict: 'DROP' };
  const t = env.kernel.table(table).chains;
  let statIdx = 0;
  for (let i = 0; i < chain.rules.length; i++) {
    const rule = chain.rules[i]!;
    const r = parse(rule);
    if (!matches(env, p, r, hook)) continue;
    const line = rule.save(false);
    const stat = r.exts.find((m) => m.name === 'statistic');
    if (stat) {
      const prob = Number(stat.opts.find((o) => o.key === '--probability')?.vals[0] ?? 1);
      let taken: boolean, forced = false;
      if (env.pick && !env.pick.used) { taken = statIdx === env.pick.n - 1; forced = true; } else taken = env.rng() < prob;
      statIdx++;
      const said = sayTrace(taken ? (forced ? 'trace.branch.takenForced' : 'trace.branch.taken') : forced ? 'trace.branch.skippedForced' : 'trace.branch.skipped', { p: prob });
      env.hops.push({ kind: 'branch', node: env.node, table, chain: chain.name, rule: { index: i + 1, line }, branch: { probability: prob, taken, forced }, ...said });
      env.probability.value *= taken ? prob : 1 - prob;
      if (!taken) continue;
    }
    countRule(chain, i, 1, env.bytes);
    const target = r.target;
    env.hops.push({ kind: 'rule', node: env.node, table, chain: chain.name, rule: { index: i + 1, line }, text: line });
    if (!target) continue;
    // The chain that took a probabilistic decision has made the pick.
    const endPick = () => { if (env.pick && statIdx > 0) env.pick.used = true; };
    const opt = (k: string) => target.opts.find((o) => o.key === k)?.vals[0];
    switch (target.name) {
      case 'ACCEPT': case 'DROP': return { verdict: target.name };
      case 'REJECT': return { verdict: 'REJECT', rejectWith: opt('--reject-with') ?? 'icmp-port-unreachable' };
      case 'RETURN': return {};
      case 'MARK': {
        const o = target.opts[0];
        const v = hex(o?.vals[0] ?? '0');
        p.mark = o?.key === '--or-mark' ? (p.mark | v) >>> 0 : o?.key === '--xor-mark' ? (p.mark ^ v) >>> 0 : o?.key === '--and-mark' ? (p.mark & v) >>> 0 : v;
        continue;
      }
      case 'DNAT': {
        const to = opt('--to-destination') ?? '';
        const before = `${p.dst}:${p.dport}`;
        const [ip = '', port] = to.split(':');
        p.dst = ip; if (port) p.dport = Number(port);
        p.ctDnat = true;
        const recent = r.exts.find((m) => m.name === 'recent' && m.opts.some((x) => x.key === '--set'));
        if (recent) {
          const name = recent.opts.find((x) => x.key === '--name')?.vals[0] ?? 'DEFAULT';
          const list = env.recent.get(name) ?? new Map<string, number>();
          env.recent.set(name, list);
          list.set(p.src, env.nowSeconds);
        }
        env.hops.push({ kind: 'nat', node: env.node, table, chain: chain.name, nat: { type: 'DNAT', before, after: to }, text: `DNAT ${before} -> ${to}` });
        return { verdict: 'ACCEPT' };
      }
      case 'MASQUERADE': case 'SNAT': return { verdict: 'ACCEPT', rejectWith: target.name };
      default: {
        const next = t.get(target.name);
        if (!next) continue;
        env.hops.push({ kind: 'chain', node: env.node, table, chain: next.name, text: `-> ${table} ${next.name}` });
        const res = walkChain(env, p, table, next, hook, depth + 1);
        endPick();
        if (res.verdict) return res;
        env.hops.push({ kind: 'chain', node: env.node, table, chain: chain.name, ...sayTrace('trace.chain.back', { table, chain: chain.name }) });
      }
    }
  }
  return {};
}

export interface HookResult { verdict: Verdict; rejectWith?: string; masquerade?: boolean }

/** Runs every table of `hook`; stops at the first DROP/REJECT. MASQUERADE/SNAT are reported, not applied. */
export function walkHook(env: WalkEnv, p: Packet, hook: Hook): HookResult {
  let masquerade = false;
  for (const table of TABLES[hook]) {
    if (table === 'nat' && !p.ctNew) continue;
    const chain = env.kernel.chain(table, hook);
    if (!chain || chain.rules.length === 0) continue;
    env.hops.push({ kind: 'chain', node: env.node, table, chain: hook, text: `${table} ${hook}` });
    const res = walkChain(env, p, table, chain, hook, 0);
    if (res.verdict === 'DROP' || res.verdict === 'REJECT') return { verdict: res.verdict, rejectWith: res.rejectWith };
    if (res.rejectWith === 'MASQUERADE' || res.rejectWith === 'SNAT') masquerade = true;
    if (!res.verdict) { chain.pkts++; chain.bytes += env.bytes; }
  }
  return { verdict: 'ACCEPT', masquerade };
}
