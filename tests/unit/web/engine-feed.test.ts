// The worker → page snapshot feed: whole snapshots when the page cannot patch, else the watch
// cache's changes, which the page applies with structural sharing. Whatever the step, the page's
// snapshot must equal the engine's own.
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml, type TestCluster } from '../harness.ts';
import { objectKey, type Snapshot } from '../../../core/protocol.ts';
import { SnapshotFeed, type SnapshotMessage } from '../../../web/engine/diff.ts';
import { applyPatch, patchOf } from '../../../web/store/snapshot.ts';
import { diffSnapshots } from '../../../web/graph/changes.ts';

const node = (name: string) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n`;
const web = (replicas: number, extra = '') => `${deploymentYaml('web', replicas)}---\n${serviceYaml('web')}${extra}`;

type Step = (c: TestCluster, feed: SnapshotFeed) => void;
interface Case {
  name: string;
  given: Step;
  /** The message the page gets: 'snapshot', 'patch' or none. */
  want: SnapshotMessage['type'] | null;
  /** Keys (or key prefixes) among those the patch upserts and removes; [] upserts: none at all. */
  wantUpsert?: string[];
  wantRemove?: string[];
}

const settle = (c: TestCluster) => c.settle();
const cases: Case[] = [
  { name: 'nothing happened: no message', given: () => {}, want: null },
  { name: 'time passed with nothing to do: a patch of the clock alone', given: (c) => c.advance('1s'), want: 'patch', wantUpsert: [], wantRemove: [] },
  {
    name: 'scaled up: the new pod and what it touched',
    given: (c) => { c.apply(web(3)); settle(c); },
    want: 'patch',
    wantUpsert: ['Deployment/default/web', 'EndpointSlice/default/'],
  },
  { name: 'Service deleted: removed by key', given: (c) => { c.apply(deploymentYaml('web', 2)); settle(c); }, want: 'patch', wantRemove: ['Service/default/web'] },
  { name: 'a new Node rebuilds the cluster: a whole snapshot', given: (c) => { c.apply(`${node('n1')}---\n${web(2)}`); settle(c); }, want: 'snapshot' },
  { name: 'the page asked to resync: a whole snapshot', given: (_c, feed) => feed.resync(), want: 'snapshot' },
];

describe('snapshot feed', () => {
  it.each(cases)('$name', ({ given, want, wantUpsert, wantRemove }) => {
    const c = cluster();
    c.apply(web(2));
    settle(c);
    const feed = new SnapshotFeed();
    const first = feed.next(c.sim);
    if (first?.type !== 'snapshot') throw new Error('the first message is a whole snapshot');
    let page: Snapshot = first.snapshot;
    given(c, feed);
    const msg = feed.next(c.sim);
    expect(msg?.type ?? null).toBe(want);
    if (!msg) return;
    const before = page;
    page = msg.type === 'snapshot' ? msg.snapshot : applyPatch(page, msg.patch);
    const { journeys: _j, scheduling: _s, ...engine } = c.sim.snapshot();
    const keyed = (s: Snapshot) => s.objects.map((o) => `${objectKey(o)}@${o.metadata.resourceVersion}`);
    expect(keyed(page)).toEqual(keyed(engine));
    expect({ ...page, objects: [] }).toEqual({ ...engine, objects: [] });
    if (msg.type !== 'patch') return;
    const keys = msg.patch.upsert.map(objectKey);
    for (const k of wantUpsert ?? []) expect(keys.some((x) => x.startsWith(k))).toBe(true);
    if (wantRemove?.length === 0) expect(msg.patch.remove).toEqual([]);
    if (wantUpsert?.length === 0) expect(keys).toEqual([]);
    if (wantRemove) expect(msg.patch.remove).toEqual(expect.arrayContaining(wantRemove));
    // Structural sharing: what the patch did not touch is the very same object.
    const touched = new Set([...keys, ...msg.patch.remove]);
    const old = new Map(before.objects.map((o) => [objectKey(o), o]));
    for (const o of page.objects) if (!touched.has(objectKey(o))) expect(o).toBe(old.get(objectKey(o)));
    if (!msg.patch.events && !msg.patch.eventsDelta) expect(page.events).toBe(before.events);
    if (msg.patch.eventsDelta) expect(msg.patch.events).toBeUndefined();
    if (!msg.patch.sources) expect(page.sources).toBe(before.sources);
    expect(patchOf(page)?.base).toBe(before);
  });

  it('a patched snapshot lists what the edit did, as a comparison of both would', () => {
    const c = cluster();
    c.apply(web(2));
    settle(c);
    const feed = new SnapshotFeed();
    const first = feed.next(c.sim);
    if (first?.type !== 'snapshot') throw new Error('whole first');
    c.apply(web(3));
    settle(c);
    const msg = feed.next(c.sim);
    if (msg?.type !== 'patch') throw new Error('then a patch');
    const next = applyPatch(first.snapshot, msg.patch);
    const viaPatch = diffSnapshots(first.snapshot, next);
    const viaIdentity = diffSnapshots(first.snapshot, { ...next });
    const sorted = (xs: typeof viaPatch) => [...xs].sort((a, b) => a.key.localeCompare(b.key));
    expect(viaPatch.some((x) => x.what === 'Pod' && x.kind === 'added')).toBe(true);
    expect(sorted(viaPatch)).toEqual(sorted(viaIdentity));
  });
});
