// The kubelet's prober (pkg/kubelet/prober): one worker per probe of a container, ticking
// every periodSeconds from when the pod was added; a tick is skipped while the container
// is not running, before initialDelaySeconds, and (liveness, readiness) until the startup
// probe has succeeded. A result is reported only after failureThreshold consecutive
// failures or successThreshold successes; every failed probe records an Unhealthy event
// ("Liveness probe failed: ..."). Initial results: readiness Failure, liveness Success,
// startup Unknown; a new container ID resets them. After a liveness or startup failure
// the worker holds until the container is replaced (worker.go onHold).
//
// The messages are the probers' own (pkg/probe/http, tcp, exec, grpc):
//   HTTP probe failed with statuscode: 500
//   Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused
//   dial tcp 10.244.1.2:5432: connect: connection refused
//   timeout: failed to connect service "10.244.1.2:2379" within 1s: context deadline exceeded
//   command "sleep 5" timed out
//   Get "https://10.244.1.2:80/": http: server gave HTTP response to HTTPS client
//   OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown
// Not simulated (no server in the model hangs or drops packets): the httpGet timeout
// "context deadline exceeded (Client.Timeout exceeded while awaiting headers)" and tcpSocket's "i/o timeout".

import type { Container, Probe } from '../api/types.ts';
import type { Timer } from '../api/clock.ts';
import type { Process } from '../runtime/process.ts';

const TLS_SERVERS = new Set(['kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'etcd']);

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
const TITLE: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

export interface ProberHost {
  now(): number;
  after(ms: number, fn: () => void, background: boolean): Timer;
  cancel(t: Timer): void;
  event(type: 'Warning', reason: string, message: string): void;
  /** The probed container's process and the pod's IP, when it runs. */
  target(): { proc: Process; ip: string; startedAt: number; id: string } | undefined;
  /** A probe's reported result changed. */
  changed(kind: ProbeKind, ok: boolean): void;
}

function portOf(c: Container, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort ?? 0;
}

/** Runs one probe against the process: success, and the prober's output on failure. */
export function runProbe(p: Probe, c: Container, proc: Process, ip: string, peek = false): { ok: boolean; output: string } {
  const timeoutS = p.timeoutSeconds ?? 1;
  if (p.exec) {
    const cmd = p.exec.command ?? [];
    const r = peek ? proc.peekExec(cmd) : proc.exec(cmd);
    if (r.unknown && !['sh', 'bash', 'ash'].includes(cmd[0]?.split('/').pop() ?? ''))
      return { ok: false, output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0] ?? ''}": executable file not found in $PATH: unknown` };
    if ((r.blockMs ?? 0) > timeoutS * 1000) return { ok: false, output: `command "${cmd.join(' ')}" timed out` };
    return { ok: r.code === 0, output: (r.stdout + r.stderr).replace(/\n$/, '') };
  }
  if (p.httpGet) {
    const port = portOf(c, p.httpGet.port);
    const host = (p.httpGet as { host?: string }).host || ip;
    const path = p.httpGet.path ?? '/';
    const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path.startsWith('/') ? path : '/' + path}`;
    const code = proc.http(port, path);
    if (code === undefined) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    // Only the control plane's servers speak TLS (the prober skips verification); Go's TLS client sees any other answer as plain HTTP.
    if (p.httpGet.scheme === 'HTTPS' && !TLS_SERVERS.has(proc.server ?? '')) return { ok: false, output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
    if (code >= 200 && code < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${code}` };
  }
  if (p.tcpSocket) {
    const port = portOf(c, p.tcpSocket.port);
    return proc.listening.has(port) ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${ip}:${port}: connect: connection refused` };
  }
  if (p.grpc) {
    return proc.listening.has(p.grpc.port) ? { ok: true, output: '' } : { ok: false, output: `timeout: failed to connect service "${ip}:${p.grpc.port}" within ${timeoutS}s: context deadline exceeded` };
  }
  return { ok: true, output: '' };
}

class ProbeWorker {
  result: boolean | undefined;
  private run = 0;
  private lastOk: boolean | undefined;
  private onHold = false;
  private containerID = '';
  private timer?: Timer;
  private nextAt: number;

  constructor(private h: ProberHost, private owner: ContainerProber, readonly kind: ProbeKind, readonly spec: Probe, private c: Container, gridStart: number) {
    this.result = this.initial();
    const period = this.periodMs;
    this.nextAt = gridStart + Math.ceil(Math.max(0, h.now() - gridStart) / period) * period;
    this.arm();
  }

  private initial(): boolean | undefined {
    return this.kind === 'readiness' ? false : this.kind === 'liveness' ? true : undefined;
  }

  get periodMs(): number {
    return (this.spec.periodSeconds ?? 10) * 1000;
  }

  /** Schedules the next tick; it counts as pending work only when it may change something. */
  arm(): void {
    if (this.timer) this.h.cancel(this.timer);
    this.timer = this.h.after(Math.max(0, this.nextAt - this.h.now()), () => this.tick(), !this.mayChange());
  }

  stop(): void {
    if (this.timer) this.h.cancel(this.timer);
    this.timer = undefined;
  }

  private mayChange(): boolean {
    const t = this.h.target();
    if (!t || this.onHold) return false;
    if (t.id !== this.containerID) return true;
    if (this.kind !== 'startup' && this.owner.startupPending) return false;
    if (this.run > 0 && this.lastOk !== this.result) return true;
    const changeAt = t.proc.nextChangeAt();
    const threshold = (this.spec.failureThreshold ?? 3) + 1;
    if (changeAt !== undefined && this.h.now() < changeAt + threshold * this.periodMs) return true;
    const predicted = runProbe(this.spec, this.c, t.proc, t.ip, true).ok;
    return predicted !== this.result;
  }

  private tick(): void {
    this.timer = undefined;
    this.nextAt += this.periodMs;
    this.probe();
    this.arm();
  }

  /** A new container: results start over (worker.go, on a new container ID). */
  reset(id: string): void {
    this.containerID = id;
    this.result = this.initial();
    this.run = 0;
    this.lastOk = undefined;
    this.onHold = false;
  }

  private probe(): void {
    const t = this.h.target();
    if (!t) return;
    if (t.id !== this.containerID) this.reset(t.id);
    if (this.onHold) return;
    if (this.kind !== 'startup' && this.owner.startupPending) return;
    if (this.kind === 'startup' && this.result === true) return;
    if (Math.trunc((this.h.now() - t.startedAt) / 1000) < (this.spec.initialDelaySeconds ?? 0)) return;
    const { ok, output } = runProbe(this.spec, this.c, t.proc, t.ip);
    if (!ok) this.h.event('Warning', 'Unhealthy', `${TITLE[this.kind]} probe failed: ${output}`);
    if (ok === this.lastOk) this.run++;
    else {
      this.lastOk = ok;
      this.run = 1;
    }
    const threshold = ok ? (this.spec.successThreshold ?? 1) : (this.spec.failureThreshold ?? 3);
    if (this.run < threshold || this.result === ok) return;
    this.result = ok;
    if (!ok && this.kind !== 'readiness') {
      this.onHold = true;
      this.run = 0;
    }
    this.h.changed(this.kind, ok);
  }
}

/** The probes of one container. */
export class ContainerProber {
  private workers: ProbeWorker[] = [];

  constructor(h: ProberHost, c: Container, gridStart: number) {
    if (c.startupProbe) this.workers.push(new ProbeWorker(h, this, 'startup', c.startupProbe, c, gridStart));
    if (c.livenessProbe) this.workers.push(new ProbeWorker(h, this, 'liveness', c.livenessProbe, c, gridStart));
    if (c.readinessProbe) this.workers.push(new ProbeWorker(h, this, 'readiness', c.readinessProbe, c, gridStart));
  }

  get startupPending(): boolean {
    const s = this.workers.find((w) => w.kind === 'startup');
    return !!s && s.result !== true;
  }

  has(kind: ProbeKind): boolean {
    return this.workers.some((w) => w.kind === kind);
  }

  result(kind: ProbeKind): boolean | undefined {
    return this.workers.find((w) => w.kind === kind)?.result;
  }

  reset(id: string): void {
    for (const w of this.workers) w.reset(id);
    this.rearm();
  }

  /** The container changed (started, wrote a file, began listening): re-decide which ticks matter. */
  rearm(): void {
    for (const w of this.workers) w.arm();
  }

  stop(): void {
    for (const w of this.workers) w.stop();
  }
}
