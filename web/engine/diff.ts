// What the worker tells the page after each step: a whole snapshot when the page has none of
// this store (first load, a rebuilt cluster, a rewind, a resync), else only what changed since the
// last message, read from a watch cache on the store (core/api/watchCache.ts). Finding the changes
// costs what changed, not the cluster: no listing, sorting or comparing of every object.
import { WatchCache } from '../../core/api/watchCache.ts';
import type { KEvent } from '../../core/api/types.ts';
import type { EventsDelta, Snapshot, SnapshotPatch, SourceRef } from '../../core/protocol.ts';
import type { Simulation } from '../../core/simulation.ts';
import { applyEventsDelta } from '../store/snapshot.ts';

export type SnapshotMessage = { type: 'snapshot'; snapshot: Snapshot } | { type: 'patch'; patch: SnapshotPatch };

type Header = ReturnType<Simulation['snapshotHeader']>;

export class SnapshotFeed {
  private cache: WatchCache | null = null;
  /** What the page holds now (as far as objects go: up to `revision`). */
  private sent: Header | null = null;

  /** The page lost track: the next message is a whole snapshot. */
  resync(): void {
    this.sent = null;
  }

  /** The message that brings the page up to `sim` now; null when nothing at all changed. */
  next(sim: Simulation): SnapshotMessage | null {
    const sent = this.sent;
    if (!sent || this.cache?.store !== sim.store) return this.whole(sim);
    const head = sim.snapshotHeader();
    if (head.time === sent.time && head.revision === sent.revision && head.errors === sent.errors) return null;
    const changes = this.cache.since(sent.revision);
    if (!changes) return this.whole(sim);
    this.cache.compact(changes.revision);
    this.sent = head;
    const { events, sources, ...rest } = head;
    return {
      type: 'patch',
      patch: {
        ...rest,
        base: sent.revision,
        upsert: changes.upsert,
        remove: changes.remove,
        ...eventsChange(sent.events, events),
        ...(sameSources(sources, sent.sources) ? {} : { sources }),
      },
    };
  }

  private whole(sim: Simulation): SnapshotMessage {
    // Journeys and scheduling decisions (MBs for a thousand pods) stay in the worker: the page
    // asks for one pod's as a view when it shows it.
    const { journeys: _j, scheduling: _s, ...snapshot } = sim.snapshot();
    this.cache?.close();
    // Events are sent as the recent list, not as objects.
    this.cache = new WatchCache(sim.store, { ignore: ['Event'] });
    const { objects: _o, ...head } = snapshot;
    this.sent = head;
    return { type: 'snapshot', snapshot };
  }
}

/**
 * How the recent events moved on from `before` to `now` (a window over creation order: old ones
 * drop off the front, repeats are replaced in place, new ones come at the end): nothing when
 * unchanged, the delta when it rebuilds `now` exactly, else the whole list. Stored events are
 * frozen and replaced on every change, so identity tells what changed.
 */
function eventsChange(before: KEvent[], now: KEvent[]): Pick<SnapshotPatch, 'events' | 'eventsDelta'> {
  if (before.length === now.length && before.every((e, i) => e === now[i])) return {};
  const known = new Set(before.map((e) => `${e.metadata.namespace ?? ''}/${e.metadata.name}`));
  let first = now.findIndex((e) => !known.has(`${e.metadata.namespace ?? ''}/${e.metadata.name}`));
  if (first < 0) first = now.length;
  const kept = now.slice(0, first);
  const same = new Set(before);
  const delta: EventsDelta = { drop: before.length - kept.length, update: kept.filter((e) => !same.has(e)), append: now.slice(first) };
  const rebuilt = applyEventsDelta(before, delta);
  return rebuilt.length === now.length && rebuilt.every((e, i) => e === now[i]) ? { eventsDelta: delta } : { events: now };
}

function sameSources(a: Record<string, SourceRef>, b: Record<string, SourceRef>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = a[k]!, y = b[k];
    return !!y && x.file === y.file && x.line === y.line && x.col === y.col && x.endLine === y.endLine;
  });
}
