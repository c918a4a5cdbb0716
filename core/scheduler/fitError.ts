// FitError's message (pkg/scheduler/framework/types.go, schedule_one.go): a PreFilter's
// failure message, or each node's reasons counted, "<count> <reason>" strings sorted; then
// what the PostFilter plugins said. Since v1.34 the DynamicResources plugin (DRA, GA) runs
// its PostFilter before preemption and says "no new claims to deallocate" for pods without
// resource claims.
// Nodes a PreFilterResult left out (a DaemonSet pod's NodeAffinity names one node) changed
// between releases: since v1.32 (kubernetes#126022) they are counted with the absent-nodes
// status "node(s) didn't satisfy plugin(s) [NodeAffinity]"; the releases carrying
// kubernetes#119779 but not yet #125197 (v1.30.0–1, v1.29.5, v1.28.10, v1.27.14) counted them
// as "node is filtered out by the prefilter result"; other releases (v1.31 among them) leave
// them out of the message.

import type { CycleState, Status, Verdicts } from './types.ts';
import { reasonCounts } from './verdicts.ts';

/** Reasons counted, "<n> <reason>" sorted as Go's sort.Strings and joined. */
export function histogram(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ');
}

type Version = CycleState['version'];

const filteredOutEra = (v: Version) => (v.minor === 30 && v.patch < 2) || (v.minor === 29 && v.patch === 5) || (v.minor === 28 && v.patch === 10) || (v.minor === 27 && v.patch === 14);

/** The status of the nodes outside a PreFilterResult, named by the plugins that narrowed the candidates. */
export function absentNodesStatus(plugins: string[], v: Version): Status {
  const reason = filteredOutEra(v) ? 'node is filtered out by the prefilter result' : `node(s) didn't satisfy plugin(s) [${[...plugins].sort().join(' ')}]`;
  return { code: 'UnschedulableAndUnresolvable', reasons: [reason] };
}

const countsAbsentNodes = (v: Version) => v.minor >= 32 || filteredOutEra(v);

/**
 * The whole FailedScheduling message: the PreFilter message or the filter histogram, then the
 * PostFilter messages (DRA's and preemption's) when preemption found nothing to do.
 * `preemptionMsg` is what DefaultPreemption returned ("preemption: ..."), or undefined when it
 * nominated a node.
 */
export function fitErrorMessage(numNodes: number, v: Verdicts, preFilterMsg: string | undefined, preemptionMsg: string | undefined, version: Version): string {
  if (numNodes === 0) return 'no nodes available to schedule pods';
  let msg = `0/${numNodes} nodes are available:`;
  if (preFilterMsg) msg += ` ${preFilterMsg}.`;
  else {
    const counts = reasonCounts(v);
    if (v.absent && v.absentCount && countsAbsentNodes(version)) for (const r of v.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + v.absentCount);
    if (counts.size) msg += ` ${histogram(counts)}.`;
  }
  // A successful PostFilter (a node nominated) leaves no message.
  if (preemptionMsg === undefined) return msg;
  const post = [version.minor >= 34 ? 'no new claims to deallocate' : '', preemptionMsg].filter(Boolean);
  return `${msg} ${post.join(', ')}`;
}
