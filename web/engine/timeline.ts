// The engine's timeline: one Simulation plus the inputs that made it. Simulated time only moves
// forward inside a Simulation, so rewinding rebuilds it from the inputs (the engine is
// deterministic: seed + inputs + time = state). Live work and replay share `moveTo`/`apply`, so
// replaying runs exactly the same steps as the live session did.
import type { ClockState, TimelineInput, WorkspaceFile } from '../../core/protocol.ts';
import { parseDurationMs, shellWords } from '../../core/shell/args.ts';
import { Shell } from '../../core/shell/shell.ts';
import { Simulation } from '../../core/simulation.ts';
import { isReadOnly, runLine, type LineResult } from './terminal.ts';

const MAX_SLEEP_MS = 60 * 60 * 1000;
/**
 * How far an edit made while paused runs the clock: enough for pulls, starts and probes to
 * settle, while a crash loop or a node failure unfolds when you press Play (or `sleep`).
 */
export const EDIT_SETTLE_MS = 60_000;

export class Timeline {
  sim: Simulation;
  inputs: TimelineInput[] = [];
  /** The furthest simulated time reached on this branch of the timeline. */
  head = 0;
  /** The terminal session's node (`ssh NODE`); a view setting, so rewinding keeps it. */
  host: string | undefined;
  playing = false;
  speed = 1;
  /** inputs[0, applied) are in `sim`. */
  private applied = 0;
  /** The workspace as of the applied inputs (what `kubectl apply -f FILE` reads). */
  private files = new Map<string, string>();
  /** The page's copy of the inputs agrees with ours up to here. */
  private journalKeep = 0;
  /** The terminal session's shell while a `kubectl get -w` runs in it, with the simulation and time it watches. */
  private watch: { shell: Shell; sim: Simulation; at: number } | undefined;

  constructor(private seed: number) {
    this.sim = new Simulation({ seed });
  }

  get time(): number {
    return this.sim.clock.now();
  }

  get workspace(): WorkspaceFile[] {
    return [...this.files].map(([path, content]) => ({ path, content }));
  }

  clock(): ClockState {
    return { time: this.time, head: Math.max(this.head, this.time), playing: this.playing, speed: this.speed, inputs: this.inputs.map((i) => i.at) };
  }

  /** Changes of the input list since the last call, for the page's crash-proof copy. */
  takeJournal(): { keep: number; add: TimelineInput[] } | null {
    if (this.journalKeep === this.inputs.length) return null;
    const j = { keep: Math.min(this.journalKeep, this.inputs.length), add: this.inputs.slice(this.journalKeep) };
    this.journalKeep = this.inputs.length;
    return j;
  }

  /** A fresh timeline from a workspace at t=0, settled. */
  load(files: WorkspaceFile[]): void {
    this.restart();
    this.edit(files, true);
  }

  /** Rebuilds from a journal (the worker crashed): the same inputs, shown at `time`. */
  restore(inputs: TimelineInput[], time: number, host?: string): void {
    this.restart();
    this.inputs = [...inputs];
    this.journalKeep = inputs.length;
    this.head = Math.max(time, inputs.at(-1)?.at ?? 0);
    this.host = host;
    this.moveTo(time);
  }

  /**
   * The workspace as the editor has it now. Paused, it settles (the clock runs until nothing is
   * left to do, up to EDIT_SETTLE_MS); playing, it applies now and the play loop shows the rest.
   * Returns false when nothing changed.
   */
  edit(files: WorkspaceFile[], settle = !this.playing): boolean {
    const changed = files.filter((f) => this.files.get(f.path) !== f.content);
    const paths = new Set(files.map((f) => f.path));
    const removed = [...this.files.keys()].filter((p) => !paths.has(p));
    if (!changed.length && !removed.length) return false;
    this.cutFuture();
    const before = this.time;
    this.record({ at: before, kind: 'files', files: changed, removed });
    if (this.time < before) {
      // New Node objects or settings rebuild the cluster from t=0: the timeline starts again.
      this.inputs = [{ at: 0, kind: 'files', files: this.workspace, removed: [] }];
      this.applied = 1;
      this.journalKeep = 0;
      this.head = 0;
    }
    if (settle) this.sim.settle(EDIT_SETTLE_MS);
    this.head = Math.max(this.head, this.time);
    return true;
  }

  /** A terminal line. `sleep D` moves the clock; lines that may change the cluster are recorded. */
  command(line: string, session = true): LineResult {
    const host = session ? this.host : undefined;
    const sleep = sleepMs(line);
    if (sleep !== undefined) {
      this.moveTo(this.time + Math.min(sleep, MAX_SLEEP_MS));
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    if (isReadOnly(line, host)) return this.run(line, host, session);
    this.cutFuture();
    return this.record({ at: this.time, kind: 'command', line, ...(host ? { host } : {}) }, session);
  }

  /** Show another moment in [0, head]: forward replays the recorded inputs, backward rebuilds first. */
  seek(time: number): void {
    const t = Math.max(0, Math.min(time, Math.max(this.head, this.time)));
    if (t < this.time) {
      this.sim = new Simulation({ seed: this.seed });
      this.applied = 0;
      this.files.clear();
    }
    this.moveTo(t);
  }

  /** To the next thing that happens: an engine timer (foreground first) or a recorded input. */
  step(): void {
    const clock = this.sim.clock;
    const timer = clock.peek(false) ?? clock.peek(true);
    const input = this.inputs[this.applied]?.at;
    const next = Math.min(timer ?? Infinity, input ?? Infinity);
    if (next !== Infinity) this.moveTo(Math.max(next, this.time));
  }

  advance(ms: number): void {
    this.moveTo(this.time + Math.max(0, ms));
  }

  /** Runs the clock to `t`, applying the recorded inputs that fall due on the way. */
  private moveTo(t: number): void {
    for (let next = this.inputs[this.applied]; next && next.at <= t; next = this.inputs[this.applied]) {
      this.apply(next);
      this.applied++;
    }
    if (t > this.time) this.sim.advance(t - this.time);
    this.head = Math.max(this.head, this.time);
  }

  /** One input at its time. The clock first runs to `at` (also when it is now: due timers run). */
  private apply(input: TimelineInput, session = false): LineResult {
    this.sim.advance(Math.max(0, input.at - this.time));
    if (input.kind === 'command') return this.run(input.line, input.host, session);
    for (const p of input.removed) this.files.delete(p);
    for (const f of input.files) this.files.set(f.path, f.content);
    this.sim.applyWorkspace(this.workspace);
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  private record(input: TimelineInput, session = false): LineResult {
    this.inputs.push(input);
    this.applied = this.inputs.length;
    return this.apply(input, session);
  }

  /** Runs a line in a shell on `host`; the session's shell keeps where it went (`ssh`, `exit`). */
  private run(line: string, host: string | undefined, session: boolean): LineResult {
    const shell = new Shell(this.sim, { read: (p) => this.files.get(p.replace(/^\.\//, '')) });
    shell.host = host;
    const r = runLine(this.sim, shell, line);
    if (!session) return r;
    this.host = shell.host;
    this.interrupt();
    if (shell.watching) this.watch = { shell, sim: this.sim, at: this.time };
    return { ...r, watching: shell.watching };
  }

  /** A `kubectl get -w` runs in the terminal's session. */
  get watching(): boolean {
    return this.watch !== undefined;
  }

  /** Ctrl-C in the terminal: a running watch stops. */
  interrupt(): void {
    this.watch?.shell.interrupt();
    this.watch = undefined;
  }

  /**
   * What the session's running watch printed since the last call. Rewinding ends it: the
   * simulation it watched is gone (or its clock went back), as a connection to a cluster would.
   */
  takeWatch(): { stdout: string; ended: boolean } | undefined {
    const w = this.watch;
    if (!w) return undefined;
    if (w.sim !== this.sim || this.time < w.at) {
      this.interrupt();
      return { stdout: '', ended: true };
    }
    w.at = this.time;
    const stdout = w.shell.takeWatchOutput();
    return stdout ? { stdout, ended: false } : undefined;
  }

  /** Acting while rewound starts a new branch: the recorded future is dropped. */
  private cutFuture(): void {
    if (this.applied < this.inputs.length) {
      this.inputs.length = this.applied;
      this.journalKeep = Math.min(this.journalKeep, this.applied);
    }
    this.head = this.time;
  }

  private restart(): void {
    this.sim = new Simulation({ seed: this.seed });
    this.inputs = [];
    this.applied = 0;
    this.files.clear();
    this.journalKeep = 0;
    this.head = 0;
  }
}

function sleepMs(line: string): number | undefined {
  try {
    const [cmd, arg, ...rest] = shellWords(line.trim());
    return cmd === 'sleep' && arg && !rest.length ? parseDurationMs(arg) : undefined;
  } catch {
    return undefined;
  }
}

/** Prompt for a session on `host`, as core/shell prints it. */
export const promptFor = (host: string | undefined): string => (host ? `root@${host}:~# ` : '$ ');
