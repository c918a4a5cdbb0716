// PodTopologySpread (plugins/podtopologyspread): keeps matching pods evenly spread across
// topology domains. DoNotSchedule constraints filter (skew = matching pods in the node's
// domain + self - the least loaded domain, must stay <= maxSkew); ScheduleAnyway ones and,
// for pods without constraints, the system defaults (hostname maxSkew 3, zone maxSkew 5,
// with the selector of the pod's Services and owning ReplicaSet/StatefulSet) score nodes.
import type { LabelSelector, Pod } from '../../api/types.ts';
import type { CycleState, FilterPlugin, NodeInfo, ScorePlugin } from '../types.ts';
import { MAX_NODE_SCORE, skip, success, unresolvable, unschedulable } from '../types.ts';
import { matchesSelector } from '../../api/labels.ts';
import { controllerRef } from '../../controllers/owners.ts';
import { nodeMatchesPod } from './nodeAffinity.ts';
import { countByNode, matchingPods } from '../podCounts.ts';

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  selector: LabelSelector;
  minDomains?: number;
}

interface RawConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  matchLabelKeys?: string[];
  minDomains?: number;
}

/** The pod's own constraints, with matchLabelKeys folded into the selector. */
export function podConstraints(pod: Pod, when: Constraint['whenUnsatisfiable']): Constraint[] {
  const raw = (pod.spec.topologySpreadConstraints ?? []) as RawConstraint[];
  return raw.filter((c) => c.whenUnsatisfiable === when).map((c) => {
    const selector: LabelSelector = { ...(c.labelSelector ?? {}) };
    for (const k of c.matchLabelKeys ?? []) {
      const v = pod.metadata.labels?.[k];
      if (v !== undefined) selector.matchExpressions = [...(selector.matchExpressions ?? []), { key: k, operator: 'In', values: [v] }];
    }
    return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable, selector, minDomains: c.minDomains };
  });
}

/** helper.DefaultSelector: the pod's Services' selectors and its ReplicaSet/StatefulSet selector, ANDed. */
export function defaultSelector(pod: Pod, state: CycleState): LabelSelector | undefined {
  const ml: Record<string, string> = {};
  const exprs: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const s of state.services.forPod(pod)) Object.assign(ml, s.spec.selector);
  const ref = controllerRef(pod);
  if (ref && ['ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(ref.kind)) {
    const owner = state.store.byUID(ref.uid);
    const sel = (owner?.spec as { selector?: LabelSelector | Record<string, string> } | undefined)?.selector;
    if (sel && ref.kind === 'ReplicationController') Object.assign(ml, sel);
    else if (sel) {
      Object.assign(ml, (sel as LabelSelector).matchLabels ?? {});
      exprs.push(...((sel as LabelSelector).matchExpressions ?? []));
    }
  }
  if (!Object.keys(ml).length && !exprs.length) return undefined;
  return { matchLabels: ml, ...(exprs.length ? { matchExpressions: exprs } : {}) };
}

interface FilterState {
  constraints: Constraint[];
  /** per constraint: domain value → matching pods */
  counts: Map<string, number>[];
  /** per constraint: the least loaded domain's count */
  min: number[];
}

interface ScoreState {
  constraints: Constraint[];
  weights: number[];
  /** per constraint (non-hostname keys): domain value → matching pods */
  counts: Map<string, number>[];
  /** per constraint: node → matching pods on it (hostname key) */
  perNode: Map<string, number>[];
  ignored: Set<string>;
}

const hasAllKeys = (ni: NodeInfo, cs: Constraint[]) => cs.every((c) => ni.node.metadata.labels?.[c.topologyKey] !== undefined);

function domainCounts(pod: Pod, c: Constraint, nodes: NodeInfo[], state: CycleState): Map<string, number> {
  const perNode = countByNode(matchingPods(state.store, [pod.metadata.namespace ?? 'default'], c.selector));
  const out = new Map<string, number>();
  for (const ni of nodes) {
    const v = ni.node.metadata.labels?.[c.topologyKey];
    if (v === undefined) continue;
    out.set(v, (out.get(v) ?? 0) + (perNode.get(ni.node.metadata.name) ?? 0));
  }
  return out;
}

const FILTER_KEY = 'PreFilterPodTopologySpread';
const SCORE_KEY = 'PreScorePodTopologySpread';

export const podTopologySpread: FilterPlugin & ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preFilter(pod, state) {
    const constraints = podConstraints(pod, 'DoNotSchedule');
    if (!constraints.length) return skip;
    // Domains come from nodes the pod could go to by its node affinity (nodeAffinityPolicy: Honor).
    const eligible = state.nodes.filter((ni) => nodeMatchesPod(pod.spec, ni.node) && hasAllKeys(ni, constraints));
    const counts = constraints.map((c) => domainCounts(pod, c, eligible, state));
    const min = counts.map((m, i) => {
      const c = constraints[i]!;
      if (c.minDomains !== undefined && m.size < c.minDomains) return 0;
      return m.size ? Math.min(...m.values()) : 0;
    });
    state.data.set(FILTER_KEY, { constraints, counts, min } satisfies FilterState);
    return undefined;
  },
  filter(pod, ni, state) {
    const s = state.data.get(FILTER_KEY) as FilterState | undefined;
    if (!s) return success;
    for (const [i, c] of s.constraints.entries()) {
      const v = ni.node.metadata.labels?.[c.topologyKey];
      if (v === undefined) return unresolvable("node(s) didn't match pod topology spread constraints (missing required label)");
      const self = matchesSelector(c.selector, pod.metadata.labels) ? 1 : 0;
      const skew = (s.counts[i]!.get(v) ?? 0) + self - s.min[i]!;
      if (skew > c.maxSkew) return unschedulable("node(s) didn't match pod topology spread constraints");
    }
    return success;
  },
  preScore(pod, feasible, state) {
    const own = (pod.spec.topologySpreadConstraints ?? []) as unknown[];
    let constraints = podConstraints(pod, 'ScheduleAnyway');
    const systemDefaulted = own.length === 0;
    if (systemDefaulted) {
      const sel = defaultSelector(pod, state);
      constraints = sel
        ? [
            { maxSkew: 3, topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', selector: sel },
            { maxSkew: 5, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', selector: sel },
          ]
        : [];
    }
    // No soft constraints (not even system-default ones): Skip, as upstream's PreScore.
    if (!constraints.length) return 'skip';
    const ignored = new Set<string>();
    if (!systemDefaulted) for (const ni of feasible) if (!hasAllKeys(ni, constraints)) ignored.add(ni.node.metadata.name);
    const scored = feasible.filter((ni) => !ignored.has(ni.node.metadata.name));
    const weights = constraints.map((c) => {
      const size = c.topologyKey === HOSTNAME ? scored.length : new Set(scored.map((ni) => ni.node.metadata.labels?.[c.topologyKey]).filter((v) => v !== undefined)).size;
      return Math.log(size + 2);
    });
    const perNode = constraints.map((c) => countByNode(matchingPods(state.store, [pod.metadata.namespace ?? 'default'], c.selector)));
    const counts = constraints.map((c, i) => {
      const m = new Map<string, number>();
      if (c.topologyKey === HOSTNAME) return m;
      const domains = new Set(scored.map((ni) => ni.node.metadata.labels?.[c.topologyKey]));
      const add = (ni: NodeInfo, n: number) => {
        const v = ni.node.metadata.labels?.[c.topologyKey];
        if (v !== undefined && domains.has(v) && nodeMatchesPod(pod.spec, ni.node)) m.set(v, (m.get(v) ?? 0) + n);
      };
      // Only nodes holding matching pods add anything: walk those, not every node of the cluster.
      if (state.byName) {
        for (const [name, n] of perNode[i]!) {
          const ni = state.byName.get(name);
          if (ni) add(ni, n);
        }
      } else for (const ni of state.nodes) add(ni, perNode[i]!.get(ni.node.metadata.name) ?? 0);
      return m;
    });
    state.data.set(SCORE_KEY, { constraints, weights, counts, perNode, ignored } satisfies ScoreState);
  },
  score(_pod, ni, state) {
    const s = state.data.get(SCORE_KEY) as ScoreState | undefined;
    if (!s || s.ignored.has(ni.node.metadata.name)) return 0;
    let score = 0;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      const v = ni.node.metadata.labels?.[c.topologyKey];
      if (v === undefined) continue;
      const cnt = c.topologyKey === HOSTNAME ? (s.perNode[i]!.get(ni.node.metadata.name) ?? 0) : (s.counts[i]!.get(v) ?? 0);
      score += cnt * s.weights[i]! + (c.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalize(scores, nodes, state) {
    const s = state.data.get(SCORE_KEY) as ScoreState | undefined;
    if (!s) {
      scores.fill(0);
      return;
    }
    const ignored = (i: number) => s.ignored.has(nodes[i]!.node.metadata.name);
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (ignored(i)) continue;
      min = Math.min(min, scores[i]!);
      max = Math.max(max, scores[i]!);
    }
    for (let i = 0; i < scores.length; i++) {
      if (ignored(i)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
    }
  },
};
