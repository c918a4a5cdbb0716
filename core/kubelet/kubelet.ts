// The kubelet of one node: a systemd service (not a pod) that watches the API server
// for pods bound to its node and reads static pods from its staticPodPath, runs them
// through containerd and CNI, reports pod and node status, and renews its Lease.

import type { KObject, Node, Pod } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { bytes } from '../api/quantity.ts';
import { Containerd } from '../runtime/containerd.ts';
import { parseImageRef } from '../runtime/images.ts';
import type { Store } from '../runtime/fs.ts';
import { HostLocalIpam } from '../cni/hostLocal.ts';
import { Backoff } from './backoff.ts';
import { Journal } from './journal.ts';
import { PodWorker } from './podWorker.ts';
import { buildStatus } from './status.ts';
import { NodeHeartbeat } from './nodeStatus.ts';
import { EvictionManager } from './eviction.ts';
import { kubeletCpuMs, systemdTimespan } from './stats.ts';
import { qosClass } from './status.ts';
import { StaticPods, isMirror, type StaticManifest } from './staticPods.ts';
import type { KubeletHost } from './host.ts';
import type { Timer } from '../api/clock.ts';

/** ContainerGCPeriod (kubelet.go). */
const GC_PERIOD_MS = 60_000;

export class Kubelet implements Component, KubeletHost {
  readonly name: string;
  readonly cri: Containerd & { refOf(image: string): string };
  readonly ipam: HostLocalIpam;
  readonly backoff = new Backoff();
  readonly imageBackoff = new Backoff();
  readonly hostFs = new Map<string, Store>();
  readonly journal: Journal;
  readonly workers = new Map<string, PodWorker>();
  readonly statics: StaticPods;
  readonly heartbeat: NodeHeartbeat;
  readonly eviction: EvictionManager;
  nodeMemoryBytes = 8 * 1024 ** 3;
  pullFreeAt = 0;
  running = true;
  /** Simulated ms when the service last started (systemctl status shows it). */
  startedAt = 0;
  /** When `systemctl stop kubelet` last ran. */
  stoppedAt = 0;
  private queue = new Set<string>();
  private gcTimer?: Timer;

  constructor(readonly ctx: Context, readonly nodeName: string, readonly nodeIP: string, podCIDR: string | undefined) {
    this.name = `kubelet/${nodeName}`;
    this.cri = Object.assign(new Containerd(ctx.rng), { refOf: (i: string) => parseImageRef(i).full });
    // Node images come with the cluster's own images pre-loaded, as kind's node image does:
    // pause, kube-proxy, CoreDNS and the CNI's image (only user images are pulled).
    for (const img of [ctx.settings.kubelet.podInfraContainerImage, `registry.k8s.io/kube-proxy:${ctx.settings.kubernetesVersion}`, 'registry.k8s.io/coredns/coredns:v1.12.1', 'docker.io/flannel/flannel:v0.26.4'])
      this.cri.storeImage(img);
    this.ipam = new HostLocalIpam(podCIDR);
    this.journal = new Journal(nodeName, 600 + ctx.rng.int(400));
    this.statics = new StaticPods(this);
    this.heartbeat = new NodeHeartbeat(this);
    this.eviction = new EvictionManager(this);
    const node = ctx.api.get<Node>('Node', undefined, nodeName);
    this.nodeMemoryBytes = bytes(node?.status?.capacity?.memory) || this.nodeMemoryBytes;
    this.boot();
    const store = ctx.api.store;
    for (const p of store.podsOnNode<Pod>(nodeName)) this.queue.add(keyOf(p));
    // A field-selected watch (spec.nodeName=NODE): the kubelet hears only about its own pods.
    store.watchNodePods(nodeName, (e) => {
      const p = e.object as Pod;
      if (p.spec.nodeName !== nodeName) return;
      if (isMirror(p)) {
        if (this.running) this.statics.mirrorChanged(p, e.type === 'DELETED');
        return;
      }
      if (e.type === 'DELETED') {
        const w = this.workers.get(p.metadata.uid ?? '');
        if (w) this.cleanup(w);
        return;
      }
      this.queue.add(keyOf(p));
    });
  }

  private boot(): void {
    const now = this.ctx.clock.now();
    this.journal.raw(now, 'systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.');
    this.log('I', 'server.go:530', `"Kubelet version" kubeletVersion="${this.ctx.settings.kubernetesVersion}"`);
    this.log('I', 'server.go:956', `"Client rotation is on, will bootstrap in background"`);
    this.log('I', 'kubelet.go:480', `"Attempting to sync node with API server"`);
    this.log('I', 'kubelet.go:2465', `"Starting kubelet main sync loop"`);
    this.nodeEvent('Normal', 'Starting', 'Starting kubelet.');
    for (const r of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID'])
      this.nodeEvent('Normal', r, `Node ${this.nodeName} status is now: ${r}`);
    this.nodeEvent('Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.heartbeat.start();
    this.eviction.start();
    this.statics.resync();
    this.ctx.clock.cancel(this.gcTimer);
    this.gcTimer = this.ctx.clock.after(GC_PERIOD_MS, () => this.containerGC(), true);
  }

  /**
   * Container GC (kuberuntime_gc.go, ContainerGCPolicy MaxPerPodContainer 1): every minute, dead
   * containers beyond the newest one per pod and container name are removed, so
   * `crictl ps -a` keeps one exited instance (the one `kubectl logs -p` reads).
   */
  private containerGC(): void {
    if (!this.running) return;
    const newest = new Map<string, number>();
    for (const c of this.cri.containers.values()) {
      if (c.state !== 'CONTAINER_EXITED') continue;
      const key = `${c.sandboxId}/${c.name}`;
      newest.set(key, Math.max(newest.get(key) ?? -1, c.attempt));
    }
    for (const [id, c] of this.cri.containers) if (c.state === 'CONTAINER_EXITED' && c.attempt < newest.get(`${c.sandboxId}/${c.name}`)!) this.cri.containers.delete(id);
    this.backoff.gc(this.ctx.clock.now());
    this.imageBackoff.gc(this.ctx.clock.now());
    this.gcTimer = this.ctx.clock.after(GC_PERIOD_MS, () => this.containerGC(), true);
  }

  sync(): boolean {
    if (!this.running) return false;
    let busy = this.statics.sync();
    if (!this.queue.size) return busy;
    busy = true;
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.ctx.api.get<Pod>('Pod', ns, name);
      if (!pod || pod.spec.nodeName !== this.nodeName || isMirror(pod)) continue;
      let w = this.workers.get(pod.metadata.uid ?? '');
      if (!w) {
        if (pod.metadata.deletionTimestamp) {
          this.ctx.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
          continue;
        }
        if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
        if (this.rejected(pod)) continue;
        w = new PodWorker(this, pod);
        this.workers.set(pod.metadata.uid ?? '', w);
        w.start();
        continue;
      }
      w.pod = pod;
      if (pod.metadata.deletionTimestamp) {
        this.log('I', 'kubelet.go:2484', `"SyncLoop DELETE" source="api" pods=["${key}"]`);
        w.terminate(pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30);
      }
    }
    return busy;
  }

  /**
   * The eviction manager's admission (eviction_manager.go Admit): under memory pressure alone a
   * BestEffort pod is rejected unless it tolerates the memory-pressure taint; under any other
   * pressure every pod is; critical pods always pass. rejectPod then fails the pod.
   */
  private rejected(pod: Pod): boolean {
    const conds = [...this.eviction.conditions].sort((a, b) => ['MemoryPressure', 'DiskPressure', 'PIDPressure'].indexOf(a) - ['MemoryPressure', 'DiskPressure', 'PIDPressure'].indexOf(b));
    if (!conds.length || (pod.spec.priority ?? 0) >= 2_000_000_000) return false;
    if (conds.length === 1 && conds[0] === 'MemoryPressure') {
      const tolerates = (pod.spec.tolerations ?? []).some((t) => (t.operator === 'Exists' && !t.key) || (t.key === 'node.kubernetes.io/memory-pressure' && (!t.effect || t.effect === 'NoSchedule')));
      if (qosClass(pod) !== 'BestEffort' || tolerates) return false;
    }
    const message = `The node had condition: [${conds.join(' ')}]. `;
    this.event(pod, 'Warning', 'Evicted', message);
    this.ctx.api.update({ ...pod, status: { ...(pod.status ?? {}), phase: 'Failed', reason: 'Evicted', message: `Pod was rejected: ${message}`, qosClass: qosClass(pod) } });
    return true;
  }

  /** reclaimNodeLevelResources for disk: every dead container, then every image no container uses (the pause image is pinned). */
  reclaimDisk(): void {
    for (const [id, c] of this.cri.containers) if (c.state === 'CONTAINER_EXITED') this.cri.containers.delete(id);
    const used = new Set([...this.cri.containers.values()].map((c) => c.image));
    const pinned = this.cri.refOf(this.ctx.settings.kubelet.podInfraContainerImage);
    for (const ref of [...this.cri.images.keys()]) if (!used.has(ref) && ref !== pinned) this.cri.images.delete(ref);
  }

  /** Static pods as files under staticPodPath changed (the workspace's nodes/<node>/etc/kubernetes/manifests). */
  setStaticManifests(files: StaticManifest[]): void {
    this.statics.setManifests(files);
  }

  /** `systemctl stop kubelet`: the agent stops; containers keep running under containerd. */
  stop(): void {
    if (!this.running) return;
    const now = this.ctx.clock.now();
    this.journal.raw(now, 'systemd[1]: Stopping kubelet.service - kubelet: The Kubernetes Node Agent...');
    // SIGTERM: the kubelet's controllers shut down, then it exits 0.
    this.log('I', 'dynamic_cafile_content.go:175', '"Shutting down controller" name="client-ca-bundle::/etc/kubernetes/pki/ca.crt"');
    this.running = false;
    this.stoppedAt = now;
    this.heartbeat.stop();
    this.eviction.stop();
    this.journal.raw(now, 'systemd[1]: kubelet.service: Deactivated successfully.');
    this.journal.raw(now, 'systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.');
    this.journal.raw(now, `systemd[1]: kubelet.service: Consumed ${systemdTimespan(kubeletCpuMs(this, now))} CPU time.`);
  }

  /** `systemctl start kubelet`: resumes, reports the node, and re-syncs every pod bound here. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.ctx.clock.now();
    this.boot();
    for (const p of this.ctx.api.store.podsOnNode<Pod>(this.nodeName)) this.queue.add(keyOf(p));
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    this.ctx.events.record(pod, type, reason, message, { component: 'kubelet', host: this.nodeName }, fieldPath);
  }

  nodeEvent(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    const ref: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: this.nodeName, namespace: 'default', uid: node?.metadata.uid ?? this.nodeName } };
    this.ctx.events.record(ref, type, reason, message, { component: 'kubelet', host: this.nodeName });
  }

  log(sev: 'I' | 'W' | 'E', source: string, msg: string): void {
    this.journal.log(this.ctx.clock.now(), sev, source, msg);
  }

  publish(w: PodWorker): void {
    const target = this.statics.mirrorOf(w) ?? w.pod;
    const cur = this.ctx.api.get<Pod>('Pod', target.metadata.namespace, target.metadata.name);
    if (!cur || cur.metadata.uid !== target.metadata.uid) return;
    const running = w.all.some((c) => c.proc && !c.proc.done);
    const status = buildStatus({
      pod: cur, now: this.ctx.clock.iso(), hostIP: this.nodeIP, podIP: w.podIP, sandboxReady: !!w.sandbox && w.sandbox.state === 'SANDBOX_READY',
      startTime: w.startTime, inits: w.inits, apps: w.apps, terminal: w.terminal || (w.terminating && !!w.sandbox && !running), evicted: w.evicted,
    });
    if (JSON.stringify(status) === JSON.stringify(cur.status)) return;
    // Only the status is new: the spec stays the same (frozen, shared) object.
    const stored = this.ctx.api.update({ ...cur, status });
    if (stored && !this.statics.mirrorOf(w)) w.pod = stored;
  }

  finish(w: PodWorker): void {
    this.cleanup(w);
    if (w.isStatic) return;
    this.ctx.api.delete('Pod', w.pod.metadata.namespace, w.pod.metadata.name, { gracePeriodSeconds: 0 });
  }

  cleanup(w: PodWorker): void {
    w.stop();
    if (w.sandbox) {
      this.ipam.release(w.sandbox.id);
      this.cri.removeSandbox(w.sandbox.id);
      this.log('I', 'kubelet.go:2500', `"SyncLoop REMOVE" source="api" pods=["${w.key}"]`);
    }
    this.backoff.forget(w.pod.metadata.uid ?? '');
    this.workers.delete(w.pod.metadata.uid ?? '');
  }

  /** Images as the node status lists them (largest first, as the kubelet reports up to 50). */
  imageList(): { names: string[]; sizeBytes: number }[] {
    return [...this.cri.images.values()].sort((a, b) => b.sizeBytes - a.sizeBytes || (a.ref < b.ref ? -1 : 1)).slice(0, 50)
      .map((i) => ({ names: [i.repoDigest, i.ref], sizeBytes: i.sizeBytes }));
  }

  /** Node status the kubelet reports when it (re)starts: Ready with its usual reason (kept for callers). */
  readyNode(n: Node): Node {
    return clone(this.ctx.api.get<Node>('Node', undefined, n.metadata.name) ?? n);
  }
}

const keyOf = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
