// One `iptables-restore --noflush` as a transaction over the kernel model: chain
// declarations (flush), appended rules and chain deletions are staged per table, checked
// (a chain must exist to be appended to or jumped to; a deleted chain must not be
// referenced), and applied only when the whole input is valid, as the real one is atomic.
// Staging copies only the chains the restore touches, so a partial sync costs what it writes.
import type { Table } from '../types.ts';
import {
  BUILTIN_CHAINS, jumpOf, newChain, RestoreError, RuleSpec, splitWords, targetOf, type KChain, type NetfilterState, type TableState,
} from './netfilter.ts';

const NONE: readonly RuleSpec[] = [];

/** Per table, the chains a restore replaced and what was there before each (null: nothing). */
export type Undo = { table: TableState; names: string[]; before: (KChain | null)[] }[];

/**
 * A chain being rewritten: its new rules, and the rules it had (a rule the kernel already
 * held needs no new checks). `shared`: the rules array came whole from the writer (fill) and
 * is copied before anything is added to it.
 */
interface Staged { chain: KChain; rules: RuleSpec[]; old: readonly RuleSpec[]; at: number; shared: boolean }

interface Stage {
  base: TableState;
  /** New versions of touched chains; null once deleted. */
  chains: Map<string, Staged | null>;
  removed: string[];
  /** A chain was deleted by an earlier COMMIT of this restore: every jump is checked again. */
  deletedBefore: boolean;
}

export class Restore {
  private readonly stages = new Map<Table, Stage>();
  private cur?: Stage;
  /** The chain the previous rule went to: consecutive rules mostly share it. */
  private last?: Staged;

  constructor(private readonly k: NetfilterState) {}

  table(t: Table): void {
    if (!(t in BUILTIN_CHAINS)) throw new RestoreError(`unknown table ${t}`);
    let s = this.stages.get(t);
    // nf_tables creates a table (with its built-in chains) on first use.
    if (!s) { s = { base: this.k.table(t), chains: new Map(), removed: [], deletedBefore: false }; this.stages.set(t, s); }
    this.cur = s;
    this.last = undefined;
  }

  private stage(): Stage {
    if (!this.cur) throw new RestoreError('rule outside of a table');
    return this.cur;
  }

  private get(s: Stage, name: string): KChain | undefined {
    const staged = s.chains.get(name);
    if (staged !== undefined) return staged === null ? undefined : staged.chain;
    return s.base.chains.get(name);
  }

  /** `:NAME POLICY [0:0]`: creates the chain, or flushes it (a built-in keeps its counters). */
  declare(name: string, policy: string): void {
    const s = this.stage();
    const old = this.get(s, name);
    const rules: RuleSpec[] = [];
    const chain = old?.builtin
      ? { ...old, policy: policy !== '-' ? policy : old.policy, rules, counters: undefined, saved: undefined }
      : newChain(name, false, '-', rules);
    s.chains.set(name, { chain, rules, old: old?.rules ?? NONE, at: 0, shared: false });
    this.last = undefined;
  }

  /** All rules of a chain declared in this table and still empty, the array adopted as it is. */
  fill(name: string, rules: readonly RuleSpec[]): void {
    const s = this.stage();
    const staged = s.chains.get(name);
    if (!staged || staged.rules.length) {
      for (const r of rules) this.add(r);
      return;
    }
    for (const r of rules) this.check(s, staged, r);
    staged.rules = rules as RuleSpec[];
    staged.chain.rules = rules;
    staged.shared = true;
  }

  /**
   * The same rule in the same place as before the flush jumped to a chain that exists (a
   * deletion in this restore is caught at COMMIT); only new rules are checked.
   */
  private check(s: Stage, staged: Staged, spec: RuleSpec): void {
    const { old } = staged;
    if (old[staged.at] === spec && !s.deletedBefore) staged.at++;
    else if (old[staged.at + 1] === spec && !s.deletedBefore) staged.at += 2;
    else {
      const j = jumpOf(spec);
      if (j !== undefined && !this.get(s, j)) throw new RestoreError(`Couldn't load target \`${j}'`);
    }
  }

  /** `-A CHAIN ...` (or `-I` with insert). */
  add(spec: RuleSpec, insert = false): void {
    const s = this.stage();
    let staged = this.last?.chain.name === spec.chain ? this.last : s.chains.get(spec.chain);
    if (!staged) {
      const base = staged === null ? undefined : s.base.chains.get(spec.chain);
      if (!base) throw new RestoreError(`chain ${spec.chain} does not exist`);
      const rules = [...base.rules];
      // Rules kept keep their counters (copied: the old chain stays intact for undo).
      staged = { chain: { ...base, rules, counters: base.counters?.slice(), saved: undefined }, rules, old: NONE, at: 0, shared: false };
      s.chains.set(spec.chain, staged);
    }
    this.last = staged;
    this.check(s, staged, spec);
    if (staged.shared) {
      staged.rules = [...staged.rules];
      staged.chain.rules = staged.rules;
      staged.shared = false;
    }
    if (!insert) { staged.rules.push(spec); return; }
    staged.rules.unshift(spec);
    const c = staged.chain.counters;
    if (c) { staged.chain.counters = new Float64Array(c.length + 2); staged.chain.counters.set(c, 2); }
  }

  /** `-X NAME`: deleted at COMMIT, if nothing jumps to it by then. */
  remove(name: string): void {
    const s = this.stage();
    const ch = this.get(s, name);
    if (!ch || ch.builtin) throw new RestoreError(`cannot delete chain ${name}`);
    s.removed.push(name);
  }

  commitTable(): void {
    const s = this.stage();
    if (s.removed.length) {
      const gone = new Set(s.removed);
      for (const name of gone) s.chains.set(name, null);
      s.deletedBefore = true;
      // Jumps to a deleted chain after this restore: the kernel's count, corrected by the
      // chains this restore replaced (only those can differ).
      const refs = new Map<string, number>();
      const count = (rules: readonly RuleSpec[], d: number) => {
        for (const r of rules) if (r.target !== undefined && gone.has(r.target)) refs.set(r.target, (refs.get(r.target) ?? 0) + d);
      };
      for (const [name, v] of s.chains) {
        count(s.base.chains.get(name)?.rules ?? [], -1);
        if (v) count(v.rules, 1);
      }
      for (const name of gone) {
        if ((s.base.refs.get(name) ?? 0) + (refs.get(name) ?? 0) <= 0) continue;
        const by = [...s.chains].find(([, v]) => v?.rules.some((r) => r.target === name))?.[0]
          ?? [...s.base.chains.values()].find((c) => !s.chains.has(c.name) && c.rules.some((r) => r.target === name))?.name;
        throw new RestoreError(`chain ${name} is still referenced by ${by ?? '?'}`);
      }
    }
    s.removed = [];
    this.cur = undefined;
    this.last = undefined;
  }

  /** Applies everything; returns what was replaced so the caller can undo it. */
  finish(): Undo {
    if (this.cur) throw new RestoreError('missing COMMIT');
    const undo: Undo = [];
    for (const s of this.stages.values()) {
      const ts = s.base;
      const names: string[] = [], before: (KChain | null)[] = [];
      s.chains.forEach((v, name) => {
        names.push(name);
        before.push(ts.chains.get(name) ?? null);
        ts.put(name, v ? v.chain : null);
      });
      undo.push({ table: ts, names, before });
    }
    return undo;
  }
}

/** `iptables-restore --noflush` of a restore text: throws RestoreError and leaves the state unchanged. */
export function applyRestore(k: NetfilterState, text: string): Undo {
  const tx = new Restore(k);
  text.split('\n').forEach((raw, idx) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    try {
      if (line.startsWith('*')) tx.table(line.slice(1) as Table);
      else if (line === 'COMMIT') tx.commitTable();
      else if (line.startsWith(':')) {
        const [name = '', policy = '-'] = line.slice(1).split(/\s+/);
        tx.declare(name, policy);
      } else {
        const words = splitWords(line);
        const [op, name = ''] = words;
        if (op === '-X') tx.remove(name);
        else if (op === '-A' || op === '-I') {
          const rule = words.slice(2);
          tx.add(new RuleSpec(name, line, targetOf(rule), rule), op === '-I');
        } else throw new RestoreError(`unsupported command ${op}`);
      }
    } catch (e) {
      if (e instanceof RestoreError) throw new RestoreError(`line ${idx + 1}: ${e.message}`);
      throw e;
    }
  });
  return tx.finish();
}
