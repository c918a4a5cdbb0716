// The event recorder (client-go's record package): components report what they did;
// repeats of the same event are folded into one with a count, as on a real cluster.

import type { KEvent, KObject } from './types.ts';
import type { ObjectStore } from './store.ts';
import { EPOCH_MS, type SimClock } from './clock.ts';

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private seq = 0;
  /** Events kept per cluster; older ones expire as with the API server's 1 h TTL, bounded here by count. */
  static readonly MAX = 5000;
  /** Namespace, name and fold key of every live event, oldest first (from `head`). */
  private order: [string, string, string][] = [];
  private head = 0;
  /** The latest event per (object, reason, message, source): repeats fold into it. */
  private latest = new Map<string, KEvent>();

  constructor(private store: ObjectStore, private clock: SimClock) {}

  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    const now = this.clock.iso();
    // client-go's EventCorrelator getEventKey: source, the object with its fieldPath, type, reason, message.
    const dedupe = `${obj.metadata.uid ?? obj.metadata.name}\0${fieldPath ?? ''}\0${type}\0${reason}\0${message}\0${source.component}\0${source.host ?? ''}`;
    const prev = this.latest.get(dedupe);
    if (prev && this.store.get('Event', prev.metadata.namespace, prev.metadata.name)) {
      this.latest.set(dedupe, this.store.put({ ...prev, count: prev.count + 1, lastTimestamp: now }));
      return;
    }
    // Event names are <object>.<hex of time.Now().UnixNano()> (record/event.go makeEvent); a counter
    // in the nanoseconds keeps them unique and deterministic.
    const name = `${obj.metadata.name}.${(BigInt(EPOCH_MS + this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
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
    this.latest.set(dedupe, this.store.put(ev));
    this.order.push([ns, name, dedupe]);
    if (this.order.length - this.head > EventRecorder.MAX) {
      const [ons, oname, okey] = this.order[this.head++]!;
      this.store.remove('Event', ons, oname);
      // An expired event folds nothing any more: forget it, or every event ever recorded stays in memory.
      if (this.latest.get(okey)?.metadata.name === oname) this.latest.delete(okey);
      // Compact now and then so the list does not grow without bound.
      if (this.head > EventRecorder.MAX) {
        this.order = this.order.slice(this.head);
        this.head = 0;
      }
    }
  }

  /** Events a repeat can still fold into: the live ones at most. */
  get folding(): number {
    return this.latest.size;
  }

  /** The newest `n` events (each at its latest count), oldest first. */
  recent(n = 200): KEvent[] {
    const out: KEvent[] = [];
    for (let i = Math.max(this.head, this.order.length - n); i < this.order.length; i++) {
      const [ns, name] = this.order[i]!;
      const e = this.store.get<KEvent>('Event', ns, name);
      if (e) out.push(e);
    }
    return out;
  }
}
