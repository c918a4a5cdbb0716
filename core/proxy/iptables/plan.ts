// One sync's output in kube-proxy's order (filter table, then nat), replayed either into
// the kernel model (a Restore transaction, no text parsing) or, only when someone reads
// it, as the restore text kube-proxy feeds to `iptables-restore --noflush --counters`.
import type { Table } from '../types.ts';
import type { RuleSpec } from './netfilter.ts';
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
  /**
   * Gives a chain declared (flushed) in this table all its rules at once, the array kept as
   * it is. A sink without it gets each rule by add(), in kube-proxy's text order.
   */
  fill?(name: string, rules: readonly RuleSpec[]): void;
  remove(name: string): void;
  commitTable(): void;
}

/** A port's own chains' rules: adopted whole, or one by one as kube-proxy writes them (the lead first). */
function writeOwn(r: PortRules, out: Sink): void {
  if (out.fill) {
    for (let i = 0; i < r.chains.length; i++) out.fill(r.chains[i]!, r.bodies[i]!);
    return;
  }
  if (r.lead) out.add(r.lead);
  for (const body of r.bodies) for (const s of body) if (s !== r.lead) out.add(s);
}

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
    if (p.full || e.changedAt === p.sync) writeOwn(e.rules, out);
  }
  for (const c of p.stale) out.remove(c);
  for (const s of p.natTail) out.add(s);
  out.commitTable();
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
