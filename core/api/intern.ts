// Parts that many Pods hold alike — a ReplicaSet's containers, labels and owner references,
// the default tolerations, the conditions of pods that changed in the same second — are kept
// once. Stored objects are frozen, so a shared part cannot be told from a copy; at 150,000
// pods these parts are most of a pod's bytes.

import { deepFreeze } from './store.ts';

/** Distinct parts remembered at most; past it the table starts afresh (parts already shared stay shared). */
const MAX = 50_000;

export class Interner {
  private table = new Map<string, object>();

  /** An equal part already kept, or this one, frozen and kept from now on. A frozen part is already stored: kept as it is. */
  share<T>(v: T): T {
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
    const key = keyOf(v);
    if (key === undefined) return v;
    const had = this.table.get(key);
    if (had) return had as T;
    if (this.table.size >= MAX) this.table.clear();
    this.table.set(key, deepFreeze(v) as object);
    return v;
  }

  /** Shares the parts of a Pod about to be stored, in place (only parts not yet frozen are new). */
  sharePod(pod: { metadata: object; spec?: unknown; status?: unknown }): void {
    this.fields(pod.metadata, META);
    const spec = pod.spec as Record<string, unknown> | undefined;
    if (spec && !Object.isFrozen(spec)) for (const k in spec) spec[k] = this.share(spec[k]);
    const status = pod.status as Record<string, unknown> | undefined;
    if (!status || Object.isFrozen(status)) return;
    this.fields(status, ['hostIPs']);
    const conds = status['conditions'];
    if (Array.isArray(conds) && !Object.isFrozen(conds)) status['conditions'] = this.share(conds.map((c) => this.share(c)));
    for (const k of STATUSES) {
      const list = status[k];
      if (Array.isArray(list) && !Object.isFrozen(list)) for (const cs of list) this.fields(cs, ['state', 'lastState']);
    }
  }

  private fields(o: unknown, keys: readonly string[]): void {
    if (!o || Object.isFrozen(o)) return;
    const r = o as Record<string, unknown>;
    for (const k of keys) if (r[k] !== undefined) r[k] = this.share(r[k]);
  }
}

const META = ['labels', 'annotations', 'ownerReferences', 'finalizers'];
const STATUSES = ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'];

/**
 * A key equal for equal plain JSON values (same keys in the same order); undefined for anything
 * else (an undefined property, a function...), which is then never shared: JSON would drop an
 * undefined property and make two different objects look equal.
 */
function keyOf(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 't' : 'f';
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'object': {
      if (v === null) return 'n';
      const parts: string[] = [];
      if (Array.isArray(v)) {
        for (const x of v) {
          const k = keyOf(x);
          if (k === undefined) return undefined;
          parts.push(k);
        }
        return `[${parts.join(',')}]`;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
      for (const name in v) {
        const k = keyOf((v as Record<string, unknown>)[name]);
        if (k === undefined) return undefined;
        parts.push(`${JSON.stringify(name)}:${k}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}
