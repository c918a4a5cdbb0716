// Counting pods that match a label selector, per node, for PodTopologySpread and
// InterPodAffinity. Matching pods are found through the store's label index (one bucket,
// filtered), so a cycle costs O(matching pods), not O(nodes x pods per node).

import type { LabelSelector, Pod } from '../api/types.ts';
import type { ObjectStore } from '../api/store.ts';
import { matchesSelector } from '../api/labels.ts';

/** Bound, non-terminating pods in `namespaces` matching `sel`. */
export function matchingPods(store: ObjectStore, namespaces: string[], sel: LabelSelector | undefined): Pod[] {
  if (!sel) return [];
  const out: Pod[] = [];
  const ml = sel.matchLabels ?? {};
  for (const ns of namespaces) {
    const candidates = Object.keys(ml).length ? store.selectMap<Pod>('Pod', ns, ml) : store.list<Pod>('Pod', ns);
    for (const p of candidates) {
      if (!p.spec.nodeName || p.metadata.deletionTimestamp) continue;
      if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      if (matchesSelector(sel, p.metadata.labels)) out.push(p);
    }
  }
  return out;
}

/** node name → number of matching pods on it. */
export function countByNode(pods: Pod[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of pods) m.set(p.spec.nodeName!, (m.get(p.spec.nodeName!) ?? 0) + 1);
  return m;
}
