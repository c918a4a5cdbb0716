// The engine's browser host: one Timeline (a Simulation + its inputs) per page, driven by
// core/protocol messages. Everything heavy (YAML parsing, reconciling, replay) happens here.
import type { FromEngine, ToEngine } from '../../core/protocol.ts';
import { view } from '../../core/views/index.ts';
import { complete } from './complete.ts';
import { SnapshotFeed } from './diff.ts';
import { Timeline, promptFor } from './timeline.ts';

const post = (msg: FromEngine): void => self.postMessage(msg);
const TICK_MS = 100;
/** A throttled background tab must not jump minutes of simulated time in one tick. */
const MAX_TICK_WALL_MS = 500;

let timeline = new Timeline(1);
const feed = new SnapshotFeed();
let playTimer: ReturnType<typeof setInterval> | undefined;
let lastTick = 0;

/** Tells the page what changed: objects (whole after a rebuild, else a diff), the clock, the journal. */
function report(t0: number): void {
  const tookMs = performance.now() - t0;
  const msg = feed.next(timeline.sim);
  if (msg) post({ ...msg, tookMs });
  const journal = timeline.takeJournal();
  if (journal) post({ type: 'journal', ...journal });
  const watched = timeline.takeWatch();
  if (watched) post({ type: 'watchOutput', ...watched });
  post({ type: 'clock', clock: timeline.clock() });
}

/** A new timeline (load, restore): a watch running in the old one ends with it. */
function fresh(seed: number): Timeline {
  if (timeline.watching) post({ type: 'watchOutput', stdout: '', ended: true });
  return new Timeline(seed);
}

function setPlaying(on: boolean): void {
  timeline.playing = on;
  clearInterval(playTimer);
  playTimer = undefined;
  if (!on) return;
  lastTick = performance.now();
  playTimer = setInterval(() => guarded(() => {
    const now = performance.now();
    const wall = Math.min(now - lastTick, MAX_TICK_WALL_MS);
    lastTick = now;
    const t0 = performance.now();
    timeline.advance(Math.round(wall * timeline.speed)); // whole simulated ms, as everywhere else
    report(t0);
  }), TICK_MS);
}

function handle(msg: ToEngine): void {
  const t0 = performance.now();
  switch (msg.type) {
    case 'load':
      setPlaying(false);
      timeline = fresh(msg.seed);
      timeline.load(msg.files);
      break;
    case 'restore':
      setPlaying(false);
      timeline = fresh(msg.seed);
      timeline.restore(msg.inputs, msg.time, msg.host);
      break;
    case 'edit':
      timeline.edit(msg.files);
      break;
    case 'advance':
      timeline.advance(msg.ms);
      break;
    case 'play':
      timeline.speed = msg.speed;
      setPlaying(true);
      break;
    case 'pause':
      setPlaying(false);
      break;
    case 'step':
      setPlaying(false);
      timeline.step();
      break;
    case 'seek':
      timeline.seek(msg.time);
      break;
    case 'command': {
      const r = timeline.command(msg.line, false);
      post({ type: 'commandResult', id: msg.id, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });
      break;
    }
    case 'terminal': {
      const r = timeline.command(msg.line);
      post({ type: 'terminalResult', id: msg.id, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, prompt: promptFor(timeline.host), ...(r.trace ? { trace: r.trace } : {}), ...(r.watching ? { watching: true } : {}) });
      break;
    }
    case 'complete':
      post({ type: 'completions', id: msg.id, ...complete(timeline.sim, timeline.host, msg.line) });
      return;
    case 'view':
      post({ type: 'viewResult', id: msg.id, result: view(timeline.sim, msg.request) });
      return;
    case 'interrupt':
      timeline.interrupt();
      return;
    case 'resync':
      feed.resync();
      break;
  }
  report(t0);
}

function guarded(run: () => void): void {
  try {
    run();
  } catch (err) {
    // An engine bug must not take the page down: report it and keep the last snapshot on screen.
    setPlaying(false);
    post({ type: 'fatal', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
}

self.onmessage = (event: MessageEvent<ToEngine>) => guarded(() => handle(event.data));
