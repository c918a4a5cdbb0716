// Store logic for time: patches rebuild the snapshot, ticks gather per event occurrence, a new
// branch drops the recorded future, file operations can be undone.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KEvent, KObject } from '../../../core/api/types.ts';
import type { Snapshot } from '../../../core/protocol.ts';
import { applyEventsDelta, applyPatch, ofKind, patchOf } from '../../../web/store/snapshot.ts';
import { cutTicks, epochOf, mergeTicks } from '../../../web/time/ticks.ts';
import { kubectlAge } from '../../../web/time/format.ts';
import { before, goDurationMs, lastCrash, laterInputs, markerStep, nextBackOff, settledEdit } from '../../../web/time/moments.ts';
import type { ClockState, TimelineInput } from '../../../core/protocol.ts';
import type { Pod } from '../../../core/api/types.ts';

const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => void storage.set(k, v),
  removeItem: (k: string) => void storage.delete(k),
});

const obj = (kind: string, name: string, rv: string): KObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default', resourceVersion: rv } });
const snap = (objects: KObject[]): Snapshot => ({ time: 0, timeIso: '2026-01-01T00:00:00Z', revision: 1, objects, events: [], sources: {}, errors: [], version: 'v1.34.1' });
const event = (uid: string, count: number, at: string, type: 'Normal' | 'Warning' = 'Normal'): KEvent => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: uid, uid, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'crasher' }, reason: 'BackOff', message: '', type,
  source: { component: 'kubelet' }, firstTimestamp: at, lastTimestamp: at, count,
});

describe('snapshot patches', () => {
  it('merges upserts and removals in key order, keeping unchanged objects as they were', () => {
    const a = obj('Pod', 'a', '1');
    const prev = snap([a, obj('Pod', 'c', '1'), obj('Service', 'web', '1')]);
    const { objects: _o, ...head } = prev;
    const next = applyPatch(prev, { ...head, base: 1, upsert: [obj('Pod', 'b', '5'), obj('Service', 'web', '6')], remove: ['Pod/default/c'] });
    expect(next.objects.map((o) => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`)).toEqual(['Pod/a@1', 'Pod/b@5', 'Service/web@6']);
    expect(next.objects[0]).toBe(a);
  });
});

describe('objects by kind', () => {
  const a = obj('Pod', 'a', '1');
  const web = obj('Service', 'web', '1');
  const prev = snap([a, obj('Pod', 'c', '1'), web]);
  const { objects: _o, ...head } = prev;
  const cases: { name: string; given: { upsert: KObject[]; remove: string[] }; want: { pods: string[]; podsShared: boolean; servicesShared: boolean } }[] = [
    { name: 'a pod changed: pods listed anew, Services shared', given: { upsert: [obj('Pod', 'a', '2')], remove: [] }, want: { pods: ['a@2', 'c@1'], podsShared: false, servicesShared: true } },
    { name: 'a pod removed', given: { upsert: [], remove: ['Pod/default/c'] }, want: { pods: ['a@1'], podsShared: false, servicesShared: true } },
    { name: 'only a Service changed: the pods list is the same array', given: { upsert: [obj('Service', 'web', '2')], remove: [] }, want: { pods: ['a@1', 'c@1'], podsShared: true, servicesShared: false } },
    { name: 'nothing changed', given: { upsert: [], remove: [] }, want: { pods: ['a@1', 'c@1'], podsShared: true, servicesShared: true } },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const before = { pods: ofKind(prev, 'Pod'), services: ofKind(prev, 'Service') };
    const next = applyPatch(prev, { ...head, base: 1, ...given });
    const pods = ofKind(next, 'Pod');
    expect(pods.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`)).toEqual(want.pods);
    expect(pods === before.pods).toBe(want.podsShared);
    expect(ofKind(next, 'Service') === before.services).toBe(want.servicesShared);
  });

  it('a patched snapshot forgets its base once patched in turn (no chain of old snapshots)', () => {
    const b = applyPatch(prev, { ...head, base: 1, upsert: [], remove: [] });
    expect(patchOf(b)?.base).toBe(prev);
    applyPatch(b, { ...head, base: 1, upsert: [], remove: [] });
    expect(patchOf(b)?.base).toBeNull();
  });
});

describe('recent events moved on by a delta', () => {
  const [e1, e2, e3] = ['e1', 'e2', 'e3'].map((uid) => event(uid, 1, '2026-01-01T00:00:05Z'));
  const e2again = event('e2', 2, '2026-01-01T00:00:09Z');
  const e4 = event('e4', 1, '2026-01-01T00:00:10Z');
  const cases: { name: string; given: { prev: KEvent[]; delta: { drop: number; update: KEvent[]; append: KEvent[] } }; want: KEvent[] }[] = [
    { name: 'new events at the end', given: { prev: [e1!, e2!], delta: { drop: 0, update: [], append: [e3!] } }, want: [e1!, e2!, e3!] },
    { name: 'the oldest drop off the front', given: { prev: [e1!, e2!, e3!], delta: { drop: 2, update: [], append: [e4] } }, want: [e3!, e4] },
    { name: 'a repeat replaces its event in place', given: { prev: [e1!, e2!, e3!], delta: { drop: 0, update: [e2again], append: [] } }, want: [e1!, e2again, e3!] },
    { name: 'all at once', given: { prev: [e1!, e2!, e3!], delta: { drop: 1, update: [e2again], append: [e4] } }, want: [e2again, e3!, e4] },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    expect(applyEventsDelta(given.prev, given.delta)).toEqual(want);
  });
});

describe('timeline ticks', () => {
  it('one tick per occurrence, at simulated time', () => {
    const epoch = epochOf({ time: 12_500, timeIso: '2026-01-01T00:00:12Z' });
    expect(epoch).toBe(Date.parse('2026-01-01T00:00:00Z'));
    let ticks = mergeTicks([], [event('e1', 1, '2026-01-01T00:00:05Z')], epoch);
    ticks = mergeTicks(ticks, [event('e1', 1, '2026-01-01T00:00:05Z'), event('e1', 2, '2026-01-01T00:00:30Z', 'Warning')], epoch);
    expect(ticks.map((k) => [k.t, k.warning])).toEqual([[5000, false], [30000, true]]);
    expect(cutTicks(ticks, 10_000).map((k) => k.t)).toEqual([5000]);
  });

  it('an event first seen with a count keeps a tick at its first occurrence too', () => {
    const epoch = Date.parse('2026-01-01T00:00:00Z');
    const loop = { ...event('e2', 3, '2026-01-01T00:00:48Z', 'Warning'), firstTimestamp: '2026-01-01T00:00:05Z' };
    const ticks = mergeTicks([], [loop], epoch);
    expect(ticks.map((k) => [k.t, k.id])).toEqual([[5000, 'e2:1'], [48000, 'e2:3']]);
    expect(mergeTicks(ticks, [{ ...loop, count: 4, lastTimestamp: '2026-01-01T00:01:30Z' }], epoch).map((k) => k.id)).toEqual(['e2:1', 'e2:3', 'e2:4']);
  });

  it('prints ages like kubectl', () => {
    expect([5_000, 125_000, 600_000, 3 * 3600_000 + 60_000].map(kubectlAge)).toEqual(['5s', '2m5s', '10m', '3h1m']);
  });
});

describe('moments the time bar tells about', () => {
  const clk = (time: number, head: number, inputs: number[], playing = false): ClockState => ({ time, head, inputs, playing, speed: 1 });
  const edit = (at: number): TimelineInput => ({ at, kind: 'files', files: [], removed: [] });
  const cmd = (at: number): TimelineInput => ({ at, kind: 'command', line: 'kubectl delete pod x' });
  const settled: { name: string; given: [ClockState | null, ClockState, TimelineInput | undefined]; want: ReturnType<typeof settledEdit> }[] = [
    { name: 'an edit at 20 s settled to 79 s', given: [clk(20_000, 20_000, [0]), clk(79_000, 79_000, [0, 20_000]), edit(20_000)], want: { at: 20_000, to: 79_000, branched: false } },
    { name: 'an edit while rewound at 27 s of 79 s', given: [clk(27_000, 79_000, [0, 20_000, 40_000]), clk(87_000, 87_000, [0, 20_000, 27_000]), edit(27_000)], want: { at: 27_000, to: 87_000, branched: true } },
    { name: 'a second edit at the same moment', given: [clk(20_000, 20_000, [0, 20_000]), clk(30_000, 30_000, [0, 20_000, 20_000]), edit(20_000)], want: { at: 20_000, to: 30_000, branched: false } },
    { name: 'an edit while playing does not settle', given: [clk(20_000, 20_000, [0], true), clk(20_100, 20_100, [0, 20_000], true), edit(20_000)], want: null },
    { name: 'a command that waited (kubectl delete)', given: [clk(20_000, 20_000, [0]), clk(21_000, 21_000, [0, 20_000]), cmd(20_000)], want: null },
    { name: 'a step: nothing recorded', given: [clk(20_000, 20_000, [0]), clk(25_000, 25_000, [0]), edit(0)], want: null },
    { name: 'a rebuild from t = 0', given: [clk(50_000, 50_000, [0]), clk(49_000, 49_000, [0]), edit(0)], want: null },
    { name: 'the first clock of a page', given: [null, clk(50_000, 50_000, [0]), edit(0)], want: null },
  ];
  it.each(settled)('settle: $name', ({ given, want }) => expect(settledEdit(...given)).toEqual(want));

  it.each([
    { name: 'at the head', given: clk(79_000, 79_000, [0, 20_000]), want: 0 },
    { name: 'rewound before one input', given: clk(10_000, 79_000, [0, 20_000]), want: 1 },
    { name: 'rewound to an input: it is in the past', given: clk(20_000, 79_000, [0, 20_000, 30_000]), want: 1 },
  ])('inputs an edit would drop: $name', ({ given, want }) => expect(laterInputs(given)).toBe(want));

  it.each([
    { given: '40s', want: 40_000 }, { given: '1m20s', want: 80_000 }, { given: '5m0s', want: 300_000 },
    { given: '1h2m3s', want: 3_723_000 }, { given: '10.5s', want: 10_500 }, { given: '', want: undefined }, { given: 'soon', want: undefined },
  ])('Go duration $given', ({ given, want }) => expect(goDurationMs(given)).toBe(want));

  it.each([
    { name: 'previous marker', given: { time: 30_000, dir: -1 as const }, want: 19_000 },
    { name: 'previous, from just before one: the one before it', given: { time: 19_000, dir: -1 as const }, want: 4_000 },
    { name: 'next marker', given: { time: 30_000, dir: 1 as const }, want: 41_000 },
    { name: 'none before the first', given: { time: 4_000, dir: -1 as const }, want: undefined },
    { name: 'none after the last', given: { time: 41_000, dir: 1 as const }, want: undefined },
  ])('PageUp/PageDown: $name', ({ given, want }) => expect(markerStep([42_000, 5_000, 20_000], given.time, given.dir)).toBe(want));

  it('just before a moment, never before t = 0', () => expect([before(42_000), before(300)]).toEqual([41_000, 0]));

  const epoch = Date.parse('2026-01-01T00:00:00Z');
  const pod = (name: string, c: { waiting?: { reason: string; message?: string }; running?: boolean; finished?: string; restarts?: number }): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox' }] },
    status: {
      phase: 'Running',
      containerStatuses: [{
        name: 'app', image: 'busybox', imageID: '', ready: false, restartCount: c.restarts ?? 0,
        state: c.waiting ? { waiting: c.waiting } : c.running ? { running: { startedAt: '2026-01-01T00:00:01Z' } } : {},
        ...(c.finished ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: c.finished } } } : {}),
      }],
    },
  }) as Pod;
  const loop = (name: string, backoff: string, finished: string) =>
    pod(name, { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${backoff} restarting failed container=app pod=${name}_default(u)` }, finished, restarts: 3 });
  it.each([
    { name: 'nothing held back', given: [pod('web', { running: true })], want: null },
    { name: 'a crash loop: its exit plus the back-off', given: [loop('crasher', '40s', '2026-01-01T00:00:48Z')], want: { pod: 'crasher', reason: 'CrashLoopBackOff', until: 88_000 } },
    { name: 'the soonest of two', given: [loop('a', '2m40s', '2026-01-01T00:01:00Z'), loop('b', '1m20s', '2026-01-01T00:00:30Z')], want: { pod: 'b', reason: 'CrashLoopBackOff', until: 110_000 } },
    { name: 'an image pull back-off: no time in its message', given: [pod('img', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:nope"' } })], want: { pod: 'img', reason: 'ImagePullBackOff' } },
    { name: 'a crash loop comes before an untimed back-off', given: [pod('img', { waiting: { reason: 'ImagePullBackOff' } }), loop('crasher', '40s', '2026-01-01T00:00:48Z')], want: { pod: 'crasher', reason: 'CrashLoopBackOff', until: 88_000 } },
  ])('waiting on: $name', ({ given, want }) => expect(nextBackOff(given, epoch)).toEqual(want));

  it.each([
    { name: 'never restarted', given: pod('web', { running: true }), want: null },
    { name: 'restarted: its last exit', given: pod('c', { running: true, restarts: 2, finished: '2026-01-01T00:01:05Z' }), want: 65_000 },
  ])('last crash: $name', ({ given, want }) => expect(lastCrash(given, epoch)).toBe(want));
});

describe('store', () => {
  beforeEach(() => storage.clear());
  const fresh = async () => {
    vi.resetModules();
    return (await import('../../../web/store/index.ts')).useStore;
  };

  it('a shorter head (a new branch) drops ticks past it', async () => {
    const store = await fresh();
    const s = store.getState();
    s.receiveClock({ time: 60_000, head: 60_000, playing: false, speed: 1, inputs: [0] });
    store.setState({ ticks: [{ t: 10_000, warning: false, reason: 'x', object: 'Pod/a', message: '', id: '1' }, { t: 50_000, warning: true, reason: 'y', object: 'Pod/a', message: '', id: '2' }] });
    s.receiveClock({ time: 20_000, head: 60_000, playing: false, speed: 1, inputs: [0] });
    expect(store.getState().ticks).toHaveLength(2); // rewound: the future is still recorded
    s.receiveClock({ time: 20_000, head: 20_000, playing: false, speed: 1, inputs: [0, 20_000] });
    expect(store.getState().ticks.map((k) => k.id)).toEqual(['1']);
  });

  it('file operations are undoable and tabs follow renames; closing a tab keeps the file', async () => {
    const store = await fresh();
    const s = () => store.getState();
    expect(s().createFile('apps/db.yaml', 'kind: Pod\n')).toBeNull();
    expect(s().open).toEqual(['workspace.yaml', 'apps/db.yaml']);
    expect(s().renamePath('apps', 'data')).toBeNull();
    expect(s().activePath).toBe('data/db.yaml');
    s().deletePath('data/db.yaml');
    expect(s().files.map((f) => f.path)).toEqual(['workspace.yaml']);
    expect(s().fileOps.at(-1)?.label).toBe('Deleted data/db.yaml');
    s().undoFileOp();
    expect(s().files.map((f) => f.path)).toEqual(['data/db.yaml', 'workspace.yaml']);
    expect(s().activePath).toBe('data/db.yaml');
    s().closeTab('data/db.yaml');
    expect(s().open).toEqual(['workspace.yaml']);
    expect(s().files).toHaveLength(2);
    const reloaded = await fresh();
    expect(reloaded.getState().files.map((f) => f.path)).toEqual(['data/db.yaml', 'workspace.yaml']);
    expect(reloaded.getState().activePath).toBe('workspace.yaml');
  });

  it('says when the browser refuses to save', async () => {
    const store = await fresh();
    const setItem = localStorage.setItem;
    localStorage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    store.getState().setText('workspace.yaml', 'x'.repeat(10));
    expect(store.getState().saveError).toMatch(/Quota/);
    localStorage.setItem = setItem;
  });
});
