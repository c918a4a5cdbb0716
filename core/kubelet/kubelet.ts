// The kubelet of one node: a systemd service (not a pod) that watches the API server
// for pods bound to its node, runs them through containerd and CNI, and reports status.

import type { Node, Pod } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { Containerd } from '../runtime/containerd.ts';
import { parseImageRef } from '../runtime/images.ts';
import { HostLocalIpam } from '../cni/hostLocal.ts';
import { Backoff } from './backoff.ts';
import { Journal } from './journal.ts';
import { PodWorker } from './podWorker.ts';
import { buildStatus } from './status.ts';
import type { KubeletHost } from './host.ts';

export class Kubelet implements Component, KubeletHost {
  readonly name: string;
  readonly cri: Containerd & { refOf(image: string): string };
  readonly ipam: HostLocalIpam;
  readonly backoff = new Backoff();
  readonly journal: Journal;
  readonly workers = new Map<string, PodWorker>();
  running = true;
  /** Simulated ms when the service last started (systemctl status shows it). */
  startedAt = 0;
  private queue = new Set<string>();

  constructor(readonly ctx: Context, readonly nodeName: string, readonly nodeIP: string, podCIDR: string | undefined) {
    this.name = `kubelet/${nodeName}`;
    this.cri = Object.assign(new Containerd(ctx.rng), { refOf: (i: string) => parseImageRef(i).full });
    // The pause image is on every node from provisioning (kind/kubeadm pre-pull it).
    this.cri.storeImage(ctx.settings.kubelet.podInfraContainerImage);
    this.ipam = new HostLocalIpam(podCIDR);
    this.journal = new Journal(nodeName, 600 + ctx.rng.int(400));
    this.journal.raw(0, 'systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.');
    this.log('I', 'server.go:530', `"Kubelet version" kubeletVersion="${ctx.settings.kubernetesVersion}"`);
    const store = ctx.api.store;
    for (const p of store.list<Pod>('Pod')) if (p.spec.nodeName === nodeName) this.queue.add(keyOf(p));
    store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      if (p.spec.nodeName !== nodeName) return;
      if (e.type === 'DELETED') {
        const w = this.workers.get(p.metadata.uid ?? '');
        if (w) this.cleanup(w);
        return;
      }
      this.queue.add(keyOf(p));
    });
  }

  sync(): boolean {
    if (!this.queue.size || !this.running) return false;
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.ctx.api.get<Pod>('Pod', ns, name);
      if (!pod || pod.spec.nodeName !== this.nodeName) continue;
      let w = this.workers.get(pod.metadata.uid ?? '');
      if (!w) {
        if (pod.metadata.deletionTimestamp) {
          this.ctx.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
          continue;
        }
        if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
        w = new PodWorker(this, pod);
        this.workers.set(pod.metadata.uid ?? '', w);
        w.start();
        continue;
      }
      w.pod = pod;
      if (pod.metadata.deletionTimestamp) w.terminate(pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30);
    }
    return true;
  }

  /** `systemctl stop kubelet`: the agent stops; containers keep running under containerd. */
  stop(): void {
    if (!this.running) return;
    const now = this.ctx.clock.now();
    this.journal.raw(now, 'systemd[1]: Stopping kubelet.service - kubelet: The Kubernetes Node Agent...');
    this.running = false;
    this.journal.raw(now, 'systemd[1]: kubelet.service: Deactivated successfully.');
    this.journal.raw(now, 'systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.');
  }

  /** `systemctl start kubelet`: resumes and re-syncs every pod bound here. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.ctx.clock.now();
    this.journal.raw(this.startedAt, 'systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.');
    this.log('I', 'server.go:530', `"Kubelet version" kubeletVersion="${this.ctx.settings.kubernetesVersion}"`);
    for (const p of this.ctx.api.list<Pod>('Pod')) if (p.spec.nodeName === this.nodeName) this.queue.add(keyOf(p));
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    this.ctx.events.record(pod, type, reason, message, { component: 'kubelet', host: this.nodeName }, fieldPath);
  }

  log(sev: 'I' | 'W' | 'E', source: string, msg: string): void {
    this.journal.log(this.ctx.clock.now(), sev, source, msg);
  }

  publish(w: PodWorker): void {
    const cur = this.ctx.api.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name);
    if (!cur || cur.metadata.uid !== w.pod.metadata.uid) return;
    const status = buildStatus({
      pod: cur, now: this.ctx.clock.iso(), hostIP: this.nodeIP, podIP: w.podIP, sandboxReady: !!w.sandbox,
      startTime: w.startTime, inits: w.inits, apps: w.apps, terminal: w.terminating && !!w.sandbox && ![...w.inits, ...w.apps].some((c) => c.state.running),
    });
    if (JSON.stringify(status) === JSON.stringify(cur.status)) return;
    const next = clone(cur);
    next.status = status;
    w.pod = this.ctx.api.update(next) ?? w.pod;
  }

  finish(w: PodWorker): void {
    this.cleanup(w);
    this.ctx.api.delete('Pod', w.pod.metadata.namespace, w.pod.metadata.name, { gracePeriodSeconds: 0 });
  }

  private cleanup(w: PodWorker): void {
    w.stop();
    if (w.sandbox) {
      this.ipam.release(w.sandbox.id);
      this.cri.removeSandbox(w.sandbox.id);
    }
    this.backoff.forget(w.pod.metadata.uid ?? '');
    this.workers.delete(w.pod.metadata.uid ?? '');
  }

  /** Node status the kubelet reports when it (re)starts: Ready with its usual reason. */
  readyNode(n: Node): Node {
    const next = clone(n);
    const now = this.ctx.clock.iso();
    const conds = [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ] as const;
    next.status = { ...(next.status ?? {}), conditions: conds.map(([type, status, reason, message]) => ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now })) };
    return next;
  }
}

const keyOf = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
