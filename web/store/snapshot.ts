// Applying the worker's snapshot patches with structural sharing: unchanged objects (and the
// events and sources when the patch leaves them out, and events not in its delta) keep their identity, so memoised selectors
// skip them. Objects stay sorted by objectKey, as the engine sends them. The latest snapshot
// carries a key → object index, handed on from patch to patch, so a patch costs a pass of
// identity lookups plus what changed — no re-keying or sorting of the whole cluster.
import { objectKey, type EventsDelta, type Snapshot, type SnapshotPatch } from '../../core/protocol.ts';
import type { KEvent, KObject } from '../../core/api/types.ts';

/** What a patch did to the snapshot it was applied to (for "what my edit did" and selectors). */
export interface AppliedPatch {
  /** The snapshot patched; dropped once a patch is applied on top (no chain of old snapshots kept). */
  base: Snapshot | null;
  /** New or changed objects, each with the version it replaced (undefined when new). */
  upserted: { object: KObject; old: KObject | undefined }[];
  removed: KObject[];
}

const indexes = new WeakMap<KObject[], Map<string, KObject>>();
const applied = new WeakMap<Snapshot, AppliedPatch>();

/** How `next` was made from its base, when it came from a patch. */
export const patchOf = (next: Snapshot): AppliedPatch | undefined => applied.get(next);

/** The index of `objects`, taken over by the caller (built when the array has none). */
function takeIndex(objects: KObject[]): Map<string, KObject> {
  const index = indexes.get(objects);
  if (index) {
    indexes.delete(objects);
    return index;
  }
  return new Map(objects.map((o) => [objectKey(o), o]));
}

export function applyPatch(prev: Snapshot, patch: SnapshotPatch): Snapshot {
  const { upsert, remove, base: _base, events, eventsDelta, sources, ...rest } = patch;
  const index = takeIndex(prev.objects);
  const replaced = new Map<KObject, KObject | null>();
  const upserted: AppliedPatch['upserted'] = [];
  const added: { key: string; object: KObject }[] = [];
  for (const o of upsert) {
    const key = objectKey(o);
    const old = index.get(key);
    index.set(key, o);
    upserted.push({ object: o, old });
    if (old) replaced.set(old, o);
    else added.push({ key, object: o });
  }
  const removed: KObject[] = [];
  for (const key of remove) {
    const old = index.get(key);
    if (!old) continue;
    index.delete(key);
    removed.push(old);
    replaced.set(old, null);
  }
  const link = applied.get(prev);
  if (link) link.base = null;
  let objects = prev.objects;
  if (replaced.size) {
    objects = [];
    for (const o of prev.objects) {
      const r = replaced.get(o);
      if (r !== null) objects.push(r ?? o);
    }
  }
  if (added.length) objects = insertSorted(objects, added);
  indexes.set(objects, index);
  const next: Snapshot = {
    ...rest,
    objects,
    events: events ?? (eventsDelta ? applyEventsDelta(prev.events, eventsDelta) : prev.events),
    sources: sources ?? prev.sources,
  };
  applied.set(next, { base: prev, upserted, removed });
  return next;
}

const eventKey = (e: KEvent): string => `${e.metadata.namespace ?? ''}/${e.metadata.name}`;

/** The recent events after `delta` (the worker checks that this gives its list, or sends it whole). */
export function applyEventsDelta(prev: KEvent[], delta: EventsDelta): KEvent[] {
  const updated = new Map(delta.update.map((e) => [eventKey(e), e]));
  const out = delta.drop ? prev.slice(delta.drop) : [...prev];
  if (updated.size) for (let i = 0; i < out.length; i++) out[i] = updated.get(eventKey(out[i]!)) ?? out[i]!;
  out.push(...delta.append);
  return out;
}

const kindLists = new WeakMap<Snapshot, Map<string, KObject[]>>();

/**
 * The snapshot's objects of one kind, in the snapshot's order. A kind no patch touched since the
 * last call is the very same array as before, so what is derived from it can be kept.
 */
export function ofKind<T extends KObject = KObject>(s: Snapshot, kind: string): T[] {
  return (byKind(s).get(kind) ?? []) as T[];
}

function byKind(s: Snapshot): Map<string, KObject[]> {
  let lists = kindLists.get(s);
  if (lists) return lists;
  const p = applied.get(s);
  const before = p?.base && kindLists.get(p.base);
  if (p && before) {
    lists = new Map(before);
    const touched = new Set([...p.upserted.map((u) => u.object.kind), ...p.removed.map((o) => o.kind)]);
    for (const kind of touched) lists.set(kind, []);
    for (const o of s.objects) if (touched.has(o.kind)) lists.get(o.kind)!.push(o);
    for (const kind of touched) if (!lists.get(kind)!.length) lists.delete(kind);
  } else {
    lists = new Map();
    for (const o of s.objects) {
      const l = lists.get(o.kind);
      if (l) l.push(o);
      else lists.set(o.kind, [o]);
    }
  }
  kindLists.set(s, lists);
  return lists;
}

/** `objects` (sorted by key) with `added` merged in: each place found by binary search. */
function insertSorted(objects: KObject[], added: { key: string; object: KObject }[]): KObject[] {
  added.sort((a, b) => cmp(a.key, b.key));
  const at = added.map(({ key }) => {
    let lo = 0;
    let hi = objects.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(objectKey(objects[mid]!), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
  const out: KObject[] = [];
  let j = 0;
  for (let i = 0; i <= objects.length; i++) {
    while (j < added.length && at[j] === i) out.push(added[j++]!.object);
    if (i < objects.length) out.push(objects[i]!);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
