// NodeAffinity (plugins/nodeaffinity): spec.nodeSelector and the required node selector
// terms (terms ORed, expressions ANDed, matchFields on metadata.name); preferred terms
// add their weight to the score, normalized by the best node.
import type { Node, PodSpec } from '../../api/types.ts';
import type { FilterPlugin, ScorePlugin } from '../types.ts';
import { defaultNormalize, success, unresolvable } from '../types.ts';

interface Req { key: string; operator: string; values?: string[] }
export interface NodeSelectorTerm { matchExpressions?: Req[]; matchFields?: Req[] }
interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
  };
}

function matchReq(r: Req, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In': return has && vals.includes(v!);
    case 'NotIn': return !has || !vals.includes(v!);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': return has && /^-?\d+$/.test(v!) && Number(v) > Number(vals[0]);
    case 'Lt': return has && /^-?\d+$/.test(v!) && Number(v) < Number(vals[0]);
    default: return false;
  }
}

/** A node selector term: all its expressions and fields must match; an empty term matches nothing. */
export function matchTerm(t: NodeSelectorTerm, labels: Record<string, string>, name: string): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  return exprs.every((r) => matchReq(r, labels)) && fields.every((r) => r.key === 'metadata.name' && matchReq({ ...r, key: 'n' }, { n: name }));
}

/** nodeSelector and required node affinity together: what DaemonSets and the scheduler both ask. */
export function nodeMatchesPod(spec: Pick<PodSpec, 'nodeSelector' | 'affinity'>, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const sel = spec.nodeSelector ?? {};
  if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) return false;
  const terms = (spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return !terms || terms.some((t) => matchTerm(t, labels, node.metadata.name));
}

const MISMATCH = unresolvable("node(s) didn't match Pod's node affinity/selector");

/**
 * The node names a spec is pinned to, when its only constraint is required terms of
 * `metadata.name In [...]` (what the DaemonSet controller writes), else undefined.
 */
function pinnedNames(spec: Pick<PodSpec, 'nodeSelector' | 'affinity'>): Set<string> | undefined {
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length) return undefined;
  const terms = (spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms?.length) return undefined;
  const names = new Set<string>();
  for (const t of terms) {
    if (t.matchExpressions?.length || t.matchFields?.length !== 1) return undefined;
    const f = t.matchFields[0]!;
    if (f.key !== 'metadata.name' || f.operator !== 'In') return undefined;
    for (const v of f.values ?? []) names.add(v);
  }
  return names;
}

// Per stored (frozen) spec: a daemon pod is filtered against every node of the cluster.
const pinnedMemo = new WeakMap<object, Set<string> | null>();

export const nodeAffinity: FilterPlugin & ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  filter(pod, ni) {
    let pinned = pinnedMemo.get(pod.spec);
    if (pinned === undefined) {
      pinned = pinnedNames(pod.spec) ?? null;
      if (Object.isFrozen(pod.spec)) pinnedMemo.set(pod.spec, pinned);
    }
    if (pinned) return pinned.has(ni.node.metadata.name) ? success : MISMATCH;
    return nodeMatchesPod(pod.spec, ni.node) ? success : MISMATCH;
  },
  preScore(pod) {
    const prefs = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    return prefs?.length ? undefined : 'skip';
  },
  score(pod, ni) {
    const prefs = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const labels = ni.node.metadata.labels ?? {};
    return prefs.reduce((s, p) => s + (matchTerm(p.preference, labels, ni.node.metadata.name) ? p.weight : 0), 0);
  },
  normalize(scores) {
    defaultNormalize(scores, false);
  },
};
