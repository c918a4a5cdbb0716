// How many nodes a cycle examines and where it starts, as kube-scheduler does
// (schedule_one.go): numFeasibleNodesToFind with the adaptive percentageOfNodesToScore
// (50 - nodes/125, at least 5 %, at least 100 nodes), and nextStartNodeIndex moving on by
// the nodes processed, modulo all nodes, so every node gets its turn; a pod narrowed by a
// PreFilterResult indexes its own candidates with it and moves it by what it processed; a pod
// whose nominated node fits takes it before any of that (evaluateNominatedNode).
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../core/api/store.ts';
import { ApiServer } from '../../../core/api/apiserver.ts';
import { EventRecorder } from '../../../core/api/events.ts';
import { SimClock } from '../../../core/api/clock.ts';
import { Rng } from '../../../core/api/rng.ts';
import { defaultSettings } from '../../../core/cluster/settings.ts';
import { Scheduler, feasibleNodesToFind } from '../../../core/scheduler/scheduler.ts';
import { verdictsOf } from '../../../core/scheduler/verdicts.ts';
import type { KObject } from '../../../core/api/types.ts';

describe('numFeasibleNodesToFind', () => {
  const table = [{ nodes: 50, want: 50 }, { nodes: 100, want: 100 }, { nodes: 300, want: 144 }, { nodes: 1000, want: 420 }, { nodes: 5000, want: 500 }, { nodes: 6000, want: 300 }, { nodes: 15000, want: 750 }];
  for (const { nodes, want } of table) it(`${nodes} nodes → ${want}`, () => expect(feasibleNodesToFind(nodes)).toBe(want));
});

function setup(nodes: number) {
  const store = new ObjectStore();
  const clock = new SimClock();
  const rng = new Rng(1);
  const api = new ApiServer(store, clock, rng);
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KObject);
  for (let i = 0; i < nodes; i++)
    api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n${i}` }, spec: {}, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } } as KObject);
  const scheduler = new Scheduler({ api, clock, rng, events: new EventRecorder(store, clock), settings: defaultSettings() });
  const schedule = (name: string, pinned?: string, nominated?: string) => {
    const affinity = pinned && { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pinned] }] }] } } };
    const status = nominated ? { status: { phase: 'Pending', nominatedNodeName: nominated } } : {};
    api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...(affinity ? { affinity } : {}) }, ...status } as KObject);
    scheduler.sync();
    const d = scheduler.decisions.get(`default/${name}`)!;
    const examined = [...verdictsOf(d.filters)].slice(0, d.evaluated).map(([n]) => n);
    return { evaluated: d.evaluated, first: examined[0], last: examined.at(-1) };
  };
  return schedule;
}

describe('nextStartNodeIndex', () => {
  it('each cycle starts where the previous one stopped', () => {
    const schedule = setup(300);
    expect([schedule('a'), schedule('b'), schedule('c')]).toEqual([
      { evaluated: 144, first: 'n0', last: 'n143' },
      { evaluated: 144, first: 'n144', last: 'n287' },
      { evaluated: 144, first: 'n288', last: 'n131' },
    ]);
  });
  it('a pinned pod examines its node and moves the start by one', () => {
    const schedule = setup(300);
    expect([schedule('a'), schedule('ds', 'n7'), schedule('b')]).toEqual([
      { evaluated: 144, first: 'n0', last: 'n143' },
      { evaluated: 1, first: 'n7', last: 'n7' },
      { evaluated: 144, first: 'n145', last: 'n288' },
    ]);
  });
  it('a pod with a nominated node that fits takes it, examining nothing else (evaluateNominatedNode)', () => {
    const schedule = setup(300);
    expect([schedule('a'), schedule('preemptor', undefined, 'n200'), schedule('b')]).toEqual([
      { evaluated: 144, first: 'n0', last: 'n143' },
      { evaluated: 1, first: 'n200', last: 'n200' },
      { evaluated: 144, first: 'n144', last: 'n287' },
    ]);
  });
});
