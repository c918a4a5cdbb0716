// DefaultPreemption (plugins/defaultpreemption, framework/preemption): when no node fits,
// find nodes where evicting lower-priority pods would make room (the dry run), keep the
// fewest and least important victims, pick the best node, and evict. What it reports when
// nothing helps is part of the FailedScheduling message:
//   preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling,
//   2 No preemption victims found for incoming pod.

import type { Pod } from '../api/types.ts';
import type { NodeInfo, Status } from './types.ts';
import { withoutPods } from './cache.ts';
import { histogram } from './fitError.ts';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface PreemptionOutcome {
  /** The node nominated, with the pods to evict; absent when preemption cannot help. */
  node?: string;
  victims: Pod[];
  /** "preemption: ..." when no node was nominated. */
  message?: string;
}

const priorityOf = (p: Pod) => p.spec.priority ?? 0;
const startOf = (p: Pod) => p.status?.startTime ?? p.metadata.creationTimestamp ?? '';
/** util.MoreImportantPod: higher priority, then the one that started earlier. */
const moreImportant = (a: Pod, b: Pod) => priorityOf(b) - priorityOf(a) || startOf(a).localeCompare(startOf(b));

const terminatingByPreemption = (p: Pod) =>
  !!p.metadata.deletionTimestamp && !!p.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');

export function preempt(
  pod: Pod,
  statusAt: (i: number) => Status | undefined,
  nodes: readonly NodeInfo[],
  fits: (pod: Pod, ni: NodeInfo) => Status,
): PreemptionOutcome {
  if (pod.spec.preemptionPolicy === 'Never') return { victims: [], message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const nominated = pod.status?.nominatedNodeName;
  const at = nominated ? nodes.findIndex((n) => n.node.metadata.name === nominated) : -1;
  if (at >= 0 && statusAt(at)?.code !== 'UnschedulableAndUnresolvable') {
    const ni = nodes[at]!;
    if ([...ni.pods.values()].some((p) => priorityOf(p) < priorityOf(pod) && terminatingByPreemption(p)))
      return { victims: [], message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
  }
  const reasons = new Map<string, number>();
  const count = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const candidates: { node: string; victims: Pod[] }[] = [];
  const prio = priorityOf(pod);
  for (let i = 0; i < nodes.length; i++) {
    const ni = nodes[i]!;
    const name = ni.node.metadata.name;
    if (statusAt(i)?.code !== 'Unschedulable') {
      count(NOT_HELPFUL);
      continue;
    }
    const lower: Pod[] = [];
    for (const p of ni.pods.values()) if (priorityOf(p) < prio) lower.push(p);
    if (!lower.length) {
      count(NO_VICTIMS);
      continue;
    }
    const st = fits(pod, withoutPods(ni, lower));
    if (st.code !== 'Success') {
      st.reasons.forEach(count);
      continue;
    }
    // Reprieve the most important pods first; whoever cannot be kept is a victim.
    let removed = [...lower].sort(moreImportant);
    const victims: Pod[] = [];
    for (const p of [...removed]) {
      const trial = removed.filter((x) => x !== p);
      if (fits(pod, withoutPods(ni, trial)).code === 'Success') removed = trial;
      else victims.push(p);
    }
    candidates.push({ node: name, victims });
  }
  if (!candidates.length) return { victims: [], message: `preemption: 0/${nodes.length} nodes are available: ${histogram(reasons)}.` };
  // pickOneNodeForPreemption: lowest highest-priority victim, lowest priority sum, fewest victims.
  const score = (c: { victims: Pod[] }) => [
    Math.max(...c.victims.map(priorityOf), -Infinity),
    c.victims.reduce((s, p) => s + priorityOf(p) + 2 ** 31, 0),
    c.victims.length,
  ];
  candidates.sort((a, b) => {
    const sa = score(a), sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
    return 0;
  });
  return { node: candidates[0]!.node, victims: candidates[0]!.victims };
}
