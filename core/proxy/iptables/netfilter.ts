// A model of the kernel's iptables tables on one node: what `iptables-restore --noflush`
// and `iptables -I` do to it, so partial syncs, stale-chain deletion and `iptables-save`
// behave as on a real node.
import type { Table } from '../types.ts';

/** A rule as its writer passed it (argument words), with the kernel's packet/byte counters. */
export interface KRule { words: string[]; pkts: number; bytes: number }
export interface KChain { name: string; builtin: boolean; policy: string; rules: KRule[]; pkts: number; bytes: number }

export const newRule = (words: string[]): KRule => ({ words, pkts: 0, bytes: 0 });
const newChain = (name: string, builtin: boolean, policy: string): KChain => ({ name, builtin, policy, rules: [], pkts: 0, bytes: 0 });

export const BUILTIN_CHAINS: Record<Table, string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};
/** Order `iptables-save` (nf_tables) prints tables in. */
export const TABLE_ORDER: Table[] = ['mangle', 'filter', 'nat'];

const STANDARD_TARGETS = new Set([
  'ACCEPT', 'DROP', 'RETURN', 'REJECT', 'MARK', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'LOG', 'CONNMARK', 'NOTRACK', 'CT',
]);

export class RestoreError extends Error {}

/** Split a restore line into words; double-quoted strings are one word (quotes removed). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}

export const targetOf = (words: string[]): string | undefined => {
  const i = words.lastIndexOf('-j');
  return i >= 0 ? words[i + 1] : undefined;
};

export class NetfilterState {
  /** Tables that exist (nf_tables creates a table on first use). */
  readonly tables = new Map<Table, Map<string, KChain>>();

  clone(): NetfilterState {
    const c = new NetfilterState();
    for (const [t, chains] of this.tables) {
      const m = new Map<string, KChain>();
      for (const [n, ch] of chains) m.set(n, { ...ch, rules: ch.rules.map((r) => ({ ...r })) });
      c.tables.set(t, m);
    }
    return c;
  }

  table(t: Table): Map<string, KChain> {
    let chains = this.tables.get(t);
    if (!chains) {
      chains = new Map();
      for (const b of BUILTIN_CHAINS[t]) chains.set(b, newChain(b, true, 'ACCEPT'));
      this.tables.set(t, chains);
    }
    return chains;
  }

  chainNames(t: Table): string[] {
    return [...(this.tables.get(t)?.keys() ?? [])];
  }

  ensureChain(t: Table, name: string): void {
    const chains = this.table(t);
    if (!chains.has(name)) chains.set(name, newChain(name, false, '-'));
  }

  /** `iptables -C || iptables -I/-A`: returns true when the rule already existed. */
  ensureRule(t: Table, chain: string, words: string[], prepend: boolean): boolean {
    const ch = this.table(t).get(chain);
    if (!ch) throw new RestoreError(`iptables: No chain/target/match by that name (${chain}).`);
    const key = words.join('\0');
    if (ch.rules.some((r) => r.words.join('\0') === key)) return true;
    if (prepend) ch.rules.unshift(newRule(words)); else ch.rules.push(newRule(words));
    return false;
  }

  /** `iptables-restore --noflush`: all-or-nothing; throws RestoreError and leaves state unchanged. */
  restore(text: string): void {
    // Copy-on-write: the tables' maps are copied, a chain only when this restore changes it,
    // so a partial sync of a large ruleset does not copy every rule.
    const next = new Map<Table, Map<string, KChain>>();
    for (const [t, chains] of this.tables) next.set(t, new Map(chains));
    const owned = new Set<KChain>();
    const own = (chains: Map<string, KChain>, ch: KChain): KChain => {
      if (owned.has(ch)) return ch;
      const c = { ...ch, rules: [...ch.rules] };
      chains.set(c.name, c); owned.add(c);
      return c;
    };
    const tableOf = (t: Table): Map<string, KChain> => {
      let chains = next.get(t);
      if (!chains) {
        chains = new Map();
        for (const b of BUILTIN_CHAINS[t]) chains.set(b, newChain(b, true, 'ACCEPT'));
        next.set(t, chains);
      }
      return chains;
    };
    let cur: Map<string, KChain> | null = null;
    let deleted: string[] = [];
    const lines = text.split('\n');
    lines.forEach((raw, idx) => {
      const line = raw.trim();
      const fail = (msg: string): never => { throw new RestoreError(`line ${idx + 1}: ${msg}`); };
      if (!line || line.startsWith('#')) return;
      if (line.startsWith('*')) {
        const t = line.slice(1) as Table;
        if (!(t in BUILTIN_CHAINS)) fail(`unknown table ${t}`);
        cur = tableOf(t); deleted = [];
        return;
      }
      if (!cur) return fail('rule outside of a table');
      const chains: Map<string, KChain> = cur;
      if (line === 'COMMIT') {
        if (deleted.length) {
          const gone = new Set(deleted);
          for (const c of chains.values()) {
            if (gone.has(c.name)) continue;
            for (const r of c.rules) { const t = targetOf(r.words); if (t && gone.has(t)) fail(`chain ${t} is still referenced by ${c.name}`); }
          }
          for (const name of deleted) chains.delete(name);
        }
        cur = null;
        return;
      }
      if (line.startsWith(':')) {
        const [name = '', policy = '-'] = line.slice(1).split(/\s+/);
        const ch = chains.get(name);
        if (ch?.builtin) { const c = own(chains, ch); if (policy !== '-') c.policy = policy; c.rules = []; return; }
        const c = newChain(name, false, '-');
        chains.set(name, c); owned.add(c);
        return;
      }
      const words = splitWords(line);
      const [op, name = ''] = words;
      const ch = chains.get(name);
      if (op === '-X') {
        if (!ch || ch.builtin) fail(`cannot delete chain ${name}`);
        deleted.push(name);
        return;
      }
      if (op !== '-A' && op !== '-I') return fail(`unsupported command ${op}`);
      if (!ch) return fail(`chain ${name} does not exist`);
      const rule = words.slice(2);
      const target = targetOf(rule);
      if (target && !STANDARD_TARGETS.has(target) && !chains.has(target)) fail(`Couldn't load target \`${target}'`);
      const c = own(chains, ch);
      if (op === '-A') c.rules.push(newRule(rule)); else c.rules.unshift(newRule(rule));
    });
    if (cur) throw new RestoreError('missing COMMIT');
    this.tables.clear();
    for (const [t, c] of next) this.tables.set(t, c);
  }
}
