// Parts many pods hold alike are stored once (the store's Interner): equal parts of two stored
// pods are one object, different ones stay apart, and every pod reads back exactly as written.
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../core/api/store.ts';
import type { Pod } from '../../../core/api/types.ts';

const pod = (name: string, over: { labels?: Record<string, unknown>; image?: string; ready?: string; node?: string; extra?: Record<string, unknown> } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: (over.labels ?? { app: 'web' }) as Record<string, string>, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true }] },
  spec: { containers: [{ name: 'c', image: over.image ?? 'nginx:1.27', ...over.extra }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], nodeName: over.node ?? 'n1' },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: over.ready ?? '2026-01-01T00:00:08Z' }],
    hostIPs: [{ ip: '172.18.0.2' }],
    containerStatuses: [{ name: 'c', state: { running: { startedAt: '2026-01-01T00:00:08Z' } }, lastState: {}, ready: true, restartCount: 0, image: 'nginx:1.27', imageID: '', containerID: `containerd://${name}` }],
  },
} as Pod);

type Part = (p: Pod) => unknown;
const parts: Record<string, Part> = {
  labels: (p) => p.metadata.labels,
  ownerReferences: (p) => p.metadata.ownerReferences,
  containers: (p) => p.spec.containers,
  tolerations: (p) => p.spec.tolerations,
  conditions: (p) => p.status?.conditions,
  condition: (p) => p.status?.conditions?.[0],
  hostIPs: (p) => p.status?.hostIPs,
  state: (p) => p.status?.containerStatuses?.[0]?.state,
  containerStatus: (p) => p.status?.containerStatuses?.[0],
  spec: (p) => p.spec,
};

interface Case {
  name: string;
  given: [Pod, Pod];
  /** Parts that are one object in both stored pods; every other part listed in `parts` is two. */
  want: string[];
}

const alike = ['labels', 'ownerReferences', 'containers', 'tolerations', 'conditions', 'condition', 'hostIPs', 'state'];
const cases: Case[] = [
  { name: 'two pods of one ReplicaSet: everything but their own status and spec', given: [pod('a'), pod('b')], want: alike },
  { name: 'on one node, still a spec each (it names the pod\'s node and may change)', given: [pod('a', { node: 'n1' }), pod('b', { node: 'n1' })], want: alike },
  { name: 'a different image: the containers are two', given: [pod('a'), pod('b', { image: 'nginx:1.28' })], want: alike.filter((p) => p !== 'containers') },
  { name: 'ready a second later: the conditions are two', given: [pod('a'), pod('b', { ready: '2026-01-01T00:00:09Z' })], want: alike.filter((p) => p !== 'conditions' && p !== 'condition') },
  { name: 'labels in another order are not the same part', given: [pod('a', { labels: { app: 'web', tier: 'x' } }), pod('b', { labels: { tier: 'x', app: 'web' } })], want: alike.filter((p) => p !== 'labels') },
  { name: 'an undefined property is never shared (JSON would hide it)', given: [pod('a', { extra: { args: undefined } }), pod('b', { extra: { args: undefined } })], want: alike.filter((p) => p !== 'containers') },
];

describe('store: shared pod parts', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const store = new ObjectStore();
    const written = given.map((p) => JSON.stringify(p));
    const [a, b] = given.map((p) => store.put(p)) as [Pod, Pod];
    for (const [name, part] of Object.entries(parts)) expect([name, part(a) === part(b)]).toEqual([name, want.includes(name)]);
    // Read back exactly as written, apart from the resourceVersion the store sets.
    for (const [i, p] of [a, b].entries()) {
      const { resourceVersion, ...meta } = p.metadata;
      expect(resourceVersion).toBeDefined();
      expect(JSON.stringify({ ...p, metadata: meta })).toBe(written[i]);
      expect(Object.isFrozen(p.spec.containers[0])).toBe(true);
    }
  });

  it('a status update shares with the pods stored before it and keeps its spec', () => {
    const store = new ObjectStore();
    const a = store.put(pod('a'));
    const b1 = store.put(pod('b', { ready: '2026-01-01T00:00:09Z' }));
    const b2 = store.put({ ...b1, status: { ...pod('b').status } });
    expect(b2.spec).toBe(b1.spec);
    expect(b2.status?.conditions).toBe(a.status?.conditions);
  });
});
