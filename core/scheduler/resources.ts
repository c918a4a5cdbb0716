// Pod requests as the scheduler computes them (max of init containers vs the sum of app
// containers, plus pod overhead), including extended resources.

import type { Container, Pod } from '../api/types.ts';
import { bytes, milliCPU } from '../api/quantity.ts';
import type { Resources } from './types.ts';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

export const zero = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0 });

/** An extended resource's quantity as an integer count (GPUs, hugepages in bytes). */
const scalarValue = (name: string, q: string | number): number => (name.startsWith('hugepages-') ? bytes(q) : Number(q) || bytes(q));

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = c.resources?.requests ?? {};
  const out: Resources = {
    milliCPU: nonZero && r.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliCPU(r.cpu),
    memory: nonZero && r.memory === undefined ? DEFAULT_MEMORY_REQUEST : bytes(r.memory),
    ephemeralStorage: bytes(r['ephemeral-storage']),
    pods: 0,
  };
  for (const [k, v] of Object.entries(r)) if (!NATIVE.has(k)) (out.scalar ??= {})[k] = scalarValue(k, v);
  return out;
}

// Requests depend only on the spec, which stays the same object across status updates:
// memoised per spec, so a scheduling cycle over thousands of nodes parses quantities once.
const memo = [new WeakMap<object, Resources>(), new WeakMap<object, Resources>()];

/** A pod's requests (frozen: shared between callers). */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const m = memo[nonZero ? 1 : 0]!;
  let r = m.get(pod.spec);
  if (!r) m.set(pod.spec, (r = Object.freeze(computeRequests(pod, nonZero))));
  return r;
}

function computeRequests(pod: Pod, nonZero: boolean): Resources {
  const sum = zero();
  for (const c of pod.spec.containers ?? []) addTo(sum, containerRequests(c, nonZero));
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    sum.milliCPU = Math.max(sum.milliCPU, r.milliCPU);
    sum.memory = Math.max(sum.memory, r.memory);
    sum.ephemeralStorage = Math.max(sum.ephemeralStorage, r.ephemeralStorage);
    for (const [k, v] of Object.entries(r.scalar ?? {})) (sum.scalar ??= {})[k] = Math.max(sum.scalar[k] ?? 0, v);
  }
  const overhead = (pod.spec.overhead ?? {}) as Record<string, string>;
  sum.milliCPU += milliCPU(overhead.cpu);
  sum.memory += bytes(overhead.memory);
  sum.pods = 1;
  return sum;
}

export function addTo(a: Resources, b: Resources, sign = 1): void {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.pods += sign * b.pods;
  for (const [k, v] of Object.entries(b.scalar ?? {})) {
    a.scalar ??= {};
    a.scalar[k] = (a.scalar[k] ?? 0) + sign * v;
  }
}
