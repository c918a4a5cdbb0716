// A model of the kernel's iptables tables on one node: what `iptables-restore --noflush`
// and `iptables -I` do to it, so partial syncs, stale-chain deletion and `iptables-save`
// behave as on a real node. Work per restore is proportional to the chains it rewrites:
// rules are shared, immutable RuleSpecs; chains are replaced, never edited in place.
import type { Table } from '../types.ts';
import { canonicalRule } from './canonical.ts';
import type { Undo } from './restore.ts';

/**
 * One rule as its writer passed it (`-A CHAIN args...`). Immutable, so a sync that writes an
 * unchanged rule again reuses it and what is derived from it (its iptables-save text) is
 * computed once. Subclasses (specs.ts) hold the fields of kube-proxy's high-volume rules and
 * render both texts from them on demand.
 */
export class RuleSpec {
  // Fields are `declare`d and assigned, not class fields: with ES2022 define semantics each
  // field is a property definition per instance, and there are hundreds of thousands of specs.
  declare readonly chain: string;
  declare readonly target: string | undefined;
  declare private readonly text: string;
  declare private readonly w: string[] | undefined;
  declare private saved?: string;
  /** Subclasses that render their own line pass no text: the two fields are then never made (170k rules at scale). */
  constructor(chain: string, text: string | undefined, target: string | undefined, words?: string[]) {
    this.chain = chain; this.target = target;
    if (text !== undefined) { this.text = text; this.w = words; }
  }
  get line(): string {
    return this.text;
  }
  /** The argument words after `-A CHAIN`, quotes removed (not kept: at scale they would outweigh the text). */
  get words(): string[] {
    return this.w ?? splitWords(this.line).slice(2);
  }
  /** The line as iptables-save prints it back. */
  save(v6: boolean): string {
    return v6 ? canonicalRule(this.chain, this.words, true) : (this.saved ??= canonicalRule(this.chain, this.words, false));
  }
  static of(chain: string, words: string[]): RuleSpec {
    const text = words.map((w) => (w.includes(' ') ? `"${w}"` : w)).join(' ');
    return new RuleSpec(chain, text ? `-A ${chain} ${text}` : `-A ${chain}`, targetOf(words), words);
  }
}

/**
 * A chain in the kernel. Its rules are shared specs; their packet/byte counters live beside
 * them (pairs, made on first count), so (re)writing a chain allocates nothing per rule and
 * a rewritten chain starts from zero, as a flushed one does.
 */
export interface KChain {
  name: string;
  builtin: boolean;
  policy: string;
  rules: readonly RuleSpec[];
  pkts: number;
  bytes: number;
  counters?: Float64Array;
  /** Its rules as iptables-save prints them (save.ts; chains are replaced, not edited, so this never goes stale). */
  saved?: string;
}
export const newChain = (name: string, builtin: boolean, policy: string, rules: readonly RuleSpec[] = []): KChain =>
  ({ name, builtin, policy, rules, pkts: 0, bytes: 0 });

/** Packets and bytes rule i of the chain has matched. */
export const ruleCounters = (c: KChain, i: number): [number, number] => [c.counters?.[2 * i] ?? 0, c.counters?.[2 * i + 1] ?? 0];

export function countRule(c: KChain, i: number, pkts: number, bytes: number): void {
  let k = c.counters;
  if (!k || k.length < 2 * c.rules.length) {
    k = new Float64Array(2 * c.rules.length);
    if (c.counters) k.set(c.counters.subarray(0, k.length));
    c.counters = k;
  }
  k[2 * i] = k[2 * i]! + pkts;
  k[2 * i + 1] = k[2 * i + 1]! + bytes;
}

export const BUILTIN_CHAINS: Record<Table, string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};
/** Order `iptables-save` (nf_tables) prints tables in. */
export const TABLE_ORDER: Table[] = ['mangle', 'filter', 'nat'];

export const STANDARD_TARGETS = new Set([
  'ACCEPT', 'DROP', 'RETURN', 'REJECT', 'MARK', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'LOG', 'CONNMARK', 'NOTRACK', 'CT',
]);
/** The chain a rule jumps to, if its target is a user chain. */
export const jumpOf = (spec: RuleSpec): string | undefined =>
  spec.target !== undefined && !STANDARD_TARGETS.has(spec.target) ? spec.target : undefined;

export class RestoreError extends Error {}

/** Split a restore line into words; double-quoted strings are one word (quotes and backslash escapes removed). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && line.charCodeAt(i) <= 32) i++;
    if (i >= n) break;
    if (line.charCodeAt(i) === 34 /* " */) {
      let w = '', j = i + 1, from = j;
      for (; j < n; j++) {
        const c = line.charCodeAt(j);
        if (c === 34) break;
        if (c === 92 /* backslash: the next character is literal */ && j + 1 < n) { w += line.slice(from, j); from = ++j; }
      }
      out.push(w + line.slice(from, j));
      i = j + 1;
    } else {
      const start = i;
      while (i < n && line.charCodeAt(i) > 32) i++;
      out.push(line.slice(start, i));
    }
  }
  return out;
}

export const targetOf = (words: string[]): string | undefined => {
  const i = words.lastIndexOf('-j');
  return i >= 0 ? words[i + 1] : undefined;
};

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per table: chains by name, user chains sorted by name, and how many rules jump to each chain. */
export class TableState {
  readonly chains = new Map<string, KChain>();
  readonly refs = new Map<string, number>();
  /** Bumped on every change of rules or chains (iptables-save caches per version). */
  version = 0;
  private names: string[] = [];
  /** User chains created / deleted since `names` was last brought up to date. */
  private added: string[] = [];
  private deleted = new Set<string>();

  constructor(t: Table) {
    for (const b of BUILTIN_CHAINS[t]) this.chains.set(b, newChain(b, true, 'ACCEPT'));
  }

  /** User chain names in byte order. */
  get sorted(): readonly string[] {
    if (this.added.length + this.deleted.size > 64) {
      this.names = [];
      for (const c of this.chains.values()) if (!c.builtin) this.names.push(c.name);
      this.names.sort(byName);
    } else {
      for (const n of this.deleted) { const i = lowerBound(this.names, n); if (this.names[i] === n) this.names.splice(i, 1); }
      for (const n of this.added) { const i = lowerBound(this.names, n); if (this.names[i] !== n) this.names.splice(i, 0, n); }
    }
    this.added = [];
    this.deleted.clear();
    return this.names;
  }

  /** Builtins in kernel order, then user chains by name: iptables-save's and -L's order. */
  ordered(): KChain[] {
    const out: KChain[] = [];
    for (const c of this.chains.values()) if (c.builtin) out.push(c);
    for (const n of this.sorted) out.push(this.chains.get(n)!);
    return out;
  }

  /** Replaces (or removes, with null) a chain, keeping the jump counts. */
  put(name: string, chain: KChain | null): void {
    const old = this.chains.get(name);
    const a = old?.rules ?? [], b = chain?.rules ?? [];
    // A rewritten chain mostly repeats the same specs (KUBE-SERVICES on every sync): count only the middle that differs.
    let i = 0, ea = a.length, eb = b.length;
    while (i < ea && i < eb && a[i] === b[i]) i++;
    while (ea > i && eb > i && a[ea - 1] === b[eb - 1]) { ea--; eb--; }
    this.count(a, i, ea, -1);
    this.count(b, i, eb, 1);
    if (chain) this.chains.set(name, chain); else this.chains.delete(name);
    if (!old !== !chain && !(old ?? chain)!.builtin) {
      if (chain) { if (!this.deleted.delete(name)) this.added.push(name); } else this.deleted.add(name);
    }
    this.version++;
  }

  private count(rules: readonly RuleSpec[], from: number, to: number, d: number): void {
    for (let i = from; i < to; i++) {
      const j = jumpOf(rules[i]!);
      if (j !== undefined) this.refs.set(j, (this.refs.get(j) ?? 0) + d);
    }
  }
}

function lowerBound(a: readonly string[], x: string): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (a[mid]! < x) lo = mid + 1; else hi = mid; }
  return lo;
}

export class NetfilterState {
  /** Tables that exist (nf_tables creates a table on first use). */
  readonly tables = new Map<Table, TableState>();

  table(t: Table): TableState {
    let s = this.tables.get(t);
    if (!s) { s = new TableState(t); this.tables.set(t, s); }
    return s;
  }

  chain(t: Table, name: string): KChain | undefined {
    return this.tables.get(t)?.chains.get(name);
  }

  chainNames(t: Table): string[] {
    return [...(this.tables.get(t)?.chains.keys() ?? [])];
  }

  ensureChain(t: Table, name: string): void {
    const s = this.table(t);
    if (!s.chains.has(name)) s.put(name, newChain(name, false, '-'));
  }

  /** `iptables -C || iptables -I/-A`: returns true when the rule already existed. */
  ensureRule(t: Table, chain: string, words: string[], prepend: boolean): boolean {
    const s = this.table(t);
    const ch = s.chains.get(chain);
    if (!ch) throw new RestoreError(`iptables: No chain/target/match by that name (${chain}).`);
    const key = words.join('\0');
    if (ch.rules.some((r) => r.words.join('\0') === key)) return true;
    const r = RuleSpec.of(chain, words);
    let counters: Float64Array | undefined;
    if (ch.counters) { counters = new Float64Array(ch.counters.length + 2); counters.set(ch.counters, prepend ? 2 : 0); }
    s.put(chain, { ...ch, rules: prepend ? [r, ...ch.rules] : [...ch.rules, r], counters, saved: undefined });
    return false;
  }

  /** Puts back what a restore replaced (its result was "rejected" after the fact). */
  undo(u: Undo): void {
    for (const { table, names, before } of u) {
      for (let i = names.length - 1; i >= 0; i--) table.put(names[i]!, before[i]!);
    }
  }
}
