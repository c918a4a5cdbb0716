// FitError's message (pkg/scheduler/schedule_one.go + framework/types.go): reasons are
// counted per node, "<count> <reason>" strings sorted, then the preemption diagnosis.

import type { Status } from './types.ts';

function histogram(parts: Map<string, number>): string {
  return [...parts].map(([r, n]) => `${n} ${r}`).sort().join(', ');
}

export function fitErrorMessage(numNodes: number, statuses: Status[], preemptionNever = false): string {
  if (numNodes === 0) return 'no nodes available to schedule pods';
  const reasons = new Map<string, number>();
  const preempt = new Map<string, number>();
  for (const st of statuses) {
    for (const r of st.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    // Nodes that fail for reasons no eviction can fix are "not helpful"; the rest have no
    // lower-priority victims in this model (all pods share priority 0 unless set).
    const why = st.code === 'UnschedulableAndUnresolvable' ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod';
    preempt.set(why, (preempt.get(why) ?? 0) + 1);
  }
  const head = `0/${numNodes} nodes are available: ${histogram(reasons)}.`;
  const tail = preemptionNever
    ? 'preemption: not eligible due to preemptionPolicy=Never.'
    : `preemption: 0/${numNodes} nodes are available: ${histogram(preempt)}.`;
  return `${head} ${tail}`;
}
