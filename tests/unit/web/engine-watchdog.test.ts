// The page's engine watchdog replaces a worker that owes an answer for 20 s, and only then.
// A fake Worker stands in for the engine: the test decides what it answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromEngine, ToEngine } from '../../../core/protocol.ts';
import { engine, startEngine } from '../../../web/engine/client.ts';
import { useStore } from '../../../web/store/index.ts';

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: { data: FromEngine }) => void) | null = null;
  onerror: unknown = null;
  got: ToEngine[] = [];
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(msg: ToEngine) {
    this.got.push(msg);
  }
  terminate() {}
  answer(msg: FromEngine) {
    this.onmessage?.({ data: msg });
  }
}

const clock = { time: 0, playing: false, speed: 1, end: 0 } as unknown as Extract<FromEngine, { type: 'clock' }>['clock'];
const latest = () => FakeWorker.all.at(-1)!;

describe('engine watchdog', () => {
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWorker.all = [];
    vi.stubGlobal('Worker', FakeWorker);
    stop = startEngine();
    latest().answer({ type: 'clock', clock }); // the load is answered
  });
  afterEach(() => {
    stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const cases: { name: string; given: (w: FakeWorker) => void; want: number }[] = [
    { name: 'idle after a load: no restart', given: () => {}, want: 0 },
    {
      name: 'idle after an answered view request: no restart',
      given: (w) => {
        void engine()!.view({ kind: 'node', node: 'worker-1' } as never);
        const id = (w.got.at(-1) as { id: number }).id;
        w.answer({ type: 'viewResult', id, result: { kind: 'error', message: 'x' } } as FromEngine);
      },
      want: 0,
    },
    { name: 'a view request never answered: replaced', given: () => void engine()!.view({ kind: 'node', node: 'worker-1' } as never), want: 1 },
    {
      name: 'a seek whose clock never comes back: replaced',
      given: () => engine()!.seek(5),
      want: 1,
    },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const before = useStore.getState().restarts;
    given(latest());
    vi.advanceTimersByTime(25_000);
    expect(useStore.getState().restarts - before).toBe(want);
  });
});
