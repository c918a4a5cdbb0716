// The event recorder (client-go's record package): components report what they did;
// repeats of the same event are folded into one with a count, as on a real cluster.

import type { KEvent, KObject } from './types.ts';
import type { ObjectStore } from './store.ts';
import type { SimClock } from './clock.ts';

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private seq = 0;
  /** Events kept per cluster; older ones expire as with the API server's 1 h TTL, bounded here by count. */
  static readonly MAX = 2000;
  private order: KEvent[] = [];

  constructor(private store: ObjectStore, private clock: SimClock) {}

  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    const now = this.clock.iso();
    const prev = this.order.findLast(
      (e) => e.involvedObject.uid === obj.metadata.uid && e.reason === reason && e.message === message && e.source.component === source.component,
    );
    if (prev && this.store.get('Event', prev.metadata.namespace, prev.metadata.name)) {
      const next = { ...prev, count: prev.count + 1, lastTimestamp: now };
      const stored = this.store.put(next);
      this.order[this.order.indexOf(prev)] = stored;
      return;
    }
    // Event names are <object>.<hex timestamp>; a counter keeps them unique and deterministic.
    const name = `${obj.metadata.name}.${(0x187a0000000000 + this.clock.now() * 1000 + this.seq++).toString(16)}`;
    const ev: KEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns, creationTimestamp: now },
      involvedObject: {
        kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason, message, type,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now, lastTimestamp: now, count: 1,
    };
    this.order.push(this.store.put(ev));
    if (this.order.length > EventRecorder.MAX) {
      const old = this.order.shift()!;
      this.store.remove('Event', old.metadata.namespace, old.metadata.name);
    }
  }

  recent(n = 200): KEvent[] {
    return this.order.slice(-n);
  }
}
