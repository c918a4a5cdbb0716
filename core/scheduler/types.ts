// The scheduling framework's interfaces (pkg/scheduler/framework): filter plugins say
// whether a pod fits a node, score plugins rank the nodes that passed.

import type { Node, Pod } from '../api/types.ts';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
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

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  code: Code;
  reasons: string[];
  plugin?: string;
}

export const success: Status = { code: 'Success', reasons: [] };
export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

export interface FilterPlugin {
  readonly name: string;
  filter(pod: Pod, node: NodeInfo): Status;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** A score in [0, 100] (MaxNodeScore) for one node. */
  score(pod: Pod, node: NodeInfo): number;
  /** Optional NormalizeScore over all feasible nodes (in place). */
  normalize?(scores: Map<string, number>): void;
}

/** Why the scheduler chose (or could not choose) a node: kept for "why is my pod Pending?". */
export interface Decision {
  pod: string;
  time: number;
  node?: string;
  message?: string;
  filters: Record<string, Status>;
  scores: Record<string, Record<string, number>>;
}
