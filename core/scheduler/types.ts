// The scheduling framework's interfaces (pkg/scheduler/framework): PreFilter computes what
// a cycle needs once, Filter says whether a pod fits a node, PreScore/Score rank the nodes
// that passed, NormalizeScore maps raw scores to [0, 100].

import type { Node, Pod } from '../api/types.ts';
import type { ObjectStore } from '../api/store.ts';
import type { ServiceIndex } from '../api/serviceIndex.ts';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  /** Extended resources (nvidia.com/gpu, hugepages-2Mi, ...) by name. */
  scalar?: Record<string, number>;
}

/** What the scheduler knows about one node: the node, the pods bound to it and their requests. */
export interface NodeInfo {
  node: Node;
  pods: Map<string, Pod>;
  requested: Resources;
  /** Requests with kube-scheduler's non-zero defaults (100m CPU, 200Mi) for pods that set none; used by scores. */
  nonZeroRequested: Resources;
  allocatable: Resources;
  usedPorts: Set<string>;
}

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

export interface Status {
  code: Code;
  reasons: string[];
  plugin?: string;
}

export const success: Status = { code: 'Success', reasons: [] };
export const skip: Status = { code: 'Skip', reasons: [] };
// Failures are interned: a plugin failing thousands of nodes for the same reasons hands back one
// object, which the scheduler tags with the plugin and counts without comparing texts.
const interned = { Unschedulable: new Map<string, Status>(), UnschedulableAndUnresolvable: new Map<string, Status>() };
function failure(code: keyof typeof interned, reasons: string[]): Status {
  const key = reasons.length === 1 ? reasons[0]! : reasons.join('\n');
  let st = interned[code].get(key);
  if (!st) interned[code].set(key, (st = { code, reasons }));
  return st;
}
export const unschedulable = (...reasons: string[]): Status => failure('Unschedulable', reasons);
export const unresolvable = (...reasons: string[]): Status => failure('UnschedulableAndUnresolvable', reasons);

/** One scheduling cycle: per-plugin state written at PreFilter/PreScore, read at Filter/Score. */
export interface CycleState {
  /** Every node in the cluster (the snapshot the cycle runs against). */
  nodes: readonly NodeInfo[];
  /** The same nodes by name, when the cycle has them indexed (the scheduler's cache). */
  byName?: ReadonlyMap<string, NodeInfo>;
  store: ObjectStore;
  /** Services by selector, for the default spreading selector. */
  services: ServiceIndex;
  /** Images reported by nodes (node.status.images): name → size and the nodes having it. */
  images: Map<string, { size: number; nodes: Set<string> }>;
  /** Bound pods with required anti-affinity terms (for the existing-pods check). */
  antiAffinityPods: Iterable<Pod>;
  /** Kubernetes minor/patch simulated, for messages that changed between releases. */
  version: { minor: number; patch: number };
  data: Map<string, unknown>;
}

/**
 * What a PreFilter returns: nothing (all nodes stay candidates), Skip (its Filter has nothing
 * to check for this pod and is left out of the cycle), a failure (every node fails with it), or
 * PreFilterResult.NodeNames (only these nodes are filtered, the rest are rejected unseen).
 */
export type PreFilterOutcome = Status & { nodeNames?: ReadonlySet<string> };

export interface FilterPlugin {
  readonly name: string;
  /** Runs once per cycle before Filter. */
  preFilter?(pod: Pod, state: CycleState): PreFilterOutcome | undefined;
  filter(pod: Pod, node: NodeInfo, state: CycleState): Status;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Runs once per cycle before Score; 'skip' means the plugin has nothing to say for this pod (upstream's Skip status). */
  preScore?(pod: Pod, feasible: NodeInfo[], state: CycleState): void | 'skip';
  /** A raw score for one node (usually in [0, 100], MaxNodeScore). */
  score(pod: Pod, node: NodeInfo, state: CycleState): number;
  /** Optional NormalizeScore over all feasible nodes (in place; scores[i] is nodes[i]'s). */
  normalize?(scores: Float64Array, nodes: readonly NodeInfo[], state: CycleState): void;
}

/**
 * One cycle's filter verdicts, compact (a decision is kept for thousands of pods, and a pod no
 * node fits has a verdict for every node): the nodes examined, as indices into the cycle's node
 * names (an array shared by every cycle until a node comes or goes), each with a code, 0 when
 * it fit, else k for statuses[k - 1] (nodes failing for the same reasons share one status).
 * Nodes outside the PreFilterResult (`candidates`) all have the `absent` status, as upstream's
 * NodeToStatus.AbsentNodesStatus; after a PreFilter failure that is every node.
 */
export interface Verdicts {
  names: readonly string[];
  examined: Uint16Array | Uint32Array;
  codes: Uint8Array | Uint16Array;
  statuses: Status[];
  candidates?: ReadonlySet<string>;
  absent?: Status;
  /** How many nodes have the absent status. */
  absentCount: number;
}

/** Why the scheduler chose (or could not choose) a node: kept for "why is my pod Pending?". */
export interface Decision {
  pod: string;
  time: number;
  /** How many nodes were examined (kube-scheduler stops after enough feasible ones in big clusters). */
  evaluated: number;
  node?: string;
  message?: string;
  /** Per node: the first filter plugin that rejected it, with its reasons (Success when it fit); see verdicts.ts. */
  filters: Verdicts;
  /** Per node: each score plugin's normalized score (before weights) and the weighted total. */
  scores: Record<string, Record<string, number>>;
  /** Preemption outcome: the node nominated and the pods evicted for it. */
  preemption?: { node?: string; victims: string[]; message?: string };
}

export const MAX_NODE_SCORE = 100;

/** helper.DefaultNormalizeScore: scales to [0, 100] by the max; `reverse` flips it. */
export function defaultNormalize(scores: Float64Array, reverse: boolean): void {
  let max = 0;
  for (const v of scores) max = Math.max(max, v);
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
