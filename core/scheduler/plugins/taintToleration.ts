// TaintToleration (plugins/tainttoleration): NoSchedule/NoExecute taints keep pods off
// unless tolerated; as a score, fewer intolerable PreferNoSchedule taints is better.
// The filter message named the taint until the fix that hid taint values from pod status
// (kubernetes#134740, in v1.34.2 and v1.35): "node(s) had untolerated taint(s)" since.
import type { Taint, Toleration } from '../../api/types.ts';
import type { CycleState, FilterPlugin, ScorePlugin } from '../types.ts';
import { defaultNormalize, success, unresolvable } from '../types.ts';

export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export const tolerates = (tols: Toleration[], taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean =>
  tols.some((t) => toleratesTaint(t, taint));

/** Whether this release prints the generic "untolerated taint(s)" message. */
export const hidesTaintValues = (v: CycleState['version']): boolean => v.minor >= 35 || (v.minor === 34 && v.patch >= 2);

export const taintToleration: FilterPlugin & ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  filter(pod, ni, state) {
    const taints = ni.node.spec.taints;
    // Most nodes have no taint: answered without allocating.
    if (!taints?.length) return success;
    const tols = pod.spec.tolerations ?? [];
    for (const taint of taints) {
      if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
      if (tolerates(tols, taint)) continue;
      return unresolvable(hidesTaintValues(state.version) ? 'node(s) had untolerated taint(s)' : `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
    }
    return success;
  },
  score(pod, ni) {
    if (!ni.node.spec.taints?.length) return 0;
    const tols = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return (ni.node.spec.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(tols, t)).length;
  },
  normalize(scores) {
    defaultNormalize(scores, true);
  },
};
