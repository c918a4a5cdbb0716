// A running container's process as the behaviour model plays it: the compiled program's
// steps on the simulated clock, its filesystem, memory and CPU, the ports it listens on,
// and how it answers signals, exec and HTTP. The kubelet only sees it through CRI-like
// calls (start, signal, exec) and its exit.

import type { Timer } from '../api/clock.ts';
import type { ImageInfo } from './images.ts';
import type { Program, Step } from './behaviour.ts';
import type { ContainerFs } from './fs.ts';
import { execArgv, type ExecEnv, type ExecResult, type Flavor } from './exec.ts';
import type { Env } from './env.ts';

export interface ProcessHost {
  now(): number;
  date(): string;
  after(ms: number, fn: () => void): Timer;
  cancel(t: Timer): void;
  log(line: string, stream: 'stdout' | 'stderr'): void;
  exited(code: number, reason: 'Completed' | 'Error' | 'OOMKilled'): void;
  /** Something a probe could observe changed (a file, a listening port). */
  changed(): void;
}

export interface ProcessOptions {
  fs: ContainerFs;
  env: Env;
  hostname: string;
  flavor: Flavor;
  /** Memory the kernel lets the container have: its limit, or the node's memory. */
  memLimit: number;
  /** CPU limit in millicores (0: unlimited). */
  cpuLimit: number;
}

/** Memory a hog grows by per second while allocating (tail /dev/zero, stress --vm). */
const ALLOC_RATE = 512 * 1024 * 1024;

export class Process {
  private mem: number;
  /** An allocation in progress: memory grows at ALLOC_RATE from `from` at `at` (ms). */
  private growth?: { from: number; at: number };
  /** CPU the program wants, millicores; usage is this capped at the limit (throttling). */
  cpuDemand: number;
  readonly listening = new Set<number>();
  server?: string;
  listenAt?: number;
  done = false;
  status = 0;
  private timers: Timer[] = [];
  readonly startedAt: number;

  constructor(private h: ProcessHost, readonly prog: Program, readonly info: ImageInfo, readonly o: ProcessOptions) {
    this.mem = info.memoryBytes;
    this.cpuDemand = info.idleMilli ?? (prog.steps[0]?.t === 'serve' ? 1 : 0);
    this.startedAt = h.now();
  }

  /** Resident memory now (what cAdvisor's working set reports). */
  get memory(): number {
    if (!this.growth) return this.mem;
    return Math.min(this.o.memLimit, this.growth.from + Math.round(((this.h.now() - this.growth.at) / 1000) * ALLOC_RATE));
  }

  get cpuUsage(): number {
    return this.o.cpuLimit ? Math.min(this.cpuDemand, this.o.cpuLimit) : this.cpuDemand;
  }

  get throttled(): boolean {
    return !!this.o.cpuLimit && this.cpuDemand > this.o.cpuLimit;
  }

  get execEnv(): ExecEnv {
    return { fs: this.o.fs, env: this.o.env, hostname: this.o.hostname, flavor: this.o.flavor, date: this.h.date(), argv1: this.prog.argv };
  }

  start(): void {
    this.run(this.prog.steps, 0);
  }

  private after(ms: number, fn: () => void): void {
    // A fired timer leaves the list at once: a looping script would otherwise keep every one it ever set.
    const t = this.h.after(ms, () => {
      const i = this.timers.indexOf(t);
      if (i >= 0) this.timers.splice(i, 1);
      if (!this.done) fn();
    });
    this.timers.push(t);
  }

  private run(steps: Step[], i: number, onEnd?: () => void): void {
    for (; i < steps.length; i++) {
      if (this.done) return;
      const s = steps[i]!;
      if ('op' in s && ((s.op === '&&' && this.status !== 0) || (s.op === '||' && this.status === 0))) continue;
      switch (s.t) {
        case 'cmd': {
          const r: ExecResult = execArgv(s.argv, this.execEnv, s.shell);
          for (const l of lines(r.stdout)) this.h.log(l, 'stdout');
          for (const l of lines(r.stderr)) this.h.log(l, 'stderr');
          this.status = r.code;
          this.h.changed();
          if (r.blockMs) {
            const next = i + 1;
            this.after(r.blockMs, () => this.run(steps, next, onEnd));
            return;
          }
          break;
        }
        case 'exit':
          return this.exit(s.code ?? this.status);
        case 'serve':
          this.server = s.server;
          this.listenAt = this.h.now() + this.info.startMs;
          this.after(this.info.startMs, () => {
            for (const p of s.ports) this.listening.add(p);
            this.h.changed();
          });
          return;
        case 'sleep': {
          this.status = 0;
          if (!Number.isFinite(s.ms)) return;
          const next = i + 1;
          this.after(s.ms, () => this.run(steps, next, onEnd));
          return;
        }
        case 'cpu':
          this.cpuDemand += s.milli;
          break;
        case 'alloc': {
          const want = this.mem + s.bytes;
          if (want > this.o.memLimit) {
            // The cgroup's OOM killer ends the process once it crosses its limit; until then it grows.
            const ms = Math.max(50, Math.round(((this.o.memLimit - this.mem) / ALLOC_RATE) * 1000));
            this.growth = { from: this.mem, at: this.h.now() };
            this.after(ms, () => {
              this.growth = undefined;
              this.mem = this.o.memLimit;
              this.exit(137, 'OOMKilled');
            });
            return;
          }
          this.mem = want;
          break;
        }
        case 'loop': {
          const again = () => this.run(s.body, 0, again);
          return again();
        }
      }
    }
    if (onEnd) onEnd();
    else this.exit(this.status);
  }

  /** SIGTERM: a program with a handler shuts down shortly; PID 1 without one ignores it. */
  sigterm(): void {
    if (this.done || !this.prog.handlesSigterm) return;
    // Go programs (agnhost) exit 2 on a signal they do not handle; servers shut down cleanly.
    this.after(200, () => this.exit(this.server?.startsWith('agnhost') ? 2 : 0));
  }

  sigkill(): void {
    if (!this.done) this.exit(137);
  }

  /** The pod is gone: stop without reporting an exit. */
  halt(): void {
    this.done = true;
    for (const t of this.timers) this.h.cancel(t);
    this.timers = [];
  }

  exit(code: number, reason?: 'OOMKilled'): void {
    if (this.done) return;
    this.done = true;
    this.listening.clear();
    for (const t of this.timers) this.h.cancel(t);
    this.timers = [];
    this.h.exited(code, reason ?? (code === 0 ? 'Completed' : 'Error'));
  }

  exec(argv: string[]): ExecResult {
    const r = execArgv(argv, this.execEnv);
    this.h.changed();
    return r;
  }

  /** Runs a command without telling anyone (a prober predicting its next answer). */
  peekExec(argv: string[]): ExecResult {
    return execArgv(argv, this.execEnv);
  }

  /** The status code an HTTP GET gets, or undefined when nothing listens on the port. */
  http(port: number, path: string): number | undefined {
    if (!this.listening.has(port)) return undefined;
    const p = path.split('?')[0] || '/';
    const file = (root: string) => {
      const f = root + (p.endsWith('/') ? p + 'index.html' : p);
      return this.o.fs.read(f) !== undefined ? 200 : this.o.fs.isDir(root + p) && this.o.fs.read(root + p + '/index.html') !== undefined ? 200 : 404;
    };
    switch (this.server) {
      case 'nginx':
        return file('/usr/share/nginx/html');
      case 'httpd':
      case 'httpd-foreground':
        return file('/usr/local/apache2/htdocs');
      case 'agnhost-liveness':
        // agnhost liveness: /healthz answers 200 for the first 10 s, then 500.
        if (p !== '/healthz') return 404;
        return this.h.now() - (this.listenAt ?? this.startedAt) < 10_000 ? 200 : 500;
      case 'agnhost':
        return ['/', '/healthz', '/hostname', '/echo', '/clientip', '/readyz'].includes(p) ? 200 : 404;
      case 'python':
        return p === '/' || this.o.fs.read(p) !== undefined ? 200 : 404;
      default:
        return 200;
    }
  }

  /** When the answer to a probe changes by itself (time-based servers), for settle(). */
  nextChangeAt(): number | undefined {
    if (this.server === 'agnhost-liveness') return (this.listenAt ?? this.startedAt) + 10_000;
    if (this.listenAt !== undefined && this.listening.size === 0) return this.listenAt;
    return undefined;
  }
}

const lines = (s: string): string[] => (s ? s.replace(/\n$/, '').split('\n') : []);
