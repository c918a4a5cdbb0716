// InterPodAffinity (plugins/interpodaffinity): required pod affinity (the node's topology
// domain must already hold a matching pod, unless the pod is the first of a group that
// matches itself), required anti-affinity (no matching pod in the domain), and existing
// pods' anti-affinity against the incoming pod. Preferred terms add or subtract their
// weight per domain; scores are scaled between the lowest and highest node.
import type { LabelSelector, Pod } from '../../api/types.ts';
import type { CycleState, FilterPlugin, NodeInfo, ScorePlugin } from '../types.ts';
import { MAX_NODE_SCORE, skip, success, unresolvable, unschedulable } from '../types.ts';
import { matchesSelector } from '../../api/labels.ts';
import { matchingPods } from '../podCounts.ts';

export interface AffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}
interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: AffinityTerm }[];
}
interface Affinity { podAffinity?: PodAffinity; podAntiAffinity?: PodAffinity }

const affinityOf = (p: Pod) => (p.spec.affinity ?? {}) as Affinity;
export const requiredAntiAffinity = (p: Pod): AffinityTerm[] => affinityOf(p).podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

/** The namespaces a term looks in, relative to the pod that carries it. */
function termNamespaces(term: AffinityTerm, owner: Pod, state: CycleState): string[] {
  const names = new Set(term.namespaces ?? []);
  if (term.namespaceSelector) {
    for (const ns of state.store.list('Namespace')) if (matchesSelector(term.namespaceSelector, ns.metadata.labels)) names.add(ns.metadata.name);
  } else if (!names.size) names.add(owner.metadata.namespace ?? 'default');
  return [...names];
}

function termMatches(term: AffinityTerm, owner: Pod, target: Pod, state: CycleState): boolean {
  if (!termNamespaces(term, owner, state).includes(target.metadata.namespace ?? 'default')) return false;
  return !!term.labelSelector && matchesSelector(term.labelSelector, target.metadata.labels);
}

type Counts = Map<string, number>;
const pairKey = (k: string, v: string) => `${k}\u0000${v}`;
const bump = (m: Counts, k: string, v: string | undefined, by = 1) => {
  if (v !== undefined) m.set(pairKey(k, v), (m.get(pairKey(k, v)) ?? 0) + by);
};

interface FilterState {
  affinityTerms: AffinityTerm[];
  antiTerms: AffinityTerm[];
  affinityCounts: Counts;
  antiCounts: Counts;
  existingAnti: Counts;
}

const KEY = 'PreFilterInterPodAffinity';
const SCORE_KEY = 'PreScoreInterPodAffinity';

function nodeLabelsOf(state: CycleState): Map<string, Record<string, string>> {
  const m = new Map<string, Record<string, string>>();
  for (const ni of state.nodes) m.set(ni.node.metadata.name, ni.node.metadata.labels ?? {});
  return m;
}

export const interPodAffinity: FilterPlugin & ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  preFilter(pod, state) {
    const aff = affinityOf(pod);
    const affinityTerms = aff.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    const antiTerms = aff.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    const withAnti = [...state.antiAffinityPods];
    if (!affinityTerms.length && !antiTerms.length && !withAnti.length) return skip;
    const labels = nodeLabelsOf(state);
    const s: FilterState = { affinityTerms, antiTerms, affinityCounts: new Map(), antiCounts: new Map(), existingAnti: new Map() };
    if (affinityTerms.length) {
      const first = affinityTerms[0]!;
      for (const p of matchingPods(state.store, termNamespaces(first, pod, state), first.labelSelector)) {
        if (!affinityTerms.every((t) => termMatches(t, pod, p, state))) continue;
        for (const t of affinityTerms) bump(s.affinityCounts, t.topologyKey, labels.get(p.spec.nodeName!)?.[t.topologyKey]);
      }
    }
    for (const t of antiTerms)
      for (const p of matchingPods(state.store, termNamespaces(t, pod, state), t.labelSelector)) bump(s.antiCounts, t.topologyKey, labels.get(p.spec.nodeName!)?.[t.topologyKey]);
    for (const e of withAnti) {
      if (!e.spec.nodeName || e.metadata.deletionTimestamp) continue;
      for (const t of requiredAntiAffinity(e)) if (termMatches(t, e, pod, state)) bump(s.existingAnti, t.topologyKey, labels.get(e.spec.nodeName)?.[t.topologyKey]);
    }
    if (!affinityTerms.length && !antiTerms.length && !s.existingAnti.size) return skip;
    state.data.set(KEY, s);
    return undefined;
  },
  filter(pod, ni, state) {
    const s = state.data.get(KEY) as FilterState | undefined;
    if (!s) return success;
    const labels = ni.node.metadata.labels ?? {};
    let podsExist = true;
    for (const t of s.affinityTerms) {
      const v = labels[t.topologyKey];
      if (v === undefined) return unresolvable("node(s) didn't match pod affinity rules");
      if ((s.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist && !(s.affinityCounts.size === 0 && s.affinityTerms.every((t) => termMatches(t, pod, pod, state))))
      return unresolvable("node(s) didn't match pod affinity rules");
    for (const t of s.antiTerms) {
      const v = labels[t.topologyKey];
      if (v !== undefined && (s.antiCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0) return unschedulable("node(s) didn't match pod anti-affinity rules");
    }
    for (const [k, v] of Object.entries(labels))
      if ((s.existingAnti.get(pairKey(k, v)) ?? 0) > 0) return unschedulable("node(s) didn't satisfy existing pods anti-affinity rules");
    return success;
  },
  preScore(pod, _feasible: NodeInfo[], state) {
    const aff = affinityOf(pod);
    const prefs = [
      ...(aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => ({ ...p, sign: 1 })),
      ...(aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => ({ ...p, sign: -1 })),
    ];
    if (!prefs.length) return 'skip';
    const labels = nodeLabelsOf(state);
    const scores: Counts = new Map();
    for (const pref of prefs) {
      const t = pref.podAffinityTerm;
      for (const p of matchingPods(state.store, termNamespaces(t, pod, state), t.labelSelector))
        bump(scores, t.topologyKey, labels.get(p.spec.nodeName!)?.[t.topologyKey], pref.sign * pref.weight);
    }
    state.data.set(SCORE_KEY, scores);
  },
  score(_pod, ni, state) {
    const scores = state.data.get(SCORE_KEY) as Counts | undefined;
    if (!scores) return 0;
    let s = 0;
    for (const [k, v] of Object.entries(ni.node.metadata.labels ?? {})) s += scores.get(pairKey(k, v)) ?? 0;
    return s;
  },
  normalize(scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of scores) [min, max] = [Math.min(min, v), Math.max(max, v)];
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
  },
};
