// The one facade over the engine: apply a workspace, advance simulated time, take a
// snapshot. The same class runs in the page's Web Worker, the CLI and the tests.

import type { KObject, Node, Pod } from './api/types.ts';
import { ObjectStore } from './api/store.ts';
import { SimClock } from './api/clock.ts';
import { Rng } from './api/rng.ts';
import { Wakeups } from './api/wakeups.ts';
import { OnDemand } from './api/onDemand.ts';
import { ApiServer, type ApplyResult } from './api/apiserver.ts';
import { EventRecorder } from './api/events.ts';
import type { Component, Context } from './api/context.ts';
import { defaultSettings, readSettings, type ClusterSettings } from './cluster/settings.ts';
import { bootstrapObjects, completeNode, defaultNodes } from './cluster/bootstrap.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { controllerManager, observers } from './controllers/index.ts';
import type { JourneyRecorder } from './journey/journey.ts';
import { Kubelet } from './kubelet/kubelet.ts';
import { controlPlaneManifests } from './kubelet/controlPlane.ts';
import type { StaticManifest } from './kubelet/staticPods.ts';
import { readWorkspace, sourceOf, type WorkspaceObject } from './manifest/workspace.ts';
import { positionOf } from './manifest/parse.ts';
import { canonicalJSON } from './controllers/hash.ts';
import { KubeProxy } from './proxy/kubeProxy.ts';
import { Flannel } from './cni/flannel.ts';
import { objectKey, type ManifestError, type Snapshot, type SourceRef, type WorkspaceFile } from './protocol.ts';

export interface SimulationOptions {
  seed?: number;
}

/** How long `settle()` may run the clock: the CLI's "until nothing is left to do" cap. */
export const SETTLE_CAP_MS = 10 * 60 * 1000;

/**
 * A parsed object is frozen and handed out again while its text is unchanged (core/manifest/parse.ts),
 * so its canonical JSON is worked out once, not at every keystroke for every object of the workspace.
 */
const parsedHashes = new WeakMap<KObject, string>();
function hashOfParsed(o: KObject): string {
  let h = parsedHashes.get(o);
  if (h === undefined) parsedHashes.set(o, (h = canonicalJSON(o)));
  return h;
}

export class Simulation {
  clock!: SimClock;
  rng!: Rng;
  store!: ObjectStore;
  api!: ApiServer;
  events!: EventRecorder;
  settings!: ClusterSettings;
  scheduler!: Scheduler;
  /** The 8-step journey of each pod (core/journey). */
  journeys!: JourneyRecorder;
  readonly kubelets = new Map<string, Kubelet>();
  /** kube-proxy on each node, answering the node's iptables/ipvsadm/nft commands (built when first asked). */
  readonly kubeProxies = new OnDemand<KubeProxy>();
  /** flanneld on each node (the kube-flannel DaemonSet's pods): backend, flannel.1, routes. */
  flannel!: Flannel;
  /** The scheduler and the controllers: asked every round. */
  private components: Component[] = [];
  /** Kubelets in start order: asked only when woken (a pod of theirs changed, or a call from outside). */
  private nodeAgents: Kubelet[] = [];
  private wakeups = new Wakeups();
  private shape = '';
  private applied = new Map<string, { file: string; hash: string }>();
  private sources = new Map<string, SourceRef>();
  private errors: ManifestError[] = [];
  private defaultCluster = true;

  constructor(private opts: SimulationOptions = {}) {
    this.reset(defaultSettings(), []);
  }

  get seed(): number {
    return this.opts.seed ?? 1;
  }

  /** Rebuilds the cluster from scratch (new settings or a different set of nodes). */
  private reset(settings: ClusterSettings, userNodes: Node[]): void {
    this.clock = new SimClock();
    this.rng = new Rng(this.seed);
    this.store = new ObjectStore();
    this.settings = settings;
    this.api = new ApiServer(this.store, this.clock, this.rng, settings.serviceSubnet);
    this.events = new EventRecorder(this.store, this.clock);
    this.kubelets.clear();
    this.kubeProxies.clear();
    this.nodeAgents = [];
    this.wakeups.clear();
    this.applied.clear();
    this.sources.clear();
    const ctx: Context = this.context;
    const nodes = userNodes.length ? userNodes.map((n, i) => completeNode(n, i, settings)) : defaultNodes(settings);
    this.defaultCluster = !userNodes.length;
    bootstrapObjects(this.api, settings, nodes);
    this.scheduler = new Scheduler(ctx);
    this.journeys = observers(ctx).journeys;
    this.journeys.decision = (key) => this.scheduler.decisions.get(key);
    this.flannel = new Flannel(ctx, (node) => this.kubelets.get(node)?.hostFs);
    this.components = [this.scheduler, ...controllerManager(ctx), this.flannel];
    for (const n of this.store.list<Node>('Node')) this.startKubelet(n);
    this.store.watch(['Node'], (e) => {
      if (e.type === 'ADDED') this.startKubelet(e.object as Node);
    });
    this.pump();
  }

  get context(): Context {
    return { api: this.api, clock: this.clock, rng: this.rng, events: this.events, settings: this.settings };
  }

  private startKubelet(n: Node): void {
    const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const k = new Kubelet(this.context, n.metadata.name, ip, n.spec.podCIDR);
    this.kubelets.set(n.metadata.name, k);
    const i = this.nodeAgents.push(k) - 1;
    // Its queue fills only from its node's pod watch, its static pods and its own start.
    this.store.watchNodePods(n.metadata.name, () => this.wakeups.wake(i));
    this.wakeups.wake(i);
    // kubeadm's control plane runs as static pods of the default cluster's control-plane node.
    if (this.defaultCluster && n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) k.statics.setBase(controlPlaneManifests(this.settings, ip));
    // Its only watch marks its rules stale, so one built later starts in the same state.
    const ctx = this.context;
    const flannel = this.flannel;
    this.kubeProxies.set(n.metadata.name, () => new KubeProxy(ctx, n, flannel));
    this.api.update(k.readyNode(n));
  }

  /** Runs every component until none has work left at the current instant. */
  private pump(): void {
    for (let round = 0; round < 10_000; round++) {
      let busy = false;
      for (const c of this.components) busy = c.sync() || busy;
      busy = this.wakeups.pass((i) => this.nodeAgents[i]!.sync()) || busy;
      if (!busy) return;
    }
  }

  /** Entry points wake every kubelet once: a shell command may have started or stopped one. */
  private wakeAll(): void {
    for (let i = 0; i < this.nodeAgents.length; i++) this.wakeups.wake(i);
  }

  /**
   * Applies the workspace declaratively: new and changed objects are applied, objects whose
   * text was removed are deleted, and a file that does not parse keeps its last good objects.
   */
  applyWorkspace(files: WorkspaceFile[]): ManifestError[] {
    const ws = readWorkspace(files);
    const errors = [...ws.errors];
    const settings = readSettings(ws.configs);
    const nodes = ws.objects.filter((w) => w.parsed.object.kind === 'Node').map((w) => w.parsed.object as Node);
    const shape = canonicalJSON({ settings, nodes });
    if (shape !== this.shape) {
      this.shape = shape;
      this.reset(settings, nodes);
    }
    const desired = new Map<string, { obj: KObject; w: WorkspaceObject }>();
    // Static pods are the kubelet's: it reads them from its staticPodPath and mirrors them.
    const statics = new Map<string, StaticManifest[]>();
    const texts = new Map(files.map((f) => [f.path, f.content]));
    for (const w of ws.objects) {
      if (w.staticNode) {
        const list = statics.get(w.staticNode) ?? [];
        list.push({ file: w.parsed.file.split('/').pop()!, text: texts.get(w.parsed.file) ?? '', object: w.parsed.object });
        statics.set(w.staticNode, list);
        continue;
      }
      if (w.parsed.object.kind === 'Node') {
        this.sources.set(objectKey(w.parsed.object), sourceOf(w.parsed));
        continue;
      }
      const obj = w.parsed.object;
      if (!obj.metadata || typeof obj.metadata !== 'object' || (!obj.metadata.name && !obj.metadata.generateName)) {
        errors.push({ file: w.parsed.file, ...positionOf(w.parsed, 'metadata.name'), severity: 'error', message: `The ${obj.kind} "" is invalid: metadata.name: Required value: name or generateName is required` });
        continue;
      }
      const key = objectKey(obj);
      if (desired.has(key)) {
        errors.push({ file: w.parsed.file, ...positionOf(w.parsed, 'metadata.name'), severity: 'error', message: `${obj.kind} "${obj.metadata.name}" is defined twice (also in ${desired.get(key)!.w.parsed.file})` });
        continue;
      }
      desired.set(key, { obj, w });
    }
    for (const [key, a] of this.applied) {
      if (desired.has(key) || ws.brokenFiles.has(a.file)) continue;
      const [kind, ns, name] = key.split('/') as [string, string, string];
      this.api.delete(kind, ns || undefined, name);
      this.applied.delete(key);
      this.sources.delete(key);
    }
    // Namespaces first, so objects may live in a namespace defined further down.
    const order = [...desired.values()].sort((a, b) => Number(b.obj.kind === 'Namespace') - Number(a.obj.kind === 'Namespace'));
    for (const { obj, w } of order) {
      const key = objectKey(obj);
      this.sources.set(key, sourceOf(w.parsed));
      const hash = hashOfParsed(obj);
      if (this.applied.get(key)?.hash === hash && this.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name)) continue;
      const r = this.api.apply(obj);
      if (r.ok) this.applied.set(key, { file: w.parsed.file, hash });
      else errors.push(applyError(r, w));
      this.pump();
    }
    for (const [name, k] of this.kubelets) if (!ws.brokenFiles.size || statics.has(name)) k.setStaticManifests(statics.get(name) ?? []);
    this.errors = errors;
    this.wakeAll();
    this.pump();
    return errors;
  }

  /** `kubectl apply` of objects from the terminal: not part of the workspace's declared set. */
  applyObject(obj: KObject): ApplyResult {
    const r = this.api.apply(obj);
    this.wakeAll();
    this.pump();
    return r;
  }

  /** Advances simulated time by `ms`, running every timer that falls due. */
  advance(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms);
    this.wakeAll();
    this.pump();
    while (this.clock.runNext(target)) this.pump();
    this.clock.setNow(target);
    this.pump();
  }

  /** Advances until no foreground work is pending, at most `capMs`. */
  settle(capMs = SETTLE_CAP_MS): void {
    const limit = this.clock.now() + capMs;
    this.wakeAll();
    this.pump();
    for (;;) {
      const next = this.clock.peek(false);
      if (next === undefined || next > limit) break;
      while (this.clock.runNext(next)) this.pump();
    }
  }

  /** Pods, nodes, services ... as the API server holds them now. */
  snapshot(): Snapshot {
    const objects: KObject[] = [];
    for (const kind of this.store.kinds()) if (kind !== 'Event') objects.push(...this.store.list(kind));
    objects.sort((a, b) => cmp(objectKey(a), objectKey(b)));
    return { ...this.snapshotHeader(), objects, ...this.controlPlaneView(objects) };
  }

  /** A snapshot without its objects: what goes along with a diff (core/api/watchCache.ts). */
  snapshotHeader(): Omit<Snapshot, 'objects' | 'journeys' | 'scheduling'> {
    return {
      time: this.clock.now(),
      timeIso: this.clock.iso(),
      revision: this.store.rev,
      events: this.events.recent(200),
      sources: Object.fromEntries(this.sources),
      errors: this.errors,
      version: this.settings.kubernetesVersion,
    };
  }

  /** Journeys of existing pods and the scheduler's decisions about them, for the page. */
  private controlPlaneView(objects: KObject[]): Pick<Snapshot, 'journeys' | 'scheduling'> {
    const journeys: NonNullable<Snapshot['journeys']> = {};
    const scheduling: NonNullable<Snapshot['scheduling']> = {};
    let n = 0;
    for (const o of objects) {
      if (o.kind !== 'Pod' || n++ > 1000) continue;
      const j = this.journeys.get(o.metadata.namespace ?? 'default', o.metadata.name);
      if (j) journeys[j.uid] = j;
      const d = this.scheduler.decisions.get(`${o.metadata.namespace}/${o.metadata.name}`);
      if (d) scheduling[d.pod] = d;
    }
    return { journeys, scheduling };
  }

  pods(): Pod[] {
    return this.store.list<Pod>('Pod');
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function applyError(r: Extract<ApplyResult, { ok: false }>, w: WorkspaceObject): ManifestError {
  const path = r.fieldErrors[0]?.path ?? '';
  const pos = positionOf(w.parsed, path.replace(/\[(\w[\w.-]*)\]$/, '.$1'));
  return { file: w.parsed.file, line: pos.line, col: pos.col, severity: 'error', message: r.message };
}
