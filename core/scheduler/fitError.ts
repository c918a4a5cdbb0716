// FitError's message (pkg/scheduler/framework/types.go, schedule_one.go): each node's
// reasons counted, "<count> <reason>" strings sorted, then what the PostFilter plugins said.
// Since v1.34 the DynamicResources plugin (DRA, GA) runs its PostFilter before preemption
// and says "no new claims to deallocate" for pods without resource claims.

import type { Status } from './types.ts';

/** "1 node(s) had untolerated taint {...}, 2 Insufficient cpu": counted and sorted as Go's sort.Strings. */
export function histogram(reasons: Iterable<string>): string {
  const m = new Map<string, number>();
  for (const r of reasons) m.set(r, (m.get(r) ?? 0) + 1);
  return [...m].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ');
}

export function fitErrorHead(numNodes: number, statuses: Status[]): string {
  if (numNodes === 0) return 'no nodes available to schedule pods';
  return `0/${numNodes} nodes are available: ${histogram(statuses.flatMap((s) => s.reasons))}.`;
}

/**
 * The whole FailedScheduling message: the filter histogram, then the PostFilter messages
 * (DRA's and preemption's) when preemption found nothing to do. `preemptionMsg` is what
 * DefaultPreemption returned ("preemption: ..."), or undefined when it nominated a node.
 */
export function fitErrorMessage(numNodes: number, statuses: Status[], preemptionMsg: string | undefined, minor: number): string {
  const head = fitErrorHead(numNodes, statuses);
  if (numNodes === 0) return head;
  const post = [minor >= 34 ? 'no new claims to deallocate' : '', preemptionMsg ?? ''].filter(Boolean);
  // A successful PostFilter (a node nominated) leaves no message.
  if (preemptionMsg === undefined) return head;
  return `${head} ${post.join(', ')}`;
}
