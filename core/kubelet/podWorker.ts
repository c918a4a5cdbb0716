// One pod's life on a node, as the kubelet's pod worker drives it: sandbox (pause) and
// network first, image pulls per imagePullPolicy, init containers in order, then app
// containers; restarts with back-off; graceful termination on deletion.

import type { Container, ContainerState, Pod } from '../api/types.ts';
import type { Timer } from '../api/clock.ts';
import { lookupImage, pullMs, type ImageInfo } from '../runtime/images.ts';
import type { Sandbox, StoredImage } from '../runtime/containerd.ts';
import { compile, type Step } from '../runtime/behaviour.ts';
import { bytes } from '../api/quantity.ts';
import type { ContainerView } from './status.ts';
import type { KubeletHost } from './host.ts';

/** Time to create the sandbox and run CNI ADD. */
export const SANDBOX_MS = 700;
/** PLEG relist: how soon the kubelet notices a container exited and acts. */
export const RELIST_MS = 1000;

interface Slot extends ContainerView {
  timers: Timer[];
  runStartedAt: number;
  memory: number;
  image?: StoredImage;
  note?: string;
  killing: boolean;
}

const waiting = (reason: string, message?: string): ContainerState => ({ waiting: message ? { reason, message } : { reason } });

export class PodWorker {
  readonly inits: Slot[];
  readonly apps: Slot[];
  sandbox?: Sandbox;
  podIP?: string;
  readonly startTime: string;
  terminating = false;
  finished = false;
  private timers: Timer[] = [];

  constructor(private k: KubeletHost, public pod: Pod) {
    const slot = (c: Container, init: boolean): Slot => ({
      spec: c, init, imageID: '', restartCount: 0, state: waiting(init ? 'PodInitializing' : 'ContainerCreating'), lastState: {},
      ready: false, started: false, timers: [], runStartedAt: 0, memory: 0, killing: false,
    });
    this.inits = (pod.spec.initContainers ?? []).map((c) => slot(c, true));
    this.apps = (pod.spec.containers ?? []).map((c) => slot(c, false));
    if (this.inits.length) for (const a of this.apps) a.state = waiting('PodInitializing');
    this.startTime = k.ctx.clock.iso();
  }

  get key(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }

  private after(ms: number, fn: () => void, slot?: Slot): void {
    const t = this.k.ctx.clock.after(ms, () => {
      if (!this.finished) fn();
    });
    (slot ? slot.timers : this.timers).push(t);
  }

  start(): void {
    this.k.log('I', 'kubelet.go:2468', `"SyncLoop ADD" source="api" pods=["${this.key}"]`);
    this.k.publish(this);
    this.after(SANDBOX_MS, () => this.createSandbox());
  }

  private createSandbox(): void {
    const { cri, ctx } = this.k;
    const sb = cri.runPodSandbox(this.pod.metadata.uid ?? '', this.pod.metadata.name, this.pod.metadata.namespace ?? 'default', ctx.clock.now());
    if (this.pod.spec.hostNetwork) this.podIP = this.k.nodeIP;
    else {
      const ip = this.k.ipam.allocate(sb.id);
      if (!ip) {
        cri.removeSandbox(sb.id);
        this.k.event(this.pod, 'Warning', 'FailedCreatePodSandBox',
          `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sb.id}": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${this.k.ipam.cidr?.text ?? '<none>'}`);
        this.after(10_000, () => this.createSandbox());
        return;
      }
      this.podIP = ip;
    }
    this.sandbox = sb;
    sb.ip = this.podIP;
    this.k.log('I', 'kuberuntime_manager.go:1055', `"Created PodSandbox for pod" podSandboxID="${sb.id}" pod="${this.key}"`);
    this.k.publish(this);
    this.nextContainer();
  }

  /** Starts the next init container, or all app containers once inits have succeeded. */
  private nextContainer(): void {
    if (this.terminating) return;
    const init = this.inits.find((c) => c.state.terminated?.exitCode !== 0);
    if (init) {
      if (!init.state.running && !init.timers.length) this.launch(init);
      return;
    }
    let delay = 0;
    for (const c of this.apps) {
      if (c.state.running || c.timers.length || c.lastState.terminated || c.state.terminated) continue;
      // Containers start one after another within one sync; a small stagger keeps the order visible.
      this.after(delay, () => this.launch(c), c);
      delay += 50;
    }
  }

  /** Ensures the image, then creates and starts the container. */
  private launch(c: Slot): void {
    const image = c.spec.image;
    const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
    const present = this.k.cri.hasImage(image);
    const fp = `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}`;
    if (policy === 'Never' && !present) {
      c.state = waiting('ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`);
      this.k.event(this.pod, 'Warning', 'ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`, fp);
      this.k.publish(this);
      return;
    }
    if (present && policy !== 'Always') {
      c.image = present;
      this.k.event(this.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, fp);
      return this.createAndStart(c);
    }
    this.k.event(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, fp);
    const info = lookupImage(image);
    // `Always` with a cached image only resolves the digest: fast, layers are not fetched again.
    const ms = info ? (present ? 350 : pullMs(info)) : 900;
    this.after(ms, () => {
      if (!info) return this.pullFailed(c, fp);
      c.image = this.k.cri.storeImage(image);
      const secs = (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
      this.k.event(this.pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${secs}s (${secs}s including waiting). Image size: ${info.sizeBytes} bytes.`, fp);
      this.createAndStart(c);
    }, c);
  }

  private pullFailed(c: Slot, fp: string): void {
    c.timers = [];
    const image = c.spec.image;
    const ref = this.k.cri.refOf(image);
    const why = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
    c.state = waiting('ErrImagePull', why);
    this.k.event(this.pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${why}`, fp);
    this.k.event(this.pod, 'Warning', 'Failed', 'Error: ErrImagePull', fp);
    this.k.publish(this);
    const delay = Math.max(this.k.backoff.next(`pull/${this.pod.metadata.uid}/${image}`, this.k.ctx.clock.now(), 0), 1000);
    this.after(RELIST_MS, () => {
      c.state = waiting('ImagePullBackOff', `Back-off pulling image "${image}"`);
      this.k.event(this.pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, fp);
      this.k.event(this.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fp);
      this.k.publish(this);
      this.after(delay, () => {
        c.timers = [];
        this.launch(c);
      }, c);
    }, c);
  }

  private createAndStart(c: Slot): void {
    c.timers = [];
    if (!this.sandbox || this.terminating) return;
    const now = this.k.ctx.clock.now();
    const rc = this.k.cri.createContainer(this.sandbox.id, c.spec.name, c.image!, c.restartCount, now);
    const fp = `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}`;
    this.k.event(this.pod, 'Normal', 'Created', `Created container: ${c.spec.name}`, fp);
    this.k.cri.start(rc.id, now);
    this.k.event(this.pod, 'Normal', 'Started', `Started container ${c.spec.name}`, fp);
    c.containerID = rc.id;
    c.imageID = c.image!.repoDigest;
    c.state = { running: { startedAt: this.k.ctx.clock.iso() } };
    c.started = true;
    c.runStartedAt = now;
    c.memory = c.image!.info.memoryBytes;
    // Without a readiness probe a running container is ready at once.
    c.ready = !c.init && !c.spec.readinessProbe;
    const prog = compile(c.spec, c.image!.info);
    if (prog.note) this.k.cri.log(rc.id, now, `[kubeplay] ${prog.note}`, 'stderr');
    this.k.publish(this);
    this.run(c, prog.steps, 0, c.image!.info);
  }

  private run(c: Slot, steps: Step[], i: number, info: ImageInfo, onEnd?: () => void): void {
    for (; i < steps.length; i++) {
      const s = steps[i]!;
      if (s.t === 'log') this.k.cri.log(c.containerID!, this.k.ctx.clock.now(), s.text, s.stream);
      else if (s.t === 'exit') return this.exited(c, s.code);
      else if (s.t === 'serve') return;
      else if (s.t === 'sleep') {
        if (!Number.isFinite(s.ms)) return;
        const next = i + 1;
        this.after(s.ms, () => this.run(c, steps, next, info, onEnd), c);
        return;
      } else if (s.t === 'alloc') {
        c.memory += s.bytes;
        const limit = bytes(c.spec.resources?.limits?.memory);
        if (limit && c.memory > limit) {
          this.after(500, () => this.exited(c, 137, 'OOMKilled'), c);
          return;
        }
      } else if (s.t === 'loop') {
        // A loop with no sleep spins forever: it runs, and never ends by itself.
        if (!s.body.some((b) => b.t === 'sleep' || b.t === 'exit')) return;
        const again = () => this.run(c, s.body, 0, info, again);
        return again();
      }
    }
    if (onEnd) onEnd();
    else this.exited(c, 0);
  }

  private exited(c: Slot, code: number, reason?: string): void {
    for (const t of c.timers) this.k.ctx.clock.cancel(t);
    c.timers = [];
    const now = this.k.ctx.clock.now();
    const why = reason ?? (code === 0 ? 'Completed' : 'Error');
    this.k.cri.exit(c.containerID!, now, code, why);
    c.state = { terminated: { exitCode: code, reason: why, startedAt: this.k.ctx.clock.iso(c.runStartedAt), finishedAt: this.k.ctx.clock.iso(), containerID: `containerd://${c.containerID}` } };
    c.ready = false;
    c.started = false;
    this.k.publish(this);
    if (this.terminating) return this.maybeFinish();
    this.after(RELIST_MS, () => this.afterExit(c, code, now - c.runStartedAt), c);
  }

  private afterExit(c: Slot, code: number, ranFor: number): void {
    c.timers = [];
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    if (c.init && code === 0) return this.nextContainer();
    const restart = c.init ? policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    if (!restart) return this.k.publish(this);
    const delay = this.k.backoff.next(`${this.pod.metadata.uid}/${c.spec.name}`, this.k.ctx.clock.now(), ranFor);
    const restartNow = () => {
      c.timers = [];
      c.lastState = { terminated: c.state.terminated! };
      c.restartCount++;
      this.launch(c);
    };
    if (delay === 0) return restartNow();
    const fp = `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}`;
    c.lastState = { terminated: c.state.terminated! };
    c.state = waiting('CrashLoopBackOff', `back-off ${delay / 1000 >= 60 ? `${delay / 60000}m0s` : `${delay / 1000}s`} restarting failed container=${c.spec.name} pod=${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})`);
    this.k.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})`, fp);
    this.k.publish(this);
    this.after(delay, () => {
      c.lastState = {};
      restartNow();
    }, c);
  }

  /** Deletion: SIGTERM to every container, SIGKILL after the grace period, then clean up. */
  terminate(graceSeconds: number): void {
    if (this.terminating) return;
    this.terminating = true;
    for (const t of this.timers) this.k.ctx.clock.cancel(t);
    for (const c of [...this.inits, ...this.apps]) {
      if (!c.state.running) {
        for (const t of c.timers) this.k.ctx.clock.cancel(t);
        c.timers = [];
        continue;
      }
      for (const t of c.timers) this.k.ctx.clock.cancel(t);
      c.timers = [];
      c.killing = true;
      this.k.event(this.pod, 'Normal', 'Killing', `Stopping container ${c.spec.name}`, `spec.containers{${c.spec.name}}`);
      const prog = compile(c.spec, c.image?.info);
      const ms = prog.handlesSigterm ? Math.min(300, graceSeconds * 1000) : graceSeconds * 1000;
      const code = prog.handlesSigterm && graceSeconds > 0 ? 0 : 137;
      this.after(ms, () => this.exited(c, code, code === 137 ? 'Error' : 'Completed'), c);
    }
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if ([...this.inits, ...this.apps].some((c) => c.state.running)) return;
    this.after(RELIST_MS, () => this.k.finish(this));
  }

  /** Stops every timer (the pod is gone or the kubelet stopped). */
  stop(): void {
    this.finished = true;
    for (const t of this.timers) this.k.ctx.clock.cancel(t);
    for (const c of [...this.inits, ...this.apps]) for (const t of c.timers) this.k.ctx.clock.cancel(t);
  }
}
