// NodeAffinity (plugins/nodeaffinity): spec.nodeSelector and the required node selector
// terms (terms ORed, expressions ANDed, matchFields on metadata.name); preferred terms
// add their weight to the score, normalized by the best node.
import type { Node, PodSpec } from '../../api/types.ts';
import type { FilterPlugin, PreFilterOutcome, ScorePlugin } from '../types.ts';
import { defaultNormalize, skip, success, unresolvable } from '../types.ts';

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
const CONFLICT = unresolvable('pod affinity terms conflict');

/**
 * PreFilterResult.NodeNames: when every required term names nodes (`matchFields metadata.name In`,
 * the DaemonSet controller's pinning), only those nodes are candidates: per term the intersection
 * of its name lists, over terms the union. Undefined when some term names none (any node may match).
 */
function namedNodes(terms: NodeSelectorTerm[]): Set<string> | undefined {
  const names = new Set<string>();
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const vals = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => vals.has(n))) : vals;
    }
    if (!termNames) return undefined;
    for (const n of termNames) names.add(n);
  }
  return names;
}

// Per stored (frozen) spec: a DaemonSet pod retried, or a cycle of each pod, computes it once.
const namedMemo = new WeakMap<object, PreFilterOutcome | undefined>();

export const nodeAffinity: FilterPlugin & ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preFilter(pod) {
    const required = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !pod.spec.nodeSelector) return skip;
    const terms = required?.nodeSelectorTerms;
    if (!terms?.length) return undefined;
    if (namedMemo.has(pod.spec)) return namedMemo.get(pod.spec);
    const names = namedNodes(terms);
    const out = !names ? undefined : names.size ? { ...success, nodeNames: names } : CONFLICT;
    if (Object.isFrozen(pod.spec)) namedMemo.set(pod.spec, out);
    return out;
  },
  filter(pod, ni) {
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
