// The page side of the engine worker. It sends the workspace (debounced, at most one edit in
// flight so a slow settle never queues stale work), the time controls and terminal lines, and
// feeds what comes back into the store. It keeps a copy of the timeline's inputs so that when the
// worker dies (crash, hang) a new one replays them: the editor and the cluster carry on.
import type { FromEngine, TimelineInput, ToEngine, ViewRequest, ViewResult, WorkspaceFile } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';

const DEBOUNCE_MS = 120;
const DEFAULT_SEED = 1;
/** A worker silent for this long while it owes us an answer is taken for hung and replaced. */
const HANG_MS = 20_000;

type Answer = Extract<FromEngine, { id: number }>;
type TerminalAnswer = Extract<FromEngine, { type: 'terminalResult' }>;
type WatchOutput = Extract<FromEngine, { type: 'watchOutput' }>;

export interface EngineApi {
  play(): void;
  pause(): void;
  step(): void;
  seek(time: number): void;
  terminal(line: string): Promise<TerminalAnswer>;
  /** Ctrl-C: stops the `kubectl get -w` the terminal's last line left running. */
  interrupt(): void;
  /** Follows what a running watch prints; returns the unsubscribe. */
  onWatch(fn: (out: WatchOutput) => void): () => void;
  complete(line: string): Promise<{ start: number; items: string[] }>;
  view(request: ViewRequest): Promise<ViewResult>;
  /**
   * A new timeline (a share link, an embed): `inputs` (default: the files at t=0) replayed with
   * `seed` and shown at `time`; with neither time nor inputs, the files loaded and settled.
   */
  load(opts: { files: WorkspaceFile[]; seed: number; time?: number; inputs?: TimelineInput[] }): void;
  /** What reproduces this timeline elsewhere: the seed and the recorded inputs. */
  timeline(): { seed: number; inputs: TimelineInput[] };
}

let api: EngineApi | null = null;

/** The running engine (null before startEngine, e.g. in unit tests). */
export const engine = (): EngineApi | null => api;

declare global {
  // End-to-end test and benchmark hooks: kill the worker as a crash would, read the journal and
  // the store, follow the store's changes.
  var kubeplayEngine: {
    kill: () => void;
    journal: () => TimelineInput[];
    state: () => ReturnType<typeof useStore.getState>;
    subscribe: typeof useStore.subscribe;
  } | undefined;
}

export function startEngine(): () => void {
  const store = useStore;
  let worker: Worker;
  let journal: TimelineInput[] = [];
  let seed = DEFAULT_SEED;
  let inFlight = false;
  let pending: WorkspaceFile[] | null = null;
  let pendingSeek: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let owedSince: number | null = null;
  /** 'restore' while replaying after a crash; a crash then falls back to a fresh load. */
  let phase: 'load' | 'restore' | 'running' = 'load';
  let nextId = 1;
  /** Questions awaiting an answer, with what to answer instead if the worker dies first. */
  const waiting = new Map<number, { resolve: (a: Answer) => void; lost: (id: number) => Answer }>();
  const watchers = new Set<(out: WatchOutput) => void>();

  const post = (msg: ToEngine): void => {
    owedSince ??= performance.now();
    worker.postMessage(msg);
  };
  const flush = (): void => {
    if (inFlight) return;
    if (pending) {
      inFlight = true;
      store.getState().setEngineStatus('busy');
      post({ type: 'edit', files: pending });
      pending = null;
    } else if (pendingSeek !== null) {
      inFlight = true;
      post({ type: 'seek', time: pendingSeek });
      pendingSeek = null;
    }
  };
  const ask = <A extends Answer>(make: (id: number) => ToEngine, lost: (id: number) => A): Promise<A> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (a: Answer) => void, lost });
      post(make(id));
    });

  const onMessage = (msg: FromEngine): void => {
    receive(msg);
    // Owed: an unanswered question or an edit/seek whose clock has not come back. Counted after
    // the message is handled: the last answer must clear it (it once stayed set, and an idle page
    // restarted its engine every 20 s after a view request).
    owedSince = waiting.size || inFlight ? performance.now() : null;
  };
  const receive = (msg: FromEngine): void => {
    const s = store.getState();
    switch (msg.type) {
      case 'snapshot': return s.receiveSnapshot(msg.snapshot, msg.tookMs);
      case 'patch':
        // Made for another snapshot than ours (one lost to a crash or a reload): ask for a whole one.
        if (s.snapshot?.revision !== msg.patch.base) return worker.postMessage({ type: 'resync' } satisfies ToEngine);
        return s.receivePatch(msg.patch, msg.tookMs);
      case 'journal':
        journal = [...journal.slice(0, msg.keep), ...msg.add];
        if (msg.keep === 0) s.clearTicks();
        return;
      case 'clock':
        s.receiveClock(msg.clock);
        phase = 'running';
        inFlight = false;
        return flush();
      case 'watchOutput':
        for (const fn of watchers) fn(msg);
        return;
      case 'fatal':
        s.receiveFatal(msg.message);
        if (phase === 'restore') return restart('load');
        inFlight = false;
        return flush();
      default: {
        waiting.get(msg.id)?.resolve(msg);
        waiting.delete(msg.id);
      }
    }
  };

  /** A new worker: replays the journal (after a crash), or loads the files afresh. */
  const spawn = (how: 'load' | 'restore'): void => {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'kubeplay-engine' });
    worker.onmessage = (e: MessageEvent<FromEngine>) => onMessage(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      store.getState().receiveFatal(e.message || 'The engine worker failed.');
      restart(phase === 'restore' ? 'load' : 'restore');
    };
    phase = how;
    inFlight = true;
    owedSince = null;
    const { files, clock } = store.getState();
    if (how === 'restore' && journal.length) {
      post({ type: 'restore', seed, inputs: journal, time: clock?.time ?? 0, ...hostOf(store.getState().prompt) });
      // Edits typed while the worker was down arrive as an ordinary edit right after.
      pending = files;
    } else {
      journal = [];
      post({ type: 'load', files, seed });
    }
  };
  const restart = (how: 'load' | 'restore'): void => {
    worker.terminate();
    for (const [id, w] of waiting) w.resolve(w.lost(id));
    waiting.clear();
    // A watch dies with its worker (the replayed engine has no session running).
    for (const fn of watchers) fn({ type: 'watchOutput', stdout: '', ended: true });
    store.getState().noteRestart();
    spawn(how);
  };

  spawn('load');
  const watchdog = setInterval(() => {
    if (owedSince !== null && performance.now() - owedSince > HANG_MS) restart(phase === 'restore' ? 'load' : 'restore');
  }, 2000);
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.files === prev.files) return;
    pending = state.files;
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  });

  api = {
    play: () => post({ type: 'play', speed: store.getState().speed }),
    pause: () => post({ type: 'pause' }),
    step: () => post({ type: 'step' }),
    seek: (time) => {
      pendingSeek = time; // dragging the timeline: only the latest position matters
      flush();
    },
    terminal: (line) =>
      ask((id) => ({ type: 'terminal', id, line }), (id): TerminalAnswer => ({
        type: 'terminalResult', id, stdout: '', stderr: 'kubeplay: the engine restarted; run the command again.\n', exitCode: 1, prompt: store.getState().prompt,
      })),
    // No answer comes back, so it must not count as owed (the watchdog would take silence for a hang).
    interrupt: () => worker.postMessage({ type: 'interrupt' } satisfies ToEngine),
    onWatch: (fn) => {
      watchers.add(fn);
      return () => void watchers.delete(fn);
    },
    complete: (line) =>
      ask((id) => ({ type: 'complete', id, line }), (id): Extract<FromEngine, { type: 'completions' }> => ({ type: 'completions', id, start: 0, items: [] })),
    view: (request) =>
      ask((id) => ({ type: 'view', id, request }), (id): Extract<FromEngine, { type: 'viewResult' }> => ({
        type: 'viewResult', id, result: { kind: 'error', message: 'The engine restarted; try again.' },
      })).then((a) => a.result),
    load: (opts) => {
      // The store already holds opts.files: the edit that change scheduled is this load.
      clearTimeout(timer);
      pending = null;
      pendingSeek = null;
      seed = opts.seed;
      store.getState().clearTicks();
      store.getState().setEngineStatus('busy');
      inFlight = true;
      if (opts.time === undefined && !opts.inputs) {
        journal = [];
        return post({ type: 'load', files: opts.files, seed });
      }
      journal = opts.inputs ?? [{ at: 0, kind: 'files', files: opts.files, removed: [] }];
      post({ type: 'restore', seed, inputs: journal, time: opts.time ?? journal.at(-1)?.at ?? 0 });
    },
    timeline: () => ({ seed, inputs: journal }),
  };
  globalThis.kubeplayEngine = { kill: () => restart('restore'), journal: () => journal, state: () => store.getState(), subscribe: store.subscribe };

  return () => {
    unsubscribe();
    clearTimeout(timer);
    clearInterval(watchdog);
    worker.terminate();
    api = null;
  };
}

/** `root@worker-1:~# ` → { host: 'worker-1' }: the terminal goes on where it was. */
const hostOf = (prompt: string): { host?: string } => {
  const m = /^root@([^:]+):/.exec(prompt);
  return m ? { host: m[1]! } : {};
};
