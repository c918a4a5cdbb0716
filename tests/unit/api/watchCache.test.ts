// The watch cache: "what changed since revision R", folded per object, within a bounded window.
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../core/api/store.ts';
import { WatchCache, type WatchCacheOptions } from '../../../core/api/watchCache.ts';
import type { KObject } from '../../../core/api/types.ts';

const obj = (kind: string, name: string, data = ''): KObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default' }, ...(data ? { data: { v: data } } : {}) });

type Step = { put: KObject } | { remove: [kind: string, name: string] } | 'mark';

interface Case {
  name: string;
  given: { before?: Step[]; opts?: WatchCacheOptions; steps: Step[]; compactAtMark?: boolean; askAt?: 'mark' | 'start' | 'ahead' };
  /** upsert as `Kind/name@data` (data '' when none), remove as keys; null: too old (list again). */
  want: { upsert: string[]; remove: string[] } | null;
}

const cases: Case[] = [
  { name: 'nothing changed', given: { steps: [] }, want: { upsert: [], remove: [] } },
  { name: 'a new object', given: { steps: [{ put: obj('Pod', 'a', '1') }] }, want: { upsert: ['Pod/a@1'], remove: [] } },
  {
    name: 'changed twice: its latest version, once',
    given: { before: [{ put: obj('Pod', 'a', '1') }], steps: [{ put: obj('Pod', 'a', '2') }, { put: obj('Pod', 'a', '3') }] },
    want: { upsert: ['Pod/a@3'], remove: [] },
  },
  { name: 'deleted', given: { before: [{ put: obj('Pod', 'a', '1') }], steps: [{ remove: ['Pod', 'a'] }] }, want: { upsert: [], remove: ['Pod/default/a'] } },
  {
    name: 'deleted and created again: the new one',
    given: { before: [{ put: obj('Pod', 'a', '1') }], steps: [{ remove: ['Pod', 'a'] }, { put: obj('Pod', 'a', '2') }] },
    want: { upsert: ['Pod/a@2'], remove: [] },
  },
  { name: 'created and deleted in the window: a removal the client may ignore', given: { steps: [{ put: obj('Pod', 'a') }, { remove: ['Pod', 'a'] }] }, want: { upsert: [], remove: ['Pod/default/a'] } },
  {
    name: 'changes before the asked revision are left out',
    given: { steps: [{ put: obj('Pod', 'a', '1') }, 'mark', { put: obj('Pod', 'b', '1') }], askAt: 'mark' },
    want: { upsert: ['Pod/b@1'], remove: [] },
  },
  { name: 'ignored kinds never show', given: { opts: { ignore: ['Event'] }, steps: [{ put: obj('Event', 'e') }, { put: obj('Pod', 'a', '1') }] }, want: { upsert: ['Pod/a@1'], remove: [] } },
  {
    name: 'compacted past the asked revision: too old',
    given: { steps: [{ put: obj('Pod', 'a', '1') }, 'mark', { put: obj('Pod', 'b', '1') }], compactAtMark: true, askAt: 'start' },
    want: null,
  },
  {
    name: 'compaction keeps what came after it',
    given: { steps: [{ put: obj('Pod', 'a', '1') }, 'mark', { put: obj('Pod', 'b', '1') }], compactAtMark: true, askAt: 'mark' },
    want: { upsert: ['Pod/b@1'], remove: [] },
  },
  {
    name: 'past capacity the older changes are forgotten',
    given: { opts: { capacity: 2 }, steps: [{ put: obj('Pod', 'a') }, { put: obj('Pod', 'b') }, { put: obj('Pod', 'c') }] },
    want: null,
  },
  {
    name: 'past capacity a recent revision still answers',
    given: { opts: { capacity: 2 }, steps: [{ put: obj('Pod', 'a') }, { put: obj('Pod', 'b') }, 'mark', { put: obj('Pod', 'c', '1') }], askAt: 'mark' },
    want: { upsert: ['Pod/c@1'], remove: [] },
  },
  { name: 'changes from before the cache existed: too old', given: { before: [{ put: obj('Pod', 'a') }], steps: [], askAt: 'start' }, want: null },
  { name: 'a revision the store never reached (another store): too old', given: { steps: [], askAt: 'ahead' }, want: null },
];

const run = (store: ObjectStore, s: Step) => {
  if (s === 'mark') return;
  if ('put' in s) store.put(s.put);
  else store.remove(s.remove[0], 'default', s.remove[1]);
};

describe('watch cache', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const store = new ObjectStore();
    for (const s of given.before ?? []) run(store, s);
    const cache = new WatchCache(store, given.opts);
    const start = store.rev;
    let mark = start;
    for (const s of given.steps) {
      if (s === 'mark') {
        mark = store.rev;
        if (given.compactAtMark) cache.compact(mark);
      } else run(store, s);
    }
    const at = given.askAt === 'mark' ? mark : given.askAt === 'ahead' ? store.rev + 1 : given.askAt === 'start' ? 0 : start;
    const got = cache.since(at);
    if (!want) return expect(got).toBeNull();
    const label = (o: KObject) => `${o.kind}/${o.metadata.name}@${(o as { data?: { v: string } }).data?.v ?? ''}`;
    expect(got && { upsert: got.upsert.map(label), remove: got.remove }).toEqual(want);
    expect(got!.revision).toBe(store.rev);
  });

  it('stops following the store when closed', () => {
    const store = new ObjectStore();
    const cache = new WatchCache(store);
    cache.close();
    store.put(obj('Pod', 'a'));
    expect(cache.since(0)?.upsert).toEqual([]);
  });
});
