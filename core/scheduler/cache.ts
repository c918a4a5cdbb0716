// The scheduler's cache: NodeInfo kept up to date from watch events, plus the images the
// nodes report and the pods carrying required anti-affinity, so a scheduling cycle costs
// O(nodes examined), not O(pods).

import type { KObject, Node, Pod } from '../api/types.ts';
import type { ObjectStore, WatchEvent } from '../api/store.ts';
import { bytes, milliCPU } from '../api/quantity.ts';
import type { NodeInfo, Resources } from './types.ts';
import { addTo, podRequests, zero } from './resources.ts';
import { hostPortsOf } from './plugins/nodePorts.ts';
import { normalizedImageName } from './plugins/imageLocality.ts';
import { requiredAntiAffinity } from './plugins/interPodAffinity.ts';

const podKey = (p: KObject) => `${p.metadata.namespace}/${p.metadata.name}`;
const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

/** A pod holds its node's resources until it has terminated. */
export const holdsResources = (p: Pod): boolean =>
  !!p.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

export function allocatableOf(n: Node): Resources {
  const a = n.status?.allocatable ?? n.status?.capacity ?? {};
  const r: Resources = {
    milliCPU: milliCPU(a.cpu),
    memory: bytes(a.memory),
    ephemeralStorage: bytes(a['ephemeral-storage']),
    pods: Number(a.pods ?? 110),
  };
  for (const [k, v] of Object.entries(a)) if (!NATIVE.has(k)) (r.scalar ??= {})[k] = bytes(v);
  return r;
}

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  /** image name → size and the nodes reporting it */
  readonly images = new Map<string, { size: number; nodes: Set<string> }>();
  readonly antiAffinityPods = new Map<string, Pod>();
  /** pod key → node it is counted on */
  private placed = new Map<string, string>();
  private nodeImages = new Map<string, string[]>();
  private nodeList: NodeInfo[] | undefined;
  private nodeNames: string[] | undefined;
  private positions: Map<string, number> | undefined;

  constructor(store: ObjectStore) {
    for (const n of store.list<Node>('Node')) this.onNode({ type: 'ADDED', object: n });
    for (const p of store.list<Pod>('Pod')) this.onPod({ type: 'ADDED', object: p });
    store.watch(['Node'], (e) => this.onNode(e));
    store.watch(['Pod'], (e) => this.onPod(e));
  }

  private onNode(e: WatchEvent): void {
    const n = e.object as Node;
    const name = n.metadata.name;
    this.setImages(name, e.type === 'DELETED' ? undefined : n);
    if (e.type === 'DELETED') {
      this.nodes.delete(name);
      this.forgetList();
      return;
    }
    const cur = this.nodes.get(name);
    if (cur) {
      cur.node = n;
      cur.allocatable = allocatableOf(n);
    } else {
      this.nodes.set(name, { node: n, pods: new Map(), requested: zero(), nonZeroRequested: zero(), allocatable: allocatableOf(n), usedPorts: new Set() });
      this.forgetList();
    }
  }

  /** Every NodeInfo in insertion order; the array is rebuilt only when a node comes or goes. */
  list(): readonly NodeInfo[] {
    return (this.nodeList ??= [...this.nodes.values()]);
  }

  /** The nodes' names in list() order: shared by the decisions of every cycle until a node comes or goes. */
  names(): readonly string[] {
    return (this.nodeNames ??= this.list().map((ni) => ni.node.metadata.name));
  }

  /** A node's index in list(). */
  position(name: string): number | undefined {
    return (this.positions ??= new Map(this.names().map((n, i) => [n, i]))).get(name);
  }

  private forgetList(): void {
    this.nodeList = this.nodeNames = this.positions = undefined;
  }

  private setImages(node: string, n: Node | undefined): void {
    const imgs = n?.status?.images ?? [];
    const names = imgs.map((i) => normalizedImageName(i.names[0] ?? ''));
    const prev = this.nodeImages.get(node) ?? [];
    if (prev.join('\n') === names.join('\n')) return;
    for (const p of prev) {
      const e = this.images.get(p);
      e?.nodes.delete(node);
      if (e && !e.nodes.size) this.images.delete(p);
    }
    imgs.forEach((img, i) => {
      const e = this.images.get(names[i]!) ?? { size: img.sizeBytes, nodes: new Set<string>() };
      e.nodes.add(node);
      this.images.set(names[i]!, e);
    });
    if (names.length) this.nodeImages.set(node, names);
    else this.nodeImages.delete(node);
  }

  private onPod(e: WatchEvent): void {
    const p = e.object as Pod;
    const key = podKey(p);
    this.unplace(key);
    this.antiAffinityPods.delete(key);
    if (e.type !== 'DELETED' && holdsResources(p)) {
      this.place(key, p);
      if (requiredAntiAffinity(p).length) this.antiAffinityPods.set(key, p);
    }
  }

  /** The scheduler's assume step: count a pod on its node before the bind is observed. */
  assume(p: Pod, node: string): void {
    const key = podKey(p);
    this.unplace(key);
    this.place(key, { ...p, spec: { ...p.spec, nodeName: node } });
  }

  private place(key: string, p: Pod): void {
    const ni = this.nodes.get(p.spec.nodeName!);
    if (!ni) return;
    ni.pods.set(key, p);
    addTo(ni.requested, podRequests(p));
    addTo(ni.nonZeroRequested, podRequests(p, true));
    for (const hp of hostPortsOf(p)) ni.usedPorts.add(hp);
    this.placed.set(key, ni.node.metadata.name);
  }

  private unplace(key: string): void {
    const nodeName = this.placed.get(key);
    if (nodeName === undefined) return;
    this.placed.delete(key);
    const ni = this.nodes.get(nodeName);
    const p = ni?.pods.get(key);
    if (!ni || !p) return;
    ni.pods.delete(key);
    addTo(ni.requested, podRequests(p), -1);
    addTo(ni.nonZeroRequested, podRequests(p, true), -1);
    for (const hp of hostPortsOf(p)) ni.usedPorts.delete(hp);
  }
}

/** A copy of a NodeInfo without some pods: what preemption's dry run filters against. */
export function withoutPods(ni: NodeInfo, remove: Pod[]): NodeInfo {
  const copy: NodeInfo = {
    node: ni.node,
    pods: new Map(ni.pods),
    requested: { ...ni.requested, scalar: { ...(ni.requested.scalar ?? {}) } },
    nonZeroRequested: { ...ni.nonZeroRequested, scalar: { ...(ni.nonZeroRequested.scalar ?? {}) } },
    allocatable: ni.allocatable,
    usedPorts: new Set(ni.usedPorts),
  };
  for (const p of remove) {
    const key = podKey(p);
    if (!copy.pods.delete(key)) continue;
    addTo(copy.requested, podRequests(p), -1);
    addTo(copy.nonZeroRequested, podRequests(p, true), -1);
    for (const hp of hostPortsOf(p)) copy.usedPorts.delete(hp);
  }
  return copy;
}
