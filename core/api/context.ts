// What every simulated component is handed: the API server (its only door to state),
// the shared clock and RNG, the event recorder and the cluster settings.

import type { ApiServer } from './apiserver.ts';
import type { SimClock } from './clock.ts';
import type { Rng } from './rng.ts';
import type { EventRecorder } from './events.ts';
import type { ClusterSettings } from '../cluster/settings.ts';

export interface Context {
  api: ApiServer;
  clock: SimClock;
  rng: Rng;
  events: EventRecorder;
  settings: ClusterSettings;
}

/** A reconciler: watches, queues keys, and does its work when the simulation pumps it. */
export interface Component {
  readonly name: string;
  /** Processes queued work; returns true when it did something (the loop runs until all are idle). */
  sync(): boolean;
}

/** A de-duplicating FIFO of object keys, like client-go's workqueue. */
export class WorkQueue<K = string> {
  private items = new Set<K>();
  add(k: K): void {
    this.items.add(k);
  }
  get size(): number {
    return this.items.size;
  }
  /** Takes everything queued so far; keys added while processing wait for the next round. */
  drain(): K[] {
    const out = [...this.items];
    this.items.clear();
    return out;
  }
}
