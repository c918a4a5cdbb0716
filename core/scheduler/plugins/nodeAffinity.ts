// NodeAffinity: spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node
// selector terms (terms ORed, expressions ANDed); preferred terms add to the score.
import type { FilterPlugin, ScorePlugin } from '../types.ts';
import { success, unresolvable } from '../types.ts';

interface Req { key: string; operator: string; values?: string[] }
interface Term { matchExpressions?: Req[]; matchFields?: Req[] }
interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Term[] };
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: Term }[];
  };
}

function matchReq(r: Req, labels: Record<string, string>): boolean {
  const has = r.key in labels;
  const v = labels[r.key];
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In': return has && vals.includes(v!);
    case 'NotIn': return !has || !vals.includes(v!);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': return has && Number(v) > Number(vals[0]);
    case 'Lt': return has && Number(v) < Number(vals[0]);
    default: return false;
  }
}

export function matchTerm(t: Term, labels: Record<string, string>, name: string): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  return exprs.every((r) => matchReq(r, labels)) && fields.every((r) => r.key === 'metadata.name' && matchReq({ ...r, key: 'n' }, { n: name }));
}

export const nodeAffinity: FilterPlugin & ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  filter(pod, ni) {
    const labels = ni.node.metadata.labels ?? {};
    const sel = pod.spec.nodeSelector ?? {};
    const selOk = Object.entries(sel).every(([k, v]) => labels[k] === v);
    const terms = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    const affOk = !terms || terms.some((t) => matchTerm(t, labels, ni.node.metadata.name));
    return selOk && affOk ? success : unresolvable("node(s) didn't match Pod's node affinity/selector");
  },
  score(pod, ni) {
    const prefs = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const labels = ni.node.metadata.labels ?? {};
    return prefs.reduce((s, p) => s + (matchTerm(p.preference, labels, ni.node.metadata.name) ? p.weight : 0), 0);
  },
  normalize(scores) {
    const max = Math.max(0, ...scores.values());
    if (max > 0) for (const [k, v] of scores) scores.set(k, Math.floor((v * 100) / max));
  },
};
