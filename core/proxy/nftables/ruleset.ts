// The `ip kube-proxy` nftables table as data, and its two texts: the transaction kube-proxy
// sends (knftables' "add ..." lines, what upstream's unit tests compare) and what
// `nft list table ip kube-proxy` prints back.
import { formatIP, parseCIDR, parseIP } from '../ip.ts';

export interface NftElement { key: string[]; value?: string; comment?: string }
export interface NftSet {
  name: string;
  /** `map` when value-typed (`type A . B : verdict`). */
  kind: 'set' | 'map';
  type: string;
  flags?: string[];
  timeoutSeconds?: number;
  comment?: string;
  elements: NftElement[];
}
/** `listed`: how `nft list` prints the rule back when that differs from what kube-proxy sent (nft decompiles the kernel's bytecode). */
export interface NftRule { rule: string; comment?: string; listed?: string }
export interface NftChain {
  name: string;
  hook?: { type: 'filter' | 'nat'; hook: string; priority: number };
  comment?: string;
  rules: NftRule[];
}
export interface NftTable { family: 'ip' | 'ip6'; name: string; comment: string; sets: NftSet[]; chains: NftChain[] }

const q = (s: string) => `"${s}"`;
const ruleText = (r: NftRule) => (r.comment === undefined ? r.rule : `${r.rule} comment ${q(r.comment)}`);
const elementText = (e: NftElement) =>
  `${e.key.join(' . ')}${e.comment === undefined ? '' : ` comment ${q(e.comment)}`}${e.value === undefined ? '' : ` : ${e.value}`}`;

/** knftables' transaction text ("add table/set/map/chain/rule/element ..."). */
export function transactionText(t: NftTable): string {
  const at = `${t.family} ${t.name}`;
  const out = [`add table ${at} { comment ${q(t.comment)} ; }`];
  for (const s of t.sets) {
    const props = [`type ${s.type}`];
    if (s.flags) props.push(`flags ${s.flags.join(',')}`);
    if (s.timeoutSeconds !== undefined) props.push(`timeout ${s.timeoutSeconds}s`);
    if (s.comment !== undefined) props.push(`comment ${q(s.comment)}`);
    out.push(`add ${s.kind} ${at} ${s.name} { ${props.join(' ; ')} ; }`);
  }
  for (const c of t.chains) {
    const props: string[] = [];
    if (c.hook) props.push(`type ${c.hook.type} hook ${c.hook.hook} priority ${c.hook.priority}`);
    if (c.comment !== undefined) props.push(`comment ${q(c.comment)}`);
    out.push(`add chain ${at} ${c.name}${props.length ? ` { ${props.join(' ; ')} ; }` : ''}`);
  }
  for (const c of t.chains) for (const r of c.rules) out.push(`add rule ${at} ${c.name} ${ruleText(r)}`);
  for (const s of t.sets) for (const e of s.elements) out.push(`add element ${at} ${s.name} { ${elementText(e)} }`);
  return out.join('\n') + '\n';
}

/**
 * nft's names for standard priorities (`dstnat - 10`, not -110). The NAT names are used only
 * on their own hook (dstnat: prerouting, srcnat: postrouting): elsewhere nft prints the
 * number (`type nat hook output priority -100`), as nft 1.0.6 lists it.
 */
function priorityText(hook: string, p: number): string {
  const named: [string, number][] = [['raw', -300], ['mangle', -150], ['filter', 0], ['security', 50]];
  if (hook === 'prerouting') named.push(['dstnat', -100]);
  if (hook === 'postrouting') named.push(['srcnat', 100]);
  let best: [string, number] | undefined;
  for (const n of named) if (Math.abs(p - n[1]) <= 10 && (!best || Math.abs(p - n[1]) < Math.abs(p - best[1]))) best = n;
  if (!best) return String(p);
  const d = p - best[1];
  return d === 0 ? best[0] : `${best[0]} ${d > 0 ? '+' : '-'} ${Math.abs(d)}`;
}

/**
 * `nft list table ip kube-proxy` (nft 1.0.6): sets and maps, then chains, in the order they
 * were created, a blank line between them. Elements come back sorted (elementOrder) and
 * wrapped as nft wraps them: two addresses a line, a concatenation per line.
 */
export function listText(t: NftTable): string {
  const out = [`table ${t.family} ${t.name} {`, `\tcomment ${q(t.comment)}`];
  const blocks: string[][] = [];
  for (const s of t.sets) {
    const b = [`\t${s.kind} ${s.name} {`, `\t\ttype ${s.type}`];
    // The kernel gives a dynamic set without a size its default maximum.
    if (s.flags?.includes('dynamic')) b.push('\t\tsize 65535');
    if (s.flags) b.push(`\t\tflags ${s.flags.join(',')}`);
    if (s.timeoutSeconds !== undefined) b.push(`\t\ttimeout ${formatTimeout(s.timeoutSeconds)}`);
    if (s.comment !== undefined) b.push(`\t\tcomment ${q(s.comment)}`);
    if (s.elements.length) b.push(`\t\telements = { ${elementsText(s)} }`);
    blocks.push([...b, '\t}']);
  }
  for (const c of t.chains) {
    const b = [`\tchain ${c.name} {`];
    if (c.comment !== undefined) b.push(`\t\tcomment ${q(c.comment)}`);
    if (c.hook) b.push(`\t\ttype ${c.hook.type} hook ${c.hook.hook} priority ${priorityText(c.hook.hook, c.hook.priority)}; policy accept;`);
    for (const r of c.rules) b.push(`\t\t${ruleText({ ...r, rule: r.listed ?? r.rule })}`);
    blocks.push([...b, '\t}']);
  }
  blocks.forEach((b, i) => out.push(...(i ? ['', ...b] : b)));
  out.push('}');
  return out.join('\n') + '\n';
}

/**
 * An anonymous set of addresses/prefixes as nft lists it back from the kernel: the
 * intervals sorted and merged (10.96.0.0/16 and 10.97.0.0/16 become 10.96.0.0/15), each
 * printed as an address, a prefix or a range.
 */
export function listedPrefixes(items: string[]): string {
  const ranges: [bigint, bigint, boolean][] = [];
  for (const it of items) {
    const c = parseCIDR(it.includes('/') ? it : `${it}/${it.includes(':') ? 128 : 32}`);
    if (!c) continue;
    const width = BigInt(c.ip.bytes.length * 8);
    const start = c.ip.bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
    ranges.push([start, start + (1n << (width - BigInt(c.bits))) - 1n, c.ip.v6]);
  }
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint, boolean][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1n) { if (r[1] > last[1]) last[1] = r[1]; } else merged.push([...r]);
  }
  const text = merged.map(([a, b, v6]) => intervalText(a, b, v6));
  // nft turns a set written with one element into a plain match before loading it; a set merged down to one stays a set.
  return items.length === 1 && text.length === 1 ? text[0]! : `{ ${text.join(', ')} }`;
}

function intervalText(a: bigint, b: bigint, v6: boolean): string {
  const width = v6 ? 128 : 32;
  const ip = (n: bigint) => formatIP({ v6, bytes: Array.from({ length: width / 8 }, (_, i) => Number((n >> BigInt(width - 8 - 8 * i)) & 255n)) });
  const size = b - a + 1n;
  const bits = size.toString(2).length - 1;
  if (size === 1n << BigInt(bits) && a % size === 0n) return bits === 0 ? ip(a) : `${ip(a)}/${width - bits}`;
  return `${ip(a)}-${ip(b)}`;
}

/** nft's line breaks in a named set: after every second IPv4 address, after each element of other types. */
function elementsText(s: NftSet): string {
  const perLine = s.type === 'ipv4_addr' ? 2 : 1;
  return elementOrder(s).map((e, i) => elementText(e) + ((i + 1) % perLine === 0 ? ',\n\t\t\t     ' : ', '))
    .join('').replace(/,(\n\t\t\t     | )$/, '');
}

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

/** A key component's bytes as the kernel stores it (network order). */
function keyBytes(type: string, v: string): number[] {
  if (type === 'inet_proto') return [PROTOCOLS[v] ?? Number(v)];
  if (type === 'inet_service') return [(Number(v) >> 8) & 255, Number(v) & 255];
  const ip = parseIP(v);
  return ip ? ip.bytes : [];
}

/**
 * The order nft lists elements in: it sorts them by key value. A single value compares as a
 * number (addresses in numeric order); a concatenation's bytes are read as one little-endian
 * number, so its last byte weighs most (port, then protocol, then the address's last octet).
 */
function elementOrder(s: NftSet): NftElement[] {
  const types = s.type.split(':')[0]!.split('.').map((x) => x.trim());
  const concat = types.length > 1;
  const bytes = (e: NftElement) => {
    const b = e.key.flatMap((k, i) => keyBytes(types[i] ?? '', k));
    return concat ? b.reverse() : b;
  };
  // Adding an element that exists is no error (kube-proxy adds a ClusterIP once per port): one copy is kept.
  const seen = new Set<string>();
  const keyed = s.elements.filter((e) => !seen.has(e.key.join(' . ')) && !!seen.add(e.key.join(' . '))).map((e) => [bytes(e), e] as const);
  keyed.sort(([a], [b]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
  return keyed.map(([, e]) => e);
}

/** nft prints set timeouts as `3h`, `1h30m`, `10s`. */
function formatTimeout(s: number): string {
  const parts: string[] = [];
  for (const [unit, n] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (s >= n) { parts.push(`${Math.floor(s / n)}${unit}`); s %= n; }
  }
  return parts.join('') || '0s';
}
