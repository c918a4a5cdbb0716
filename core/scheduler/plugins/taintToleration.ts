// TaintToleration: NoSchedule/NoExecute taints keep pods off unless tolerated; as a score,
// fewer intolerable PreferNoSchedule taints is better.
import type { Taint, Toleration } from '../../api/types.ts';
import type { FilterPlugin, ScorePlugin } from '../types.ts';
import { success, unresolvable } from '../types.ts';

export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export const tolerates = (tols: Toleration[], taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean =>
  tols.some((t) => toleratesTaint(t, taint));

export const taintToleration: FilterPlugin & ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  filter(pod, ni) {
    const tols = pod.spec.tolerations ?? [];
    for (const taint of ni.node.spec.taints ?? []) {
      if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
      if (!tolerates(tols, taint)) return unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
    }
    return success;
  },
  score(pod, ni) {
    const tols = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return (ni.node.spec.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(tols, t)).length;
  },
  normalize(scores) {
    // Reverse: the node with the most intolerable taints gets 0, none gets 100.
    const max = Math.max(0, ...scores.values());
    for (const [k, v] of scores) scores.set(k, max === 0 ? 100 : Math.floor(100 - (v * 100) / max));
  },
};
