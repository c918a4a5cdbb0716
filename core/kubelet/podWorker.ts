// One pod's life on a node, driven like the kubelet's pod worker: every sync runs the
// steps of Kubelet.SyncPod / kuberuntime SyncPod — volumes, then the sandbox (pause +
// CNI), then the next init container, then the app containers — and requeues itself
// when a step failed (pod_workers.go completeWork: the crash back-off's expiry capped at
// the 1 min resync, or the 10 s worker back-off, each with +50 % jitter). Container exits
// are noticed by PLEG's 1 s relist and trigger the next sync.

import type { Container, ContainerState, ContainerStateTerminated, Pod } from '../api/types.ts';
import type { Timer } from '../api/clock.ts';
import type { Sandbox } from '../runtime/containerd.ts';
import { isSidecar, type ContainerView } from './status.ts';
import type { KubeletHost } from './host.ts';
import type { Process } from '../runtime/process.ts';
import type { ContainerProber, ProbeKind } from './prober.ts';
import { goDuration, jitter } from './backoff.ts';
import { setUpFailedLog, setupVolumes, type PodVolume } from './volumes.ts';
import { startContainer } from './containers.ts';
import { killContainer } from './termination.ts';

/** Time to create the sandbox and run CNI ADD. */
export const SANDBOX_MS = 700;
/** PLEG relist period: how soon the kubelet notices a container exited. */
export const RELIST_MS = 1000;
/** pod_workers backOffPeriod and resyncInterval (kubelet.go). */
export const WORKER_BACKOFF_MS = 10_000;
export const RESYNC_MS = 60_000;
/** Volume manager: retries double from 500 ms to 2m2s; WaitForAttachAndMount gives up after 2m3s. */
const MOUNT_RETRY_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;

export interface Slot extends ContainerView {
  proc?: Process;
  pulling?: Timer;
  /** The image this sync just pulled (no "already present" event for it). */
  pulledImage?: string;
  /** When the last instance exited, for the crash back-off. */
  finishedAt?: number;
  /** The exit whose back-off check already let a restart through. */
  backoffPassed?: number;
  lastTerm?: ContainerStateTerminated;
  prober?: ContainerProber;
  killing?: boolean;
  /** The postStart hook runs: the pod worker is blocked in startContainer until it returns. */
  hooking?: boolean;
  /** Why the last start failed after the container ran (PostStartHookError): its waiting state once it exits. */
  startError?: { reason: string; message: string };
}

export const waiting = (reason: string, message?: string): ContainerState => ({ waiting: message ? { reason, message } : { reason } });

export class PodWorker {
  readonly inits: Slot[];
  readonly apps: Slot[];
  sandbox?: Sandbox;
  podIP?: string;
  volumes: PodVolume[] = [];
  readonly startTime: string;
  readonly addedAt: number;
  terminating = false;
  finished = false;
  /** The app containers are done for good and the sidecars are being stopped. */
  draining = false;
  /** The eviction manager's message once it evicted the pod (Failed, reason Evicted). */
  evicted?: string;
  /** Killings waiting for other containers to exit first (sidecar termination ordering). */
  exitWaiters: (() => void)[] = [];
  /** Every container is done and none restarts: the sandbox is stopped. */
  terminal = false;
  /** A static pod: run from a file, reported through its mirror pod. */
  isStatic = false;
  private volumesReady = false;
  private mountStart?: number;
  private mountTimer?: Timer;
  private sandboxTimer?: Timer;
  private requeueTimer?: Timer;
  /** Timers to cancel when the pod goes. */
  private timers: Timer[] = [];
  private pruneAt = 8;

  constructor(readonly k: KubeletHost, public pod: Pod) {
    const slot = (c: Container, init: boolean): Slot => ({
      spec: c, init, imageID: '', restartCount: 0, state: waiting(init ? 'PodInitializing' : 'ContainerCreating'), lastState: {},
      ready: false, started: false, sidecar: init && isSidecar(c),
    });
    this.inits = (pod.spec.initContainers ?? []).map((c) => slot(c, true));
    this.apps = (pod.spec.containers ?? []).map((c) => slot(c, false));
    if (this.inits.length) for (const a of this.apps) a.state = waiting('PodInitializing');
    this.startTime = k.ctx.clock.iso();
    this.addedAt = k.ctx.clock.now();
  }

  get key(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }

  /** format.Pod: name_namespace(uid), as the kubelet's messages print a pod. */
  get formatted(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})`;
  }

  get all(): Slot[] {
    return [...this.inits, ...this.apps];
  }

  fieldPath(c: Slot): string {
    return `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}`;
  }

  now(): number {
    return this.k.ctx.clock.now();
  }

  after(ms: number, fn: () => void, background = false): Timer {
    // A spent timer still holds its callback and all it closes over: one that fires leaves the
    // list at once, cancelled ones when the list has doubled.
    const t = this.k.ctx.clock.after(ms, () => {
      const i = this.timers.indexOf(t);
      if (i >= 0) this.timers.splice(i, 1);
      if (!this.finished) fn();
    }, background);
    this.timers.push(t);
    if (this.timers.length > this.pruneAt) {
      this.timers = this.timers.filter((x) => !x.cancelled);
      this.pruneAt = Math.max(8, 2 * this.timers.length);
    }
    return t;
  }

  rand(): number {
    return this.k.ctx.rng.next();
  }


  start(): void {
    this.k.log('I', 'kubelet.go:2468', `"SyncLoop ADD" source="${this.pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file' ? 'file' : 'api'}" pods=["${this.key}"]`);
    this.k.publish(this);
    this.sync();
  }

  /** Queues a sync `ms` from now unless one is queued sooner (the pod worker's work queue). */
  requeue(ms: number, background = false): void {
    const at = this.now() + ms;
    if (this.requeueTimer && !this.requeueTimer.cancelled && this.requeueTimer.at <= at) return;
    this.k.ctx.clock.cancel(this.requeueTimer);
    this.requeueTimer = this.after(ms, () => {
      this.requeueTimer = undefined;
      this.sync();
    }, background);
  }

  /** One SyncPod. */
  sync(): void {
    if (this.finished || this.terminating || this.terminal || this.draining) return;
    if (!this.volumesReady && !this.mountVolumes()) return;
    if (!this.sandbox) {
      this.sandboxTimer ??= this.after(SANDBOX_MS, () => this.createSandbox());
      return;
    }
    let delay: number | undefined;
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    if (!this.initialized) {
      // computeInitContainerActions: init containers in order; a sidecar is not waited on to
      // exit, only to be started (its startup probe passed), then the next one starts.
      for (const c of this.inits) {
        if (!c.sidecar && (c.state.terminated?.exitCode === 0 || (c.lastTerm?.exitCode === 0 && !c.proc))) continue;
        if (c.sidecar && c.proc && !c.proc.done && !c.killing) {
          if (c.started) continue;
          return;
        }
        if ((c.proc && !c.proc.done) || c.pulling || c.hooking) return;
        if (!c.sidecar && c.lastTerm && policy === 'Never') return this.checkTerminal();
        const r = startContainer(this, c);
        if (typeof r === 'number') this.requeue(r);
        // PLEG's ContainerStarted event brings the next sync, which starts the next container.
        else if (r === undefined && c.sidecar) this.after(RELIST_MS, () => this.sync());
        return;
      }
    } else {
      // Once initialized, a sidecar that exited is restarted whatever the pod's restartPolicy.
      for (const c of this.inits) {
        if (!c.sidecar || (c.proc && !c.proc.done) || c.killing || c.pulling || c.hooking) continue;
        const r = startContainer(this, c);
        if (typeof r === 'number') delay = Math.min(delay ?? Infinity, r);
      }
    }
    for (const c of this.apps) {
      if ((c.proc && !c.proc.done) || c.killing) continue;
      if (c.pulling || c.hooking) break;
      if (c.lastTerm && !this.shouldRestart(c)) continue;
      const r = startContainer(this, c);
      if (r === 'pulling') break;
      if (typeof r === 'number') delay = Math.min(delay ?? Infinity, r);
    }
    if (delay !== undefined) this.requeue(delay, delay >= WORKER_BACKOFF_MS && this.steadyError());
    this.checkTerminal();
  }

  /** Errors that repeat unchanged (config errors) need not keep `settle()` running. */
  private steadyError(): boolean {
    return this.all.every((c) => c.state.waiting?.reason !== 'CrashLoopBackOff' && c.state.waiting?.reason !== 'ImagePullBackOff' && c.state.waiting?.reason !== 'ErrImagePull');
  }

  /** Every init container is done or (a sidecar) started: the app containers may run. */
  get initialized(): boolean {
    return this.apps.some((c) => c.proc) || this.inits.every((c) => (c.sidecar ? c.started : c.state.terminated?.exitCode === 0));
  }

  shouldRestart(c: Slot): boolean {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    if (c.sidecar) return !this.draining;
    if (c.init) return policy !== 'Never';
    return policy === 'Always' || (policy === 'OnFailure' && (c.lastTerm?.exitCode ?? 0) !== 0);
  }

  /** A crash-looping container's requeue: at the back-off's expiry, at most the resync interval, +50 % jitter. */
  backoffRequeue(expiresAt: number): number {
    const d = Math.min(Math.max(expiresAt - this.now(), 0), RESYNC_MS);
    return jitter(d, 0.5, () => this.rand());
  }

  /** The volume manager mounts every volume; a failing one is retried with back-off and reported. */
  private mountVolumes(): boolean {
    const k = this.k;
    const r = setupVolumes(k.ctx, this.pod, k.hostFs, this.podIP, k.nodeIP);
    if (!r.failures.length && !r.unbound.length) {
      this.volumes = r.volumes;
      this.volumesReady = true;
      this.mountStart = undefined;
      return true;
    }
    this.mountStart ??= this.now();
    const elapsed = this.now() - this.mountStart;
    if (r.unbound.length) {
      // The populator's error ends WaitForAttachAndMount at once (not a timeout, so SyncPod records
      // it); the pod worker retries after its 10 s back-off period, +50 % jitter (pod_workers.go).
      const unmounted = [...r.failures.map((f) => f.volume), ...r.unbound.map((u) => u.volume)].sort();
      const err = `unmounted volumes=[${unmounted.join(' ')}], unattached volumes=[], failed to process volumes=[${r.unbound.map((u) => u.volume).sort().join(' ')}]: ${r.unbound.map((u) => u.error).join('; ')}`;
      k.event(this.pod, 'Warning', 'FailedMount', `Unable to attach or mount volumes: ${err}`);
      k.log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err="${err.replace(/"/g, '\\"')}" pod="${this.key}" podUID="${this.pod.metadata.uid}"`);
      this.k.ctx.clock.cancel(this.mountTimer);
      this.mountTimer = this.after(jitter(10_000, 0.5, () => this.rand()), () => this.sync(), true);
      return false;
    }
    // The reconciler retries each failed SetUp with exponential back-off (nestedpendingoperations.go),
    // and says so in an event each time. WaitForAttachAndMount gives up after 2m3s, but a timeout is
    // not recorded as an event (kubelet.go SyncPod: `if !wait.Interrupted(err)`).
    const tries = Math.round(Math.log2(Math.max(1, elapsed / MOUNT_RETRY_MS + 1)));
    const next = Math.min(MOUNT_RETRY_MS * 2 ** tries, MOUNT_RETRY_MAX_MS);
    for (const f of r.failures) {
      k.event(this.pod, 'Warning', 'FailedMount', f.message);
      k.log('E', 'nestedpendingoperations.go:348', setUpFailedLog(f, this.pod, this.now(), k.startedAt, next));
    }
    this.k.ctx.clock.cancel(this.mountTimer);
    this.mountTimer = this.after(next, () => this.sync(), tries > 2);
    return false;
  }

  private createSandbox(): void {
    this.sandboxTimer = undefined;
    const { cri, ctx } = this.k;
    const uid = this.pod.metadata.uid ?? '';
    const sb = cri.runPodSandbox(uid, this.pod.metadata.name, this.pod.metadata.namespace ?? 'default', ctx.clock.now());
    if (this.pod.spec.hostNetwork) this.podIP = this.k.nodeIP;
    else {
      const ip = this.k.ipam.allocate(sb.id);
      if (!ip) {
        cri.removeSandbox(sb.id);
        this.k.event(this.pod, 'Warning', 'FailedCreatePodSandBox',
          `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sb.id}": plugin type="flannel" failed (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set: ${this.k.ipam.rangeText}`);
        this.requeue(jitter(WORKER_BACKOFF_MS, 0.5, () => this.rand()));
        return;
      }
      this.podIP = ip;
      this.k.log('I', 'cni.go:256', `"Adding pod to network" pod="${this.key}" podSandboxID="${sb.id}" podNetnsPath="/var/run/netns/cni-${uid.slice(0, 8)}" networkType="bridge" networkName="cbr0" ip="${ip}"`);
    }
    this.sandbox = sb;
    sb.ip = this.podIP;
    this.k.log('I', 'kuberuntime_manager.go:1228', `"Created PodSandbox for pod" podSandboxID="${sb.id}" pod="${this.key}"`);
    this.k.publish(this);
    this.sync();
  }

  /** A container's process ended: record it; PLEG notices at the next relist. */
  onExit(c: Slot, code: number, reason: string): void {
    const now = this.now();
    const clock = this.k.ctx.clock;
    const term: ContainerStateTerminated = { exitCode: code, reason, startedAt: clock.iso(c.proc?.startedAt ?? now), finishedAt: clock.iso(now), containerID: `containerd://${c.containerID}` };
    this.k.cri.exit(c.containerID!, now, code, reason);
    c.finishedAt = now;
    c.lastTerm = term;
    // kubelet_pods.go: a container that failed to start shows the start error (reasonCache) while it waits to restart.
    if (c.startError && this.shouldRestart(c)) {
      c.state = waiting(c.startError.reason, c.startError.message);
      c.lastState = { terminated: term };
    } else c.state = { terminated: term };
    c.startError = undefined;
    c.ready = false;
    c.started = false;
    c.killing = false;
    c.hooking = false;
    this.k.log('I', 'generic.go:358', `"Generic (PLEG): container finished" podID="${this.pod.metadata.uid}" containerID="${c.containerID}" exitCode=${code}`);
    this.k.publish(this);
    for (const w of this.exitWaiters.splice(0)) w();
    if (this.terminating) return this.maybeFinish();
    if (this.draining) return this.maybeStopSandbox();
    this.after(RELIST_MS, () => this.sync());
  }

  /** Probe results reach the kubelet: readiness → Ready, a startup success, a liveness kill. */
  onProbe(c: Slot, kind: ProbeKind, ok: boolean): void {
    if (!c.proc || c.proc.done || this.terminating) return;
    if (kind === 'readiness' || kind === 'startup') {
      this.updateReadiness(c);
      this.k.publish(this);
      // A probe result triggers a pod sync (handleProbeSync): a started sidecar lets the next container start.
      if (kind === 'startup' && ok && c.sidecar) this.sync();
    }
    if (!ok && kind !== 'readiness') {
      const restart = this.shouldRestart({ ...c, lastTerm: { exitCode: 137 } });
      // computeInitContainerActions words a sidecar's kill without the restart suffix.
      const msg = c.sidecar ? `Init container ${c.spec.name} failed ${kind} probe` : `Container ${c.spec.name} failed ${kind} probe${restart ? ', will be restarted' : ''}`;
      killContainer(this, c, this.graceMs(), msg);
    }
  }

  updateReadiness(c: Slot): void {
    const running = !!c.proc && !c.proc.done;
    // prober_manager isContainerStarted: with a startup probe, only once it succeeded.
    c.started = running && (!c.prober?.has('startup') || c.prober.result('startup') === true);
    c.ready = running && (!c.init || !!c.sidecar) && c.started && (c.prober?.has('readiness') ? c.prober.result('readiness') === true : true);
  }

  graceMs(): number {
    return (this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
  }

  /**
   * Every app container has finished for good: the pod is Succeeded or Failed. Running sidecars
   * are stopped first (computePodActions kills the pod and starts no init container), then the sandbox.
   */
  checkTerminal(): void {
    if (this.terminal || this.draining) return;
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    const initFailed = policy === 'Never' && this.inits.some((c) => !c.sidecar && c.lastTerm && c.lastTerm.exitCode !== 0 && (!c.proc || c.proc.done));
    const appsDone = this.apps.every((c) => c.lastTerm && (!c.proc || c.proc.done) && !this.shouldRestart(c));
    if (!initFailed && !appsDone) return;
    this.draining = true;
    this.killSidecars(this.graceMs());
    this.maybeStopSandbox();
  }

  private maybeStopSandbox(): void {
    if (this.terminal || this.all.some((c) => c.proc && !c.proc.done)) return;
    this.terminal = true;
    this.stopSandbox();
    this.k.publish(this);
  }

  /** terminationOrdering: sidecars stop after every app container, the last-started one first. */
  private killSidecars(graceMs: number): void {
    const sidecars = this.inits.filter((c) => c.sidecar);
    sidecars.forEach((c, i) => {
      if (c.proc && !c.proc.done && !c.killing) killContainer(this, c, graceMs, `Stopping container ${c.spec.name}`, [...this.apps, ...sidecars.slice(i + 1)]);
    });
  }

  stopSandbox(): void {
    if (!this.sandbox) return;
    this.sandbox.state = 'SANDBOX_NOTREADY';
    this.k.ipam.release(this.sandbox.id);
    for (const c of this.all) c.prober?.stop();
    // SyncTerminatedPod unmounts the volumes of a finished pod: an emptyDir's directory goes.
    for (const v of this.volumes) if (v.usedBytes) v.store.clear();
  }

  /**
   * Eviction (eviction_manager.go evictPod → killPodFunc with a status function): the pod is
   * Failed/Evicted at once; every container is killed with the 1 s override (2 s minimum).
   */
  evict(message: string): void {
    this.evicted = message;
    this.draining = true;
    for (const t of [this.requeueTimer, this.sandboxTimer, this.mountTimer]) this.k.ctx.clock.cancel(t);
    for (const c of this.all) {
      this.k.ctx.clock.cancel(c.pulling);
      c.pulling = undefined;
      c.prober?.stop();
      if (c.proc && !c.proc.done && !c.killing && !c.sidecar) killContainer(this, c, 1000, `Stopping container ${c.spec.name}`);
    }
    this.killSidecars(1000);
    this.k.publish(this);
    this.maybeStopSandbox();
  }

  /** Deletion: kill every container (preStop, SIGTERM, SIGKILL after the grace period). */
  terminate(graceSeconds: number): void {
    if (this.terminating) return;
    this.terminating = true;
    for (const t of [this.requeueTimer, this.sandboxTimer, this.mountTimer]) this.k.ctx.clock.cancel(t);
    for (const c of this.all) {
      this.k.ctx.clock.cancel(c.pulling);
      c.pulling = undefined;
      c.prober?.stop();
      if (c.proc && !c.proc.done && !c.killing && !c.sidecar) killContainer(this, c, graceSeconds * 1000, `Stopping container ${c.spec.name}`);
    }
    this.killSidecars(graceSeconds * 1000);
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.all.some((c) => c.proc && !c.proc.done)) return;
    this.after(RELIST_MS, () => this.k.finish(this));
  }

  /** Stops every timer (the pod is gone). */
  stop(): void {
    this.finished = true;
    for (const t of this.timers) this.k.ctx.clock.cancel(t);
    for (const c of this.all) {
      c.prober?.stop();
      c.proc?.halt();
    }
  }

  /** The kubelet's back-off message for a crash-looping container. */
  crashMessage(c: Slot, backoffMs: number): string {
    return `back-off ${goDuration(backoffMs)} restarting failed container=${c.spec.name} pod=${this.formatted}`;
  }
}

