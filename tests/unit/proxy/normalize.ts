// Port of conformance/kube-proxy/tools/normalize.py: the sortIPTablesRules() normalisation
// kube-proxy's unit tests apply before comparing restore text, and chain extraction for
// assertIPTablesChainEqual.

interface PChain { name: string; counters: string; rules: string[]; deleted: boolean }
interface PTable { name: string; chains: PChain[] }

const WORD = /(?:^|\s)("[^"]*"|[^"]\S*)/g;
const words = (rule: string): string[] => [...rule.matchAll(WORD)].map((m) => m[1]!.replace(/^"|"$/g, ''));

export function commentOf(rule: string): string | undefined {
  const w = words(rule);
  for (let i = 0; i < w.length - 1; i++) if (w[i] === '--comment') return w[i + 1];
  return undefined;
}

export function parse(text: string): PTable[] {
  const tables: PTable[] = [];
  let cur: PTable | null = null;
  const find = (t: PTable, name: string) => {
    const c = t.chains.find((x) => x.name === name);
    if (!c) throw new Error(`rule/delete for undeclared chain ${name} in ${t.name}`);
    return c;
  };
  for (const raw of text.replace(/^\n+|\n+$/g, '').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (!cur) {
      if (!line.startsWith('*')) throw new Error(`expected table line, got ${line}`);
      cur = { name: line.slice(1), chains: [] };
      tables.push(cur);
      continue;
    }
    let m = /^:(\S*) - \[(\d*):(\d*)\]$/.exec(line);
    if (m) { cur.chains.push({ name: m[1]!, counters: `[${m[2]}:${m[3]}]`, rules: [], deleted: false }); continue; }
    if (line === 'COMMIT') { cur = null; continue; }
    m = /^-A (\S*) /.exec(line);
    if (m) { find(cur, m[1]!).rules.push(line); continue; }
    m = /^-X (.*)$/.exec(line);
    if (m) { find(cur, m[1]!).deleted = true; continue; }
    throw new Error(`cannot parse ${line}`);
  }
  if (cur) throw new Error('missing COMMIT');
  return tables;
}

const rank = (n: string): [number, string] =>
  n === 'KUBE-NODEPORTS' ? [0, ''] : n === 'KUBE-SERVICES' ? [1, ''] : n.startsWith('KUBE-') ? [2, n] : [3, n];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function svcKey(rule: string): string | undefined {
  const c = commentOf(rule);
  return c === undefined ? undefined : c.split(/[ :]/, 1)[0];
}

function ruleCmp(lastSpecial: boolean) {
  return (a: string, b: string): number => {
    if (lastSpecial) {
      if (commentOf(a)?.includes('must be the last rule')) return 1;
      if (commentOf(b)?.includes('must be the last rule')) return -1;
    }
    const ka = svcKey(a), kb = svcKey(b);
    return ka === undefined || kb === undefined ? 0 : cmp(ka, kb);
  };
}

export function normalize(text: string): string {
  const tables = parse(text).sort((a, b) => cmp(a.name, b.name));
  const out: string[] = [];
  for (const t of tables) {
    t.chains.sort((a, b) => {
      const [ra, na] = rank(a.name), [rb, nb] = rank(b.name);
      return ra - rb || cmp(na, nb);
    });
    for (const c of t.chains) {
      if ((c.name === 'KUBE-NODEPORTS' || c.name === 'KUBE-SERVICES') && (t.name === 'filter' || t.name === 'nat')) {
        c.rules.sort(ruleCmp(t.name === 'nat' && c.name === 'KUBE-SERVICES')); // Array#sort is stable
      }
    }
    out.push('*' + t.name);
    for (const c of t.chains) out.push(`:${c.name} - ${c.counters}`);
    for (const c of t.chains) out.push(...c.rules);
    for (const c of t.chains) if (c.deleted) out.push('-X ' + c.name);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

export function chainRules(text: string, table: string, chain: string): string {
  const t = parse(text).find((x) => x.name === table);
  const c = t?.chains.find((x) => x.name === chain);
  return (c?.rules ?? []).map((r) => r + '\n').join('');
}

const BUILTIN_TARGETS = new Set(['ACCEPT', 'REJECT', 'DROP', 'MARK', 'RETURN', 'DNAT', 'SNAT', 'MASQUERADE']);
const UNJUMPED_OK = new Set(['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING',
  'KUBE-FORWARD', 'KUBE-MARK-MASQ', 'KUBE-PROXY-FIREWALL', 'KUBE-FIREWALL']);

/** checkIPTablesRuleJumps: problems found (empty = consistent). */
export function ruleJumpProblems(text: string): string[] {
  const problems: string[] = [];
  for (const t of parse(text)) {
    const declared = new Set(t.chains.filter((c) => !c.deleted).map((c) => c.name));
    const jumped = new Set<string>();
    for (const c of t.chains) {
      for (const r of c.rules) {
        const w = words(r);
        const j = w.indexOf('-j');
        const target = j >= 0 ? w[j + 1] : undefined;
        if (!target || BUILTIN_TARGETS.has(target)) continue;
        jumped.add(target);
        if (!declared.has(target)) problems.push(`${t.name}: jump to undeclared ${target}`);
      }
    }
    for (const c of t.chains) {
      if (c.deleted) continue;
      if (jumped.has(c.name) && c.rules.length === 0 && c.name !== 'KUBE-NODEPORTS') problems.push(`${t.name}: ${c.name} jumped to but empty`);
      if (!jumped.has(c.name) && !UNJUMPED_OK.has(c.name)) problems.push(`${t.name}: ${c.name} declared but unused`);
    }
  }
  return problems;
}
