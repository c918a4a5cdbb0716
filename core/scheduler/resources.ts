// Pod requests as the scheduler computes them (max of init containers vs the sum of app containers).

import type { Container, Pod } from '../api/types.ts';
import { bytes, milliCPU } from '../api/quantity.ts';
import type { Resources } from './types.ts';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const zero = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0 });

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = c.resources?.requests ?? {};
  const cpu = milliCPU(r.cpu);
  const mem = bytes(r.memory);
  return {
    milliCPU: nonZero && r.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : cpu,
    memory: nonZero && r.memory === undefined ? DEFAULT_MEMORY_REQUEST : mem,
    ephemeralStorage: bytes(r['ephemeral-storage']),
    pods: 0,
  };
}

export function podRequests(pod: Pod, nonZero = false): Resources {
  const sum = zero();
  for (const c of pod.spec.containers ?? []) {
    const r = containerRequests(c, nonZero);
    sum.milliCPU += r.milliCPU;
    sum.memory += r.memory;
    sum.ephemeralStorage += r.ephemeralStorage;
  }
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    sum.milliCPU = Math.max(sum.milliCPU, r.milliCPU);
    sum.memory = Math.max(sum.memory, r.memory);
    sum.ephemeralStorage = Math.max(sum.ephemeralStorage, r.ephemeralStorage);
  }
  sum.pods = 1;
  return sum;
}

export function addTo(a: Resources, b: Resources, sign = 1): void {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.pods += sign * b.pods;
}
