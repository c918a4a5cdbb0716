// Resource arithmetic behind describe: canonical quantities, pod requests/limits
// (resourcehelper.PodRequestsAndLimits) and the QoS class (qos.GetPodQOS).
import type { Container, Pod, ResourceList } from '../../api/types.ts';
import { addQuantity, formatQuantity, parseQuantity, type Quantity } from '../quantityFormat.ts';

/** A ResourceList with each quantity printed canonically. */
export function resourceMap(list: ResourceList | undefined): Map<string, string> {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, formatQuantity(parseQuantity(v))]));
}

// The API server defaults a missing request to its limit.
const requestsOf = (c: Container): ResourceList => ({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });

function sum(lists: ResourceList[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const list of lists) {
    for (const [k, v] of Object.entries(list)) {
      const q = parseQuantity(v);
      const prev = out.get(k);
      out.set(k, prev ? addQuantity(prev, q) : q);
    }
  }
  return out;
}

/** Sum over app containers, raised to any larger single init container. */
function effective(pod: Pod, pick: (c: Container) => ResourceList): Map<string, Quantity> {
  const total = sum(pod.spec.containers.map(pick));
  for (const c of pod.spec.initContainers ?? []) {
    for (const [k, v] of Object.entries(pick(c))) {
      const q = parseQuantity(v);
      const cur = total.get(k);
      if (!cur || q.milli > cur.milli) total.set(k, q);
    }
  }
  const overhead = pod.spec['overhead'] as ResourceList | undefined;
  for (const [k, v] of Object.entries(overhead ?? {})) {
    const cur = total.get(k);
    total.set(k, cur ? addQuantity(cur, parseQuantity(v)) : parseQuantity(v));
  }
  return total;
}

export function podRequestsAndLimits(pod: Pod): { requests: Map<string, Quantity>; limits: Map<string, Quantity> } {
  return { requests: effective(pod, requestsOf), limits: effective(pod, (c) => c.resources?.limits ?? {}) };
}

export function podQOS(pod: Pod): string {
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const relevant = (l: ResourceList): string[] => Object.keys(l).filter((k) => k === 'cpu' || k === 'memory');
  if (all.every((c) => relevant(requestsOf(c)).length === 0 && relevant(c.resources?.limits ?? {}).length === 0)) return 'BestEffort';
  const guaranteed = all.every((c) => {
    const limits = c.resources?.limits ?? {};
    const requests = requestsOf(c);
    return ['cpu', 'memory'].every(
      (k) => limits[k] !== undefined && parseQuantity(requests[k]).milli === parseQuantity(limits[k]).milli,
    );
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
