// Snapshot → React Flow graph. Pure functions (no React, no DOM) so they are unit-tested in Node.
// Layout is incremental: a cache remembers where every node sits, so an edit moves nothing
// that already exists; new Kubernetes nodes go to the right, new pods take the first free slot
// in their node, new Services go above the pods they select.
import type { Edge, Node as FlowNode } from '@xyflow/react';
import { objectKey, type Snapshot } from '../../core/protocol.ts';
import type { EndpointSlice, KObject, Node, Pod, Service } from '../../core/api/types.ts';
import { podStatus, type PodTone } from './status.ts';
import { controlPlaneChips, nodeBadges, proxyPods, type ComponentChip, type NodeBadges } from './components.ts';

// Each Kubernetes node is a column of pods: narrow enough that three nodes fit a projected
// half-screen at a readable zoom. The left padding is the gutter where Service edges run.
export const POD_W = 240;
export const POD_H = 92;
const GAP = 12;
const PAD = 14;
const GUTTER = 26;
const HEADER = 142;
export const GROUP_W = GUTTER + POD_W + PAD;
const GROUP_GAP = 44;
export const SVC_W = 236;
export const SVC_H = 118;
const SVC_Y = -(SVC_H + 120);
export const UNSCHEDULED = 'group:unscheduled';
export const CONTROL_PLANE = 'group:control-plane';
const CP_W = 250;
const CP_H = 236;

export type PodData = {
  name: string;
  namespace: string;
  status: string;
  tone: PodTone;
  ready: string;
  ip: string;
  nodeName: string;
  restarts: number;
  /** Guaranteed, Burstable or BestEffort. */
  qos: string;
};
export type NodeGroupData = {
  name: string;
  roles: string;
  controlPlane: boolean;
  internalIP: string;
  podCIDR: string;
  ready: boolean;
  unschedulable: boolean;
  pods: number;
  /** Pods of the cluster itself (kube-* namespaces) on this node while they are hidden. */
  hiddenSystemPods: number;
  badges: NodeBadges;
};
export type ServiceData = {
  name: string;
  namespace: string;
  type: string;
  clusterIP: string;
  ports: string;
  endpoints: number;
  readyEndpoints: number;
  /** Names of its EndpointSlices. */
  slices: string[];
};
export type UnscheduledData = { pods: number };
export type ControlPlaneData = { chips: ComponentChip[] };

export type PodFlowNode = FlowNode<PodData, 'pod'>;
export type NodeGroupFlowNode = FlowNode<NodeGroupData, 'node'>;
export type ServiceFlowNode = FlowNode<ServiceData, 'service'>;
export type UnscheduledFlowNode = FlowNode<UnscheduledData, 'unscheduled'>;
export type ControlPlaneFlowNode = FlowNode<ControlPlaneData, 'controlplane'>;
export type AppNode = PodFlowNode | NodeGroupFlowNode | ServiceFlowNode | UnscheduledFlowNode | ControlPlaneFlowNode;
export type EndpointEdge = Edge<{ ready: boolean; busY: number; gutter: number }, 'endpoint'>;

interface XY {
  x: number;
  y: number;
}
export interface LayoutCache {
  /** Absolute positions of top-level nodes (Kubernetes nodes, Services, the unscheduled box). */
  positions: Record<string, XY>;
  /** Pods: which container they sit in and at which grid slot. */
  slots: Record<string, { parent: string; slot: number }>;
}
export const emptyCache = (): LayoutCache => ({ positions: {}, slots: {} });

export interface GraphOptions {
  /** Show the cluster's own pods and Services (kube-system, kube-flannel, ...). */
  showSystem: boolean;
  /** objectKey → how the last edit touched it, for a highlight. */
  hot?: Map<string, 'added' | 'changed' | 'removed'>;
}

/** kube-system, kube-flannel, kube-public, ...: the cluster's own workloads. */
export const isSystemNamespace = (ns: string | undefined): boolean => (ns ?? '').startsWith('kube-');

export interface Graph {
  nodes: AppNode[];
  edges: EndpointEdge[];
  cache: LayoutCache;
}

const ofKind = <T extends KObject>(objects: KObject[], kind: string): T[] => objects.filter((o) => o.kind === kind) as T[];
const isControlPlane = (n: Node): boolean => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {});
const slotXY = (slot: number): XY => ({ x: GUTTER, y: HEADER + slot * (POD_H + GAP) });
const groupHeight = (slots: number[]): number => HEADER + Math.max(1, Math.max(-1, ...slots) + 1) * (POD_H + GAP) - GAP + PAD;

function nodeData(n: Node, pods: number, hiddenSystemPods: number, badges: NodeBadges): NodeGroupData {
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return {
    name: n.metadata.name,
    roles: roles.join(', ') || 'worker',
    controlPlane: isControlPlane(n),
    internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    podCIDR: n.spec.podCIDR ?? '',
    ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    unschedulable: n.spec.unschedulable ?? false,
    pods,
    hiddenSystemPods,
    badges,
  };
}

function podData(p: Pod): PodData {
  const statuses = p.status?.containerStatuses ?? [];
  const { status, tone } = podStatus(p);
  return {
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? 'default',
    status,
    tone,
    ready: `${statuses.filter((s) => s.ready).length}/${p.spec.containers.length}`,
    ip: p.status?.podIP ?? '',
    nodeName: p.spec.nodeName ?? '',
    restarts: statuses.reduce((sum, s) => sum + s.restartCount, 0),
    qos: p.status?.qosClass ?? '',
  };
}

function serviceData(s: Service, endpoints: number, readyEndpoints: number, slices: string[]): ServiceData {
  return {
    name: s.metadata.name,
    namespace: s.metadata.namespace ?? 'default',
    type: s.spec.type ?? 'ClusterIP',
    clusterIP: s.spec.clusterIP ?? '',
    ports: (s.spec.ports ?? [])
      .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
      .join(', '),
    endpoints,
    readyEndpoints,
    slices,
  };
}

/** Give every pod a slot in its container, keeping cached slots and filling holes first. */
function assignSlots(pods: Pod[], parentOf: (p: Pod) => string, prev: LayoutCache['slots']): LayoutCache['slots'] {
  const slots: LayoutCache['slots'] = {};
  const used = new Map<string, Set<number>>();
  const take = (parent: string, slot: number) => {
    if (!used.has(parent)) used.set(parent, new Set());
    used.get(parent)!.add(slot);
  };
  const fresh: Pod[] = [];
  for (const p of pods) {
    const key = objectKey(p);
    const old = prev[key];
    if (old && old.parent === parentOf(p)) {
      slots[key] = old;
      take(old.parent, old.slot);
    } else fresh.push(p);
  }
  // Kin first: pods of one owner land next to each other.
  const owner = (p: Pod) => p.metadata.ownerReferences?.[0]?.name ?? p.metadata.name;
  fresh.sort((a, b) => owner(a).localeCompare(owner(b)) || a.metadata.name.localeCompare(b.metadata.name));
  for (const p of fresh) {
    const parent = parentOf(p);
    const taken = used.get(parent) ?? new Set<number>();
    let slot = 0;
    while (taken.has(slot)) slot++;
    slots[objectKey(p)] = { parent, slot };
    take(parent, slot);
  }
  return slots;
}

export function deriveGraph(snapshot: Snapshot | null, prev: LayoutCache, opts: GraphOptions = { showSystem: true }): Graph {
  if (!snapshot) return { nodes: [], edges: [], cache: prev };
  const hidden = (o: KObject) => !opts.showSystem && isSystemNamespace(o.metadata.namespace);
  const objects = snapshot.objects.filter((o) => o.kind === 'Node' || !hidden(o));
  const hiddenOn = new Map<string, number>();
  for (const p of ofKind<Pod>(snapshot.objects, 'Pod').filter(hidden)) {
    hiddenOn.set(p.spec.nodeName ?? '', (hiddenOn.get(p.spec.nodeName ?? '') ?? 0) + 1);
  }
  const kNodes = ofKind<Node>(objects, 'Node').sort(
    (a, b) => Number(isControlPlane(b)) - Number(isControlPlane(a)) || a.metadata.name.localeCompare(b.metadata.name),
  );
  const pods = ofKind<Pod>(objects, 'Pod');
  const services = ofKind<Service>(objects, 'Service');
  const nodeKeys = new Map(kNodes.map((n) => [n.metadata.name, objectKey(n)]));
  const parentOf = (p: Pod) => nodeKeys.get(p.spec.nodeName ?? '') ?? UNSCHEDULED;

  const positions: LayoutCache['positions'] = {};
  const slots = assignSlots(pods, parentOf, prev.slots);
  const slotsIn = new Map<string, number[]>();
  for (const s of Object.values(slots)) slotsIn.set(s.parent, [...(slotsIn.get(s.parent) ?? []), s.slot]);

  const nodes: AppNode[] = [];
  const proxies = proxyPods(snapshot.objects);
  const unscheduled = slotsIn.get(UNSCHEDULED);
  if (unscheduled) {
    const at = prev.positions[UNSCHEDULED] ?? { x: -(GROUP_W + GROUP_GAP), y: 0 };
    positions[UNSCHEDULED] = at;
    nodes.push({
      id: UNSCHEDULED,
      type: 'unscheduled',
      position: at,
      width: GROUP_W,
      height: groupHeight(unscheduled),
      data: { pods: unscheduled.length },
      ariaLabel: `Unscheduled pods: ${unscheduled.length}`,
    });
  }

  let right = Math.max(-GROUP_GAP, ...kNodes.map((n) => (prev.positions[objectKey(n)]?.x ?? -Infinity) + GROUP_W));
  for (const n of kNodes) {
    const key = objectKey(n);
    let at = prev.positions[key];
    if (!at) {
      at = { x: right + GROUP_GAP, y: 0 };
      right = at.x + GROUP_W;
    }
    positions[key] = at;
    const inside = slotsIn.get(key) ?? [];
    const data = nodeData(n, inside.length, hiddenOn.get(n.metadata.name) ?? 0, nodeBadges(n, proxies.get(n.metadata.name)));
    nodes.push({
      id: key,
      type: 'node',
      position: at,
      width: GROUP_W,
      height: groupHeight(inside),
      data,
      ariaLabel: `Node ${data.name} (${data.roles})`,
    });
  }

  const podAbs = new Map<string, XY>();
  for (const p of pods) {
    const key = objectKey(p);
    const { parent, slot } = slots[key]!;
    const local = slotXY(slot);
    const origin = positions[parent] ?? { x: 0, y: 0 };
    podAbs.set(key, { x: origin.x + local.x, y: origin.y + local.y });
    const data = podData(p);
    nodes.push({
      id: key,
      type: 'pod',
      parentId: parent,
      position: local,
      width: POD_W,
      height: POD_H,
      draggable: false,
      data,
      ariaLabel: `Pod ${data.name}: ${data.status}`,
    });
  }

  // Service → pod edges come from EndpointSlices, exactly as kube-proxy sees them.
  const edges: EndpointEdge[] = [];
  const seen = new Set<string>();
  const backends = new Map<string, { endpoints: number; ready: number; pods: string[]; slices: string[] }>();
  const busIndex = new Map(services.map((s, i) => [objectKey(s), i % 4]));
  for (const slice of ofKind<EndpointSlice>(objects, 'EndpointSlice')) {
    const ns = slice.metadata.namespace ?? '';
    const svcName = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!svcName) continue;
    const source = `Service/${ns}/${svcName}`;
    const b = backends.get(source) ?? { endpoints: 0, ready: 0, pods: [], slices: [] };
    backends.set(source, b);
    b.slices.push(slice.metadata.name);
    for (const ep of slice.endpoints ?? []) {
      const ready = ep.conditions?.ready !== false;
      b.endpoints++;
      b.ready += ready ? 1 : 0;
      // Endpoints that are not pods (the API server behind `kubernetes`) are counted, not drawn.
      const ref = ep.targetRef;
      if (ref?.kind !== 'Pod') continue;
      const target = `Pod/${ref.namespace ?? ns}/${ref.name}`;
      const id = `svc:${source}->${target}`;
      if (seen.has(id) || !podAbs.has(target)) continue;
      seen.add(id);
      b.pods.push(target);
      edges.push({
        id,
        source,
        target,
        type: 'endpoint',
        // Each Service gets its own bus line above the nodes so their edges do not overlap.
        data: { ready, busY: -18 - 7 * (busIndex.get(source) ?? 0), gutter: GUTTER / 2 },
        className: ready ? 'edge-ready' : 'edge-notready',
      });
    }
  }

  // A new Service goes above the middle of its pods (or above the first node), moved right
  // past any Service already there.
  const placed = services.map((s) => prev.positions[objectKey(s)]).filter((p): p is XY => !!p);
  // One sweep over the row from left to right: x only moves right, so each placed Service
  // is looked at once (no recursion: hundreds of Services may sit in one row).
  const freeX = (x: number): number => {
    const row = placed.filter((p) => p.y === SVC_Y).map((p) => p.x).sort((a, b) => a - b);
    for (const px of row) if (Math.abs(px - x) < SVC_W + GAP * 2) x = px + SVC_W + GAP * 2;
    return x;
  };
  // Services with pods are placed first: they have somewhere to be.
  const backed = (s: Service) => Number(!!backends.get(objectKey(s))?.pods.length);
  for (const s of [...services].sort((a, b) => backed(b) - backed(a))) {
    const key = objectKey(s);
    let at = prev.positions[key];
    if (!at) {
      const xs = (backends.get(key)?.pods ?? []).map((p) => podAbs.get(p)!.x + POD_W / 2);
      const x = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length - SVC_W / 2 : 0;
      at = { x: freeX(x), y: SVC_Y };
      placed.push(at);
    }
    positions[key] = at;
    const b = backends.get(key);
    const data = serviceData(s, b?.endpoints ?? 0, b?.ready ?? 0, b?.slices ?? []);
    nodes.push({ id: key, type: 'service', position: at, width: SVC_W, height: SVC_H, data, ariaLabel: `Service ${data.name}` });
  }

  // The control plane sits above the leftmost column, level with the Services.
  const left = Math.min(0, ...nodes.filter((n) => !n.parentId).map((n) => n.position.x));
  const cpAt = prev.positions[CONTROL_PLANE] ?? { x: Math.min(left, ...placed.filter((p) => p.y === SVC_Y).map((p) => p.x)) - CP_W - GROUP_GAP, y: SVC_Y + SVC_H - CP_H };
  positions[CONTROL_PLANE] = cpAt;
  nodes.unshift({ id: CONTROL_PLANE, type: 'controlplane', position: cpAt, width: CP_W, height: CP_H, data: { chips: controlPlaneChips(snapshot.objects) }, ariaLabel: 'Control plane components' });

  if (opts.hot?.size) for (const n of nodes) {
    const how = opts.hot.get(n.id);
    if (how) n.className = `chg-${how}`;
  }
  // Objects that disappeared drop out of the cache: if one comes back it is placed afresh.
  return { nodes, edges, cache: { positions, slots } };
}

/** Record a user drag of a top-level node so the next snapshot keeps it there. */
export function moveInCache(cache: LayoutCache, id: string, at: XY): LayoutCache {
  return cache.positions[id] ? { ...cache, positions: { ...cache.positions, [id]: at } } : cache;
}

// Nested values (badges, chips, slice names) are small: compared by their JSON.
const sameValue = (x: unknown, y: unknown): boolean => x === y || (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y));
const sameData = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => sameValue(a[k], b[k]));
};

/**
 * Reuse the previous node objects that did not change, so React Flow re-renders only what the
 * snapshot actually changed and keeps its measurements and selection.
 */
export function reuseNodes(prev: AppNode[], next: AppNode[]): AppNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = byId.get(n.id);
    if (!old) return n;
    const same =
      old.type === n.type &&
      old.parentId === n.parentId &&
      old.position.x === n.position.x &&
      old.position.y === n.position.y &&
      old.width === n.width &&
      old.height === n.height &&
      old.className === n.className &&
      sameData(old.data, n.data);
    return same ? old : ({ ...n, selected: old.selected } as AppNode);
  });
}

/** Where in the workspace an object comes from; controller-made objects lead to their owner's source. */
export function sourceOf(snapshot: Snapshot, key: string): Snapshot['sources'][string] | undefined {
  const byKey = new Map(snapshot.objects.map((o) => [objectKey(o), o]));
  for (let k: string | undefined = key, hops = 0; k && hops < 5; hops++) {
    // A manifest without `namespace:` may be keyed as written (Kind//name) rather than defaulted.
    const src = snapshot.sources[k] ?? snapshot.sources[k.replace(/^([^/]+)\/default\//, '$1//')];
    if (src) return src;
    const obj = byKey.get(k);
    const owner = obj?.metadata.ownerReferences?.find((r) => r.controller) ?? obj?.metadata.ownerReferences?.[0];
    k = owner && obj ? `${owner.kind}/${obj.metadata.namespace ?? ''}/${owner.name}` : undefined;
  }
  return undefined;
}

/** The rectangle around every top-level node (children sit inside their parents). */
export function graphBounds(nodes: Pick<FlowNode, 'parentId' | 'position' | 'width' | 'height'>[]): { x: number; y: number; width: number; height: number } | null {
  const top = nodes.filter((n) => !n.parentId);
  if (!top.length) return null;
  const x = Math.min(...top.map((n) => n.position.x));
  const y = Math.min(...top.map((n) => n.position.y));
  const right = Math.max(...top.map((n) => n.position.x + (n.width ?? 0)));
  const bottom = Math.max(...top.map((n) => n.position.y + (n.height ?? 0)));
  return { x, y, width: right - x, height: bottom - y };
}
