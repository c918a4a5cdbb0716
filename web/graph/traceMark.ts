// A packet trace (core's TraceResult) → what to light up on one node's data-path view after the
// first `upTo` hops: the chains entered, the rules that matched, where the packet is now, and
// the endpoint once it is DNATed.
import type { TraceMark } from './datapath.ts';
import { traceRuleKey } from './datapath.ts';
import type { TraceResult } from './viewTypes.ts';

export function traceMark(trace: TraceResult, node: string, table: string, upTo: number): TraceMark {
  const mark: TraceMark = { rules: new Set(), chains: new Set() };
  trace.hops.slice(0, upTo).forEach((h) => {
    if (h.kind === 'nat' && h.nat?.type === 'DNAT') mark.endpoint = h.nat.after;
    if (h.node !== node || h.table !== table || !h.chain) return;
    if (h.kind === 'chain') mark.chains.add(`${table}/${h.chain}`);
    if ((h.kind === 'rule' || (h.kind === 'branch' && h.branch?.taken)) && h.rule) {
      const k = traceRuleKey(table, h.chain, h.rule.index);
      mark.rules.add(k);
      mark.current = k;
    }
  });
  return mark;
}
