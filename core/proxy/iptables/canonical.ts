// Rule words as kube-proxy writes them -> the canonical text `iptables-save` (v1.8.x,
// nf_tables) prints back: -s/-d/-i/-o/-p first, addresses with a prefix length, then the
// matches in order with each extension's own save format, then the target.
import { formatCIDR, parseCIDR, plainV4 } from '../ip.ts';

interface Ext { name: string; opts: { neg: boolean; key: string; vals: string[] }[] }

const SAFE = /^[_\-0-9a-zA-Z]+$/;
/** xtables_save_string: quote unless only [_-0-9a-zA-Z]. */
export const saveString = (s: string): string => (SAFE.test(s) ? s : `"${s.replace(/(["\\'])/g, '\\$1')}"`);

function addr(v: string, v6: boolean): string {
  if (!v6 && plainV4(v)) return v + '/32';
  const c = parseCIDR(v.includes('/') ? v : `${v}/${v6 ? 128 : 32}`);
  if (!c) return v;
  return formatCIDR(c);
}

const hex = (n: number): string => '0x' + (n >>> 0).toString(16);
const num = (s: string): number => (s.startsWith('0x') || s.startsWith('0X') ? parseInt(s, 16) : parseInt(s, 10));
function markPair(s: string): [number, number | undefined] {
  const [v = '0', m] = s.split('/');
  return [num(v), m === undefined ? undefined : num(m)];
}

const CT_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

type Opt = Ext['opts'][number];
const optOf = (e: Ext, key: string): Opt | undefined => e.opts.find((o) => o.key === key);
const neg = (o: Opt): string => (o.neg ? '! ' : '');

function saveMatch(m: Ext, v6: boolean): string {
  const parts: string[] = [`-m ${m.name}`];
  switch (m.name) {
    case 'comment':
      for (const o of m.opts) parts.push(`--comment ${saveString(o.vals[0] ?? '')}`);
      break;
    case 'mark':
      for (const o of m.opts) {
        const [v, mask] = markPair(o.vals[0] ?? '0');
        parts.push(`${neg(o)}--mark ${hex(v)}${mask === undefined || mask === 0xffffffff ? '' : '/' + hex(mask)}`);
      }
      break;
    case 'conntrack':
      for (const o of m.opts) {
        const states = (o.vals[0] ?? '').split(',').sort((a, b) => CT_ORDER.indexOf(a) - CT_ORDER.indexOf(b));
        parts.push(`${neg(o)}${o.key} ${o.key === '--ctstate' ? states.join(',') : o.vals.join(' ')}`);
      }
      break;
    case 'statistic': {
      const mode = optOf(m, '--mode')?.vals[0] ?? 'random';
      parts.push(`--mode ${mode}`);
      const p = optOf(m, '--probability');
      if (p) {
        const fixed = Math.round(0x80000000 * parseFloat(p.vals[0] ?? '0'));
        parts.push(`${neg(p)}--probability ${(fixed / 0x80000000).toFixed(11)}`);
      }
      for (const o of m.opts.filter((x) => x.key === '--every' || x.key === '--packet')) parts.push(`${neg(o)}${o.key} ${o.vals[0]}`);
      break;
    }
    case 'recent': {
      for (const cmd of ['--set', '--rcheck', '--update', '--remove']) {
        const o = optOf(m, cmd);
        if (o) parts.push(`${neg(o)}${cmd}`);
      }
      for (const key of ['--seconds', '--reap', '--hitcount', '--rttl']) {
        const o = optOf(m, key);
        if (o) parts.push(o.vals.length ? `${key} ${o.vals[0]}` : key);
      }
      parts.push(`--name ${optOf(m, '--name')?.vals[0] ?? 'DEFAULT'}`);
      parts.push(`--mask ${optOf(m, '--mask')?.vals[0] ?? (v6 ? 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' : '255.255.255.255')}`);
      parts.push(optOf(m, '--rdest') ? '--rdest' : '--rsource');
      break;
    }
    case 'addrtype':
      for (const key of ['--src-type', '--dst-type']) {
        const o = optOf(m, key);
        if (o) parts.push(`${neg(o)}${key} ${o.vals[0]}`);
      }
      break;
    case 'nfacct':
      for (const o of m.opts) parts.push(`--nfacct-name  ${saveString(o.vals[0] ?? '')}`);
      break;
    default:
      for (const o of m.opts) parts.push([neg(o) + o.key, ...o.vals].join(' '));
  }
  return parts.join(' ');
}

function saveTarget(t: Ext, v6: boolean): string {
  const parts = [`-j ${t.name}`];
  if (t.name === 'REJECT') {
    parts.push(`--reject-with ${optOf(t, '--reject-with')?.vals[0] ?? (v6 ? 'icmp6-port-unreachable' : 'icmp-port-unreachable')}`);
  } else if (t.name === 'MARK') {
    for (const o of t.opts) {
      const [v, m] = markPair(o.vals[0] ?? '0');
      const set = o.key === '--or-mark' ? [v, v] : o.key === '--xor-mark' ? [v, 0] : o.key === '--and-mark' ? [0, ~v]
        : [v, m ?? 0xffffffff];
      parts.push(`--set-xmark ${hex(set[0]!)}/${hex(set[1]!)}`);
    }
  } else {
    for (const o of t.opts) parts.push([o.key, ...o.vals].join(' '));
  }
  return parts.join(' ');
}

// Options whose single value may itself look like an option (free text).
const ONE_VALUE = new Set(['--comment', '--name', '--nfacct-name']);

export type HeadKey = '-s' | '-d' | '-i' | '-o' | '-p';
export interface ParsedRule {
  head: Partial<Record<HeadKey, { neg: boolean; val: string }>>;
  exts: Ext[];
  target?: Ext;
}
export type { Ext };

/** Splits a rule's argument words into the IP header matches, the extension matches and the target. */
export function parseRule(words: string[]): ParsedRule {
  const head: ParsedRule['head'] = {};
  const exts: Ext[] = [];
  let target: Ext | undefined;
  let last: Ext | undefined;
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    let neg = false;
    if (w === '!') { neg = true; w = words[++i] ?? ''; }
    if (w === '-s' || w === '-d' || w === '-i' || w === '-o' || w === '-p') head[w] = { neg, val: words[++i] ?? '' };
    else if (w === '-m') { last = { name: words[++i] ?? '', opts: [] }; exts.push(last); }
    else if (w === '-j') { target = { name: words[++i] ?? '', opts: [] }; last = target; }
    else if (w.startsWith('--') && last) {
      const vals: string[] = [];
      if (ONE_VALUE.has(w)) vals.push(words[++i] ?? '');
      else while (i + 1 < words.length && !words[i + 1]!.startsWith('-') && words[i + 1] !== '!') vals.push(words[++i]!);
      last.opts.push({ neg, key: w, vals });
    }
  }
  return { head, exts, target };
}

/** `-s`/`-d` value with its prefix length, as iptables prints it. */
export const headAddr = (v: string, v6: boolean): string => addr(v, v6);

/** The rule words in iptables-save's canonical order (no `-A CHAIN`); `counters` adds `-c P B` as `-S -v` does. */
export function canonicalArgs(words: string[], v6: boolean, counters?: [number, number]): string {
  const { head, exts, target } = parseRule(words);
  const parts: string[] = [];
  for (const k of ['-s', '-d', '-i', '-o', '-p'] as const) {
    const h = head[k];
    if (h) parts.push(`${h.neg ? '! ' : ''}${k} ${k === '-s' || k === '-d' ? addr(h.val, v6) : h.val}`);
  }
  for (const m of exts) parts.push(saveMatch(m, v6));
  if (counters) parts.push(`-c ${counters[0]} ${counters[1]}`);
  if (target) parts.push(saveTarget(target, v6));
  return parts.join(' ');
}

/** Canonical `-A CHAIN ...` line for a rule given as kube-proxy's argument words. */
export function canonicalRule(chain: string, words: string[], v6: boolean): string {
  const args = canonicalArgs(words, v6);
  return args ? `-A ${chain} ${args}` : `-A ${chain}`;
}
