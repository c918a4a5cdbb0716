// Events as client-go's recorder writes them. Sources: tools/record/event.go makeEvent (name
// `%v.%x` of the object's name and time.Now().UnixNano()), events_cache.go getEventKey (repeats
// fold into one event only when source, the object with its fieldPath, type, reason and message
// all match), kubectl printers.go printEvent (-o wide: NAME is the event's name).
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';

const probe = '  livenessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 5}';
const twin = podYaml('twin', `nodeName: worker-1\ncontainers:\n- name: a\n  image: busybox:1.36\n  command: [sleep, "3600"]\n${probe}\n- name: b\n  image: busybox:1.36\n  command: [sleep, "3600"]\n${probe}`);

describe('event recording', () => {
  const c = cluster();
  c.apply(twin);
  c.advance('12s');
  const unhealthy = c.sim.events.recent(10_000).filter((e) => e.reason === 'Unhealthy' && e.involvedObject.name === 'twin');
  const table: { name: string; given: () => unknown; want: unknown }[] = [
    { name: 'one Unhealthy event per container: the same message, another fieldPath', given: () => unhealthy.map((e) => e.involvedObject.fieldPath).sort(), want: ['spec.containers{a}', 'spec.containers{b}'] },
    { name: 'the same message for both', given: () => new Set(unhealthy.map((e) => e.message)).size, want: 1 },
    { name: 'names are <object>.<16 hex digits of UnixNano>', given: () => unhealthy.every((e) => /^twin\.[0-9a-f]{16}$/.test(e.metadata.name)), want: true },
    {
      name: 'the hex is the nanosecond of the first occurrence',
      given: () => unhealthy.every((e) => Number(BigInt('0x' + e.metadata.name.split('.')[1]) / 1_000_000_000n) === Math.floor(Date.parse(e.firstTimestamp!) / 1000)),
      want: true,
    },
  ];
  for (const t of table) it(t.name, () => expect(t.given()).toEqual(t.want));
});
