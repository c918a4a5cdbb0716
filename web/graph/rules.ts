// One iptables-save rule line in a few words for a chain's row: what it matches and what it
// does. The exact line stays one click away (the inspector); this is only the gist.

export interface RuleGist {
  /** "10.96.0.10:53/udp", "not from 10.244.0.0/16", "p=0.333", ... or "every packet". */
  match: string;
  /** "→ KUBE-SVC-…", "DNAT → 10.244.1.3:80", "mark for SNAT", "MASQUERADE", ... */
  action: string;
  /** The user chain it jumps to, if any (an edge in the data-path view). */
  jump?: string;
  /** DNAT destination, "ip:port". */
  dnat?: string;
  comment?: string;
}

/** Words of an iptables-save line, quotes removed. */
export function ruleWords(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) out.push(m[1] !== undefined ? m[1].replace(/\\"/g, '"') : m[2]!);
  return out;
}

const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'MARK', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'LOG', 'CONNMARK', 'NOTRACK', 'CT']);
const bare = (cidr: string) => cidr.replace(/\/32$/, '');

export function ruleGist(line: string): RuleGist {
  const w = ruleWords(line);
  const arg = (flag: string): { v: string; not: boolean } | undefined => {
    const i = w.indexOf(flag);
    return i < 0 ? undefined : { v: w[i + 1] ?? '', not: w[i - 1] === '!' };
  };
  const parts: string[] = [];
  const d = arg('-d');
  const p = arg('-p');
  const dport = arg('--dport');
  if (d && dport) parts.push(`${d.not ? 'not to ' : ''}${bare(d.v)}:${dport.v}${p ? `/${p.v}` : ''}`);
  else {
    if (d) parts.push(`${d.not ? 'not to' : 'to'} ${bare(d.v)}`);
    if (dport) parts.push(`port ${dport.v}${p ? `/${p.v}` : ''}`);
    else if (p && w.includes('--to-destination') === false) parts.push(p.v);
  }
  const s = arg('-s');
  if (s) parts.push(`${s.not ? 'not from' : 'from'} ${bare(s.v)}`);
  const mark = arg('--mark');
  if (mark) parts.push(mark.not ? 'unmarked' : `marked ${mark.v.split('/')[0]}`);
  const prob = arg('--probability');
  if (prob) parts.push(`p=${Number(prob.v).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}`);
  const dst = arg('--dst-type');
  if (dst) parts.push(`to a ${dst.v.toLowerCase()} address`);
  if (w.includes('--ctstate')) parts.push(`ct ${arg('--ctstate')!.v}`);
  if (w.includes('--physdev-is-in')) parts.push('bridged');

  const j = arg('-j')?.v ?? arg('-g')?.v;
  const dnat = arg('--to-destination')?.v;
  let action = j ? `→ ${j}` : 'count only';
  if (j === 'KUBE-MARK-MASQ') action = 'mark for SNAT';
  else if (j === 'KUBE-MARK-DROP') action = 'mark to drop';
  else if (j === 'DNAT') action = `DNAT → ${dnat ?? '?'}`;
  else if (j === 'MARK') action = `set mark ${arg('--set-xmark')?.v ?? ''}`.trim();
  else if (j === 'REJECT') action = `REJECT${arg('--reject-with') ? ` (${arg('--reject-with')!.v})` : ''}`;
  else if (j && BUILTIN_TARGETS.has(j)) action = j;
  return {
    match: parts.join(', ') || 'every packet',
    action,
    ...(j && !BUILTIN_TARGETS.has(j) ? { jump: j } : {}),
    ...(dnat ? { dnat } : {}),
    ...(arg('--comment') ? { comment: arg('--comment')!.v } : {}),
  };
}

/** "default/web:http" from a kube-proxy comment ("default/web:http cluster IP", "... -> 10.0.0.1:80"). */
export function servicePortOf(comment: string | undefined): string | undefined {
  const m = comment?.match(/^([a-z0-9-]+\/[a-z0-9.-]+(?::[a-z0-9-]+)?)(?:\s|$)/);
  return m?.[1];
}
