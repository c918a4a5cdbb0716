// The event recorder: repeats fold into one event with a count; past MAX the oldest events
// expire (the API server's TTL, bounded here by count) and take their fold entries with them.
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../core/api/store.ts';
import { SimClock } from '../../../core/api/clock.ts';
import { EventRecorder } from '../../../core/api/events.ts';
import type { KEvent, KObject } from '../../../core/api/types.ts';

const pod = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` } });
const src = { component: 'kubelet', host: 'worker-1' };

interface Case {
  name: string;
  /** Events recorded in order, as pod/reason; MAX events of other pods come before the one at index `expireAfter`. */
  given: { record: string[]; expireAfter?: number };
  want: { events: number; counts: Record<string, number>; folding: number };
}

const cases: Case[] = [
  { name: 'one event', given: { record: ['a/Pulled'] }, want: { events: 1, counts: { 'a/Pulled': 1 }, folding: 1 } },
  { name: 'a repeat folds into a count', given: { record: ['a/BackOff', 'a/BackOff', 'a/BackOff'] }, want: { events: 1, counts: { 'a/BackOff': 3 }, folding: 1 } },
  { name: 'different reasons are different events', given: { record: ['a/Pulled', 'a/Created', 'b/Pulled'] }, want: { events: 3, counts: { 'a/Pulled': 1, 'a/Created': 1, 'b/Pulled': 1 }, folding: 3 } },
  {
    name: 'an expired event is forgotten: its repeat starts a new event at count 1',
    given: { record: ['a/BackOff', 'a/BackOff'], expireAfter: 1 },
    want: { events: EventRecorder.MAX, counts: { 'a/BackOff': 1 }, folding: EventRecorder.MAX },
  },
];

describe('event recorder', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const store = new ObjectStore();
    const clock = new SimClock();
    const rec = new EventRecorder(store, clock);
    const record = (s: string) => {
      const [name, reason] = s.split('/') as [string, string];
      rec.record(pod(name), 'Normal', reason, `${reason} of ${name}`, src);
    };
    given.record.forEach((s, i) => {
      if (i === given.expireAfter) for (let j = 0; j < EventRecorder.MAX; j++) record(`filler-${j}/Pulled`);
      record(s);
    });
    const events = store.list<KEvent>('Event');
    expect(events.length).toBe(want.events);
    for (const [key, count] of Object.entries(want.counts)) {
      const [name, reason] = key.split('/');
      expect(events.filter((e) => e.involvedObject.name === name && e.reason === reason).map((e) => e.count)).toEqual([count]);
    }
    expect(rec.folding).toBe(want.folding);
  });
});
