// The `ip kube-proxy` nftables table as data, and its two texts: the transaction kube-proxy
// sends (knftables' "add ..." lines, what upstream's unit tests compare) and what
// `nft list table ip kube-proxy` prints back.

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
export interface NftRule { rule: string; comment?: string }
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

/** nft's names for standard priorities (nft list prints `dstnat - 10`, not -110). */
function priorityText(type: string, hook: string, p: number): string {
  const named: [string, number][] = type === 'nat'
    ? [[hook === 'prerouting' || hook === 'output' ? 'dstnat' : 'srcnat', hook === 'prerouting' || hook === 'output' ? -100 : 100]]
    : [['raw', -300], ['mangle', -150], ['dstnat', -100], ['filter', 0], ['security', 50], ['srcnat', 100]];
  let best: [string, number] | undefined;
  for (const n of named) if (Math.abs(p - n[1]) <= 10 && (!best || Math.abs(p - n[1]) < Math.abs(p - best[1]))) best = n;
  if (!best) return String(p);
  const d = p - best[1];
  return d === 0 ? best[0] : `${best[0]} ${d > 0 ? '+' : '-'} ${Math.abs(d)}`;
}

/** `nft list table ip kube-proxy`: sets and maps, then chains, in the order they were created. */
export function listText(t: NftTable): string {
  const out = [`table ${t.family} ${t.name} {`, `\tcomment ${q(t.comment)}`];
  for (const s of t.sets) {
    out.push(`\t${s.kind} ${s.name} {`, `\t\ttype ${s.type}`);
    if (s.flags) out.push(`\t\tflags ${s.flags.join(',')}`);
    if (s.timeoutSeconds !== undefined) out.push(`\t\ttimeout ${formatTimeout(s.timeoutSeconds)}`);
    if (s.comment !== undefined) out.push(`\t\tcomment ${q(s.comment)}`);
    if (s.elements.length) out.push(`\t\telements = { ${s.elements.map(elementText).join(',\n\t\t\t     ')} }`);
    out.push('\t}');
  }
  for (const c of t.chains) {
    out.push(`\tchain ${c.name} {`);
    if (c.comment !== undefined) out.push(`\t\tcomment ${q(c.comment)}`);
    if (c.hook) out.push(`\t\ttype ${c.hook.type} hook ${c.hook.hook} priority ${priorityText(c.hook.type, c.hook.hook, c.hook.priority)}; policy accept;`);
    for (const r of c.rules) out.push(`\t\t${ruleText(r)}`);
    out.push('\t}');
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** nft prints set timeouts as `3h`, `1h30m`, `10s`. */
function formatTimeout(s: number): string {
  const parts: string[] = [];
  for (const [unit, n] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (s >= n) { parts.push(`${Math.floor(s / n)}${unit}`); s %= n; }
  }
  return parts.join('') || '0s';
}
