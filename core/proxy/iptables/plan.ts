// One sync's output: loaded into the kernel model (a Restore transaction, no text parsing)
// chain by chain, and, only when someone reads it, rendered in kube-proxy's order (filter
// table, then nat) as the restore text it feeds to `iptables-restore --noflush --counters`.
import type { Table } from '../types.ts';
import type { RuleSpec } from './netfilter.ts';
import type { Restore } from './restore.ts';
import { chainLine, type PortRules } from './rules.ts';

export interface PortEntry {
  key: string;
  nn: string;
  rules: PortRules;
  /** The sync in which its Service or endpoints last changed (its chains are written then). */
  changedAt: number;
}

export interface SyncPlan {
  filterChains: string[];
  /** filter rules before / after the per-service ones. */
  filterHead: RuleSpec[];
  filterTail: RuleSpec[];
  natChains: string[];
  natHead: RuleSpec[];
  /** Service ports in kube-proxy's order (sorted by port key). */
  ports: readonly PortEntry[];
  /** A port's own chains are written on a full sync, or in the sync its service changed. */
  full: boolean;
  sync: number;
  /** Chains to flush and delete (`-X`). */
  stale: string[];
  natTail: RuleSpec[];
}

export interface Sink {
  table(t: Table): void;
  declare(name: string, policy: string): void;
  add(spec: RuleSpec): void;
  remove(name: string): void;
  commitTable(): void;
}

/** kube-proxy's text order: a port's fixed-chain rules, then its own chains' rules (the internal chain's masquerade rule first). */
export function emit(p: SyncPlan, out: Sink): void {
  out.table('filter');
  for (const c of p.filterChains) out.declare(c, '-');
  for (const s of p.filterHead) out.add(s);
  for (const e of p.ports) for (const s of e.rules.filter) out.add(s);
  for (const s of p.filterTail) out.add(s);
  out.commitTable();

  out.table('nat');
  for (const c of p.natChains) out.declare(c, '-');
  for (const e of p.ports) if (p.full || e.changedAt === p.sync) for (const c of e.rules.chains) out.declare(c, '-');
  for (const c of p.stale) out.declare(c, '-');
  for (const s of p.natHead) out.add(s);
  for (const e of p.ports) {
    for (const s of e.rules.nat) out.add(s);
    if (!(p.full || e.changedAt === p.sync)) continue;
    const r = e.rules;
    if (r.lead) out.add(r.lead);
    for (const body of r.bodies) for (const s of body) if (s !== r.lead) out.add(s);
  }
  for (const c of p.stale) out.remove(c);
  for (const s of p.natTail) out.add(s);
  out.commitTable();
}

/** The fixed chains' rules (KUBE-SERVICES, KUBE-NODEPORTS, KUBE-FORWARD, ...) per table, gathered from the fixed rules and every port's, in text order. */
export interface ChainBodies { filter: Map<string, RuleSpec[]>; nat: Map<string, RuleSpec[]> }

export function chainBodies(p: SyncPlan): ChainBodies {
  const filter = new Map<string, RuleSpec[]>(), nat = new Map<string, RuleSpec[]>();
  gather(filter, p.filterHead);
  for (const e of p.ports) gather(filter, e.rules.filter);
  gather(filter, p.filterTail);
  gather(nat, p.natHead);
  for (const e of p.ports) gather(nat, e.rules.nat);
  gather(nat, p.natTail);
  return { filter, nat };
}

function gather(m: Map<string, RuleSpec[]>, specs: readonly RuleSpec[]): void {
  for (const s of specs) {
    const body = m.get(s.chain);
    if (body) body.push(s); else m.set(s.chain, [s]);
  }
}

/**
 * The same restore applied to the kernel model chain by chain: each chain's rules are handed
 * over whole (`own`: the ports whose chains are written). The kernel's result is the text's;
 * only the order of the adds differs, which a restore does not see.
 */
export function load(p: SyncPlan, bodies: ChainBodies, own: readonly PortEntry[], tx: Restore): void {
  tx.table('filter');
  for (const c of p.filterChains) tx.declare(c, '-');
  for (const [c, rules] of bodies.filter) tx.fill(c, rules);
  tx.commitTable();

  tx.table('nat');
  for (const c of p.natChains) tx.declare(c, '-');
  for (const e of own) for (const c of e.rules.chains) tx.declare(c, '-');
  for (const c of p.stale) tx.declare(c, '-');
  for (const [c, rules] of bodies.nat) tx.fill(c, rules);
  for (const e of own) for (let i = 0; i < e.rules.chains.length; i++) tx.fill(e.rules.chains[i]!, e.rules.bodies[i]!);
  for (const c of p.stale) tx.remove(c);
  tx.commitTable();
}

/** The restore text of a plan. */
export function restoreText(p: SyncPlan): string {
  const lines: string[] = [];
  emit(p, {
    table: (t) => lines.push(`*${t}`),
    declare: (c) => lines.push(chainLine(c)),
    add: (s) => lines.push(s.line),
    remove: (c) => lines.push(`-X ${c}`),
    commitTable: () => lines.push('COMMIT'),
  });
  return lines.join('\n') + '\n';
}
