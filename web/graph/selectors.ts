// Snapshot → React Flow graph. Pure functions (no React, no DOM) so they are unit-tested in Node.
// Layout is incremental: a cache remembers where every node sits, so an edit moves nothing
// that already exists; new Kubernetes nodes go to the right, new pods take the first free slot
// in their node, new Services go above the pods they select.
// Work grows with what changed: snapshot objects that did not change keep their identity (the
// store patches them in), so a pod's card data is memoised on its object and the node and edge
// objects drawn last time are handed out again when nothing they show changed — React Flow and
// the memoised node components then skip them. Zoomed out on a big cluster, pods collapse into
// cells of their node's summary and the Service → pod edges are left out.
import { Position, type Edge, type Node as FlowNode, type NodeHandle } from '@xyflow/react';
import { objectKey, type Snapshot } from '../../core/protocol.ts';
import type { EndpointSlice, KObject, Node, Pod, Service } from '../../core/api/types.ts';
import type { ChangeKind } from './changes.ts';
import { ofKind } from '../store/snapshot.ts';
import { lastExit, podStatusOfSnapshot as podStatus, type LastExit, type PodTone } from './status.ts';
import { controlPlaneChips, nodeBadges, proxyPods, type ComponentChip, type NodeBadges } from './components.ts';

// Each Kubernetes node is a column of pods: narrow enough that three nodes fit a projected
// half-screen at a readable zoom. The left padding is the gutter where Service edges run.
export const POD_W = 240;
export const POD_H = 92;
const GAP = 12;
const PAD = 14;
export const GUTTER = 26;
const HEADER = 142;
export const GROUP_W = GUTTER + POD_W + PAD;
const GROUP_GAP = 44;
export const SVC_W = 236;
export const SVC_H = 118;
const SVC_Y = -(SVC_H + 120);
/** Rows of Services stack upwards this far apart when one row above the nodes is full. */
const SVC_ROW = SVC_H + 40;
const SVC_ROWS = 8;
export const UNSCHEDULED = 'group:unscheduled';
export const CONTROL_PLANE = 'group:control-plane';
/** Summary mode: every Service as a box of one node (a React Flow node each costs at every frame of a pan). */
export const SERVICES = 'group:services';
const CP_W = 250;
const CP_H = 236;
/** Below this many drawn pods a cluster is always drawn in full, whatever the zoom. */
export const SUMMARY_MIN_PODS = 150;

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
  /** How a container last ended, once it has restarted (shown beside a status that says Running). */
  last?: LastExit;
};
/** A pod drawn as a cell of its node's summary (zoomed out on a big cluster). */
export type PodCell = { id: string; name: string; slot: number; tone: PodTone; hot?: ChangeKind };
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
  /** Summary mode: the pods as cells at their slots, instead of pod nodes. */
  cells?: PodCell[];
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
export type UnscheduledData = { pods: number; cells?: PodCell[] };
export type ControlPlaneData = { chips: ComponentChip[] };
/** A Service drawn as a plain box of the Services band (summary mode); x, y inside the band. */
export type ServiceBox = { id: string; name: string; x: number; y: number; healthy: boolean; hot?: ChangeKind };
export type ServicesData = { boxes: ServiceBox[] };

export type PodFlowNode = FlowNode<PodData, 'pod'>;
export type NodeGroupFlowNode = FlowNode<NodeGroupData, 'node'>;
export type ServiceFlowNode = FlowNode<ServiceData, 'service'>;
export type UnscheduledFlowNode = FlowNode<UnscheduledData, 'unscheduled'>;
export type ControlPlaneFlowNode = FlowNode<ControlPlaneData, 'controlplane'>;
export type ServicesFlowNode = FlowNode<ServicesData, 'services'>;
export type AppNode = PodFlowNode | NodeGroupFlowNode | ServiceFlowNode | UnscheduledFlowNode | ControlPlaneFlowNode | ServicesFlowNode;
export type EndpointEdge = Edge<{ ready: boolean; busY: number; gutter: number }, 'endpoint'>;

interface XY {
  x: number;
  y: number;
}
export interface LayoutCache {
  /** Absolute positions of top-level nodes (Kubernetes nodes, Services, the unscheduled box). */
  positions: Record<string, XY>;
  /** Pods: which container they sit in and at which grid slot. */
  slots: Map<string, { parent: string; slot: number }>;
  /** What the last derive drew: node and edge objects handed out again when unchanged. */
  drawn?: { nodes: Map<string, AppNode>; edges: EndpointEdge[] };
}
export const emptyCache = (): LayoutCache => ({ positions: {}, slots: new Map() });

export interface GraphOptions {
  /** Show the cluster's own pods and Services (kube-system, kube-flannel, ...). */
  showSystem: boolean;
  /** objectKey → how the last edit touched it, for a highlight. */
  hot?: Map<string, ChangeKind>;
  /**
   * Zoomed out: pods become cells of their node's summary and edges are left out, when more
   * than SUMMARY_MIN_PODS pods are drawn (a small cluster is always drawn in full).
   */
  summary?: boolean;
}

/** kube-system, kube-flannel, kube-public, ...: the cluster's own workloads. */
export const isSystemNamespace = (ns: string | undefined): boolean => (ns ?? '').startsWith('kube-');

export interface Graph {
  nodes: AppNode[];
  edges: EndpointEdge[];
  cache: LayoutCache;
  /** True when pods are drawn as cells of their node's summary. */
  summary: boolean;
}

const isControlPlane = (n: Node): boolean => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {});
/** Top of a pod's slot inside its node (the cells of a summary sit at the same places). */
export const slotTop = (slot: number): number => HEADER + slot * (POD_H + GAP);
const groupHeight = (maxSlot: number): number => HEADER + Math.max(1, maxSlot + 1) * (POD_H + GAP) - GAP + PAD;

// Sizes as React Flow would measure them (the node's box is exactly its width and height): a new
// or changed node then needs no measuring pass, and no round of dimension changes after it.
const POD_SIZE = { width: POD_W, height: POD_H };
// Handles where React Flow would measure them (8 px boxes centred on the border), so edges can be
// drawn to nodes that were never rendered (off screen) and nothing waits for a measurement.
const POD_HANDLES: NodeHandle[] = [{ type: 'target', position: Position.Left, x: -4, y: POD_H / 2 - 4, width: 8, height: 8 }];
const SVC_HANDLES: NodeHandle[] = [{ type: 'source', position: Position.Bottom, x: SVC_W / 2 - 4, y: SVC_H - 4, width: 8, height: 8 }];

function nodeData(n: Node, pods: number, hiddenSystemPods: number, badges: NodeBadges, cells: PodCell[] | undefined): NodeGroupData {
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
    ...(cells ? { cells } : {}),
  };
}

// A snapshot's objects are never mutated (a patch replaces the ones that changed), so what is
// derived from one object alone is remembered on the object itself: its key, what a pod shows,
// its cell in a summary. A derive then costs lookups for the objects an edit did not touch.
const keys = new WeakMap<KObject, string>();
function keyOf(o: KObject): string {
  let k = keys.get(o);
  if (k === undefined) keys.set(o, (k = objectKey(o)));
  return k;
}

const cells = new WeakMap<Pod, PodCell>();
function cellOf(p: Pod, id: string, slot: number, hot: ChangeKind | undefined): PodCell {
  const c = cells.get(p);
  if (c && c.slot === slot && c.hot === hot) return c;
  const d = podData(p);
  const cell: PodCell = hot ? { id, name: d.name, slot, tone: d.tone, hot } : { id, name: d.name, slot, tone: d.tone };
  cells.set(p, cell);
  return cell;
}

const boxMemo = new WeakMap<Service, ServiceBox>();

const podDataMemo = new WeakMap<Pod, PodData>();
function podData(p: Pod): PodData {
  const memo = podDataMemo.get(p);
  if (memo) return memo;
  const statuses = p.status?.containerStatuses ?? [];
  const { status, tone } = podStatus(p);
  const data: PodData = {
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
  const last = lastExit(p);
  if (last) data.last = last;
  podDataMemo.set(p, data);
  return data;
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
function assignSlots(pods: { pod: Pod; key: string; parent: string }[], prev: LayoutCache['slots']): LayoutCache['slots'] {
  const slots: LayoutCache['slots'] = new Map();
  const fresh: typeof pods = [];
  for (const p of pods) {
    const old = prev.get(p.key);
    if (old && old.parent === p.parent) slots.set(p.key, old);
    else fresh.push(p);
  }
  if (!fresh.length) return slots;
  const used = new Map<string, Set<number>>();
  const take = (parent: string, slot: number) => {
    let set = used.get(parent);
    if (!set) used.set(parent, (set = new Set()));
    set.add(slot);
  };
  for (const { parent, slot } of slots.values()) take(parent, slot);
  // Kin first: pods of one owner land next to each other.
  const owner = (p: Pod) => p.metadata.ownerReferences?.[0]?.name ?? p.metadata.name;
  fresh.sort((a, b) => owner(a.pod).localeCompare(owner(b.pod)) || a.pod.metadata.name.localeCompare(b.pod.metadata.name));
  for (const p of fresh) {
    const taken = used.get(p.parent);
    let slot = 0;
    while (taken?.has(slot)) slot++;
    slots.set(p.key, { parent: p.parent, slot });
    take(p.parent, slot);
  }
  return slots;
}

/** A stable 0..3 per Service: which bus line its edges run on (stays put as Services come and go). */
function busOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return (h >>> 0) % 4;
}

// Edges of one EndpointSlice object, remembered on it (objects are immutable): source, target, ready.
const sliceEdgeMemo = new WeakMap<EndpointSlice, { source: string; endpoints: number; ready: number; edges: EndpointEdge[] }>();
function sliceEdges(slice: EndpointSlice, source: string): { source: string; endpoints: number; ready: number; edges: EndpointEdge[] } {
  const memo = sliceEdgeMemo.get(slice);
  if (memo && memo.source === source) return memo;
  const ns = slice.metadata.namespace ?? '';
  const busY = -18 - 7 * busOf(source);
  const out = { source, endpoints: 0, ready: 0, edges: [] as EndpointEdge[] };
  for (const ep of slice.endpoints ?? []) {
    const ready = ep.conditions?.ready !== false;
    out.endpoints++;
    out.ready += ready ? 1 : 0;
    // Endpoints that are not pods (the API server behind `kubernetes`) are counted, not drawn.
    const ref = ep.targetRef;
    if (ref?.kind !== 'Pod') continue;
    const target = `Pod/${ref.namespace ?? ns}/${ref.name}`;
    out.edges.push({
      id: `svc:${source}->${target}`,
      source,
      target,
      type: 'endpoint',
      // Each Service gets its own bus line above the nodes so their edges do not overlap.
      data: { ready, busY, gutter: GUTTER / 2 },
      className: ready ? 'edge-ready' : 'edge-notready',
    });
  }
  sliceEdgeMemo.set(slice, out);
  return out;
}

/**
 * Where a new Service goes: the free spot nearest to `x` in the lowest row that has one within
 * [lo, hi] (rows stack upwards above the nodes); past SVC_ROWS rows, the top row grows sideways.
 */
function placeService(rows: number[][], x: number, lo: number, hi: number): XY {
  const step = SVC_W + GAP * 2;
  const nearestFree = (row: number[], unbounded: boolean): number | null => {
    // Candidates: x itself, and just left or right of every placed Service.
    const fits = (c: number) => (unbounded || (c >= lo && c + SVC_W <= hi)) && row.every((px) => Math.abs(px - c) >= step);
    let best: number | null = fits(x) ? x : null;
    for (const px of row) {
      for (const c of [px - step, px + step]) if ((best === null || Math.abs(c - x) < Math.abs(best - x)) && fits(c)) best = c;
    }
    return best;
  };
  for (let r = 0; r < SVC_ROWS; r++) {
    const row = (rows[r] ??= []);
    const at = nearestFree(row, r === SVC_ROWS - 1);
    if (at !== null) {
      row.push(at);
      return { x: at, y: SVC_Y - r * SVC_ROW };
    }
  }
  throw new Error('unreachable: the top row is unbounded');
}

// Nested values (badges, chips, slice names, cells, boxes) are plain data: compared structurally.
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  return !Array.isArray(y) && sameData(x as Record<string, unknown>, y as Record<string, unknown>);
}
function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in a) {
    if (!sameValue(a[k], b[k])) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}
/** Does node `a` draw exactly what node `b` draws (React Flow's own fields aside)? */
function sameNode(a: AppNode, b: AppNode): boolean {
  return (
    a.type === b.type &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.className === b.className &&
    a.ariaLabel === b.ariaLabel &&
    (a.data === b.data || sameData(a.data, b.data))
  );
}

export function deriveGraph(snapshot: Snapshot | null, prev: LayoutCache, opts: GraphOptions = { showSystem: true }): Graph {
  if (!snapshot) return { nodes: [], edges: [], cache: prev, summary: false };
  const hidden = (o: KObject) => !opts.showSystem && isSystemNamespace(o.metadata.namespace);
  const hot = opts.hot;
  const drawn = prev.drawn?.nodes;
  const nodes: AppNode[] = [];
  /** Adds the highlight of what the last edit did, and hands out last time's object when it draws the same thing. */
  const emit = (node: AppNode): void => {
    const how = hot?.get(node.id);
    const n = { ...node, measured: { width: node.width, height: node.height }, ...(how ? { className: `chg-${how}` } : {}) } as AppNode;
    const old = drawn?.get(n.id);
    nodes.push(old && sameNode(old, n) ? old : n);
  };

  // Only the kinds drawn are looked at (the store keeps the snapshot's objects by kind).
  const allPods = ofKind<Pod>(snapshot, 'Pod');
  const kNodes = [...ofKind<Node>(snapshot, 'Node')];
  const services = ofKind<Service>(snapshot, 'Service').filter((o) => !hidden(o));
  const slices = ofKind<EndpointSlice>(snapshot, 'EndpointSlice').filter((o) => !hidden(o));
  const podList: Pod[] = [];
  const hiddenOn = new Map<string, number>();
  for (const p of allPods) {
    if (hidden(p)) {
      const on = p.spec.nodeName ?? '';
      hiddenOn.set(on, (hiddenOn.get(on) ?? 0) + 1);
    } else podList.push(p);
  }
  kNodes.sort((a, b) => Number(isControlPlane(b)) - Number(isControlPlane(a)) || a.metadata.name.localeCompare(b.metadata.name));
  const nodeKeys = new Map(kNodes.map((n) => [n.metadata.name, keyOf(n)]));
  const pods = podList.map((pod) => ({ pod, key: keyOf(pod), parent: nodeKeys.get(pod.spec.nodeName ?? '') ?? UNSCHEDULED }));
  const summary = !!opts.summary && pods.length > SUMMARY_MIN_PODS;

  const positions: LayoutCache['positions'] = {};
  const slots = assignSlots(pods, prev.slots);
  /** Per container: how many pods, the highest slot, and (summary) the cells. */
  const inside = new Map<string, { count: number; max: number; cells: PodCell[] }>();
  for (const p of pods) {
    const { parent, slot } = slots.get(p.key)!;
    let c = inside.get(parent);
    if (!c) inside.set(parent, (c = { count: 0, max: -1, cells: [] }));
    c.count++;
    c.max = Math.max(c.max, slot);
    if (summary) c.cells.push(cellOf(p.pod, p.key, slot, hot?.get(p.key)));
  }
  const cellsOf = (parent: string) => (summary ? inside.get(parent)?.cells.sort((a, b) => a.slot - b.slot) ?? [] : undefined);

  const proxies = proxyPods(allPods);
  const unscheduled = inside.get(UNSCHEDULED);
  if (unscheduled) {
    const at = prev.positions[UNSCHEDULED] ?? { x: -(GROUP_W + GROUP_GAP), y: 0 };
    positions[UNSCHEDULED] = at;
    const cells = cellsOf(UNSCHEDULED);
    emit({
      id: UNSCHEDULED,
      type: 'unscheduled',
      position: at,
      width: GROUP_W,
      height: groupHeight(unscheduled.max),
      data: cells ? { pods: unscheduled.count, cells } : { pods: unscheduled.count },
      ariaLabel: `Unscheduled pods: ${unscheduled.count}`,
    });
  }

  let right = -GROUP_GAP;
  for (const n of kNodes) {
    const x = prev.positions[keyOf(n)]?.x;
    if (x !== undefined) right = Math.max(right, x + GROUP_W);
  }
  for (const n of kNodes) {
    const key = keyOf(n);
    let at = prev.positions[key];
    if (!at) {
      at = { x: right + GROUP_GAP, y: 0 };
      right = at.x + GROUP_W;
    }
    positions[key] = at;
    const mine = inside.get(key);
    const data = nodeData(n, mine?.count ?? 0, hiddenOn.get(n.metadata.name) ?? 0, nodeBadges(n, proxies.get(n.metadata.name)), cellsOf(key));
    emit({
      id: key,
      type: 'node',
      position: at,
      width: GROUP_W,
      height: groupHeight(mine?.max ?? -1),
      data,
      ariaLabel: `Node ${data.name} (${data.roles})`,
    });
  }

  for (const p of summary ? [] : pods) {
    const { parent, slot } = slots.get(p.key)!;
    const data = podData(p.pod);
    const old = drawn?.get(p.key);
    const className = hot?.has(p.key) ? `chg-${hot.get(p.key)}` : undefined;
    const top = slotTop(slot);
    // The common case, checked without building a node: nothing about this pod changed.
    if (old && old.data === data && old.parentId === parent && old.position.y === top && old.className === className) {
      nodes.push(old);
      continue;
    }
    nodes.push({
      id: p.key,
      type: 'pod',
      parentId: parent,
      position: { x: GUTTER, y: top },
      width: POD_W,
      height: POD_H,
      measured: POD_SIZE,
      handles: POD_HANDLES,
      draggable: false,
      data,
      ariaLabel: `Pod ${data.name}: ${data.status}`,
      ...(className ? { className } : {}),
    });
  }

  // Service → pod edges come from EndpointSlices, exactly as kube-proxy sees them.
  const edges: EndpointEdge[] = [];
  const seen = new Set<string>();
  /** Per Service: its endpoints, how many are ready, the containers of the pods drawn behind it, its slices. */
  const backends = new Map<string, { endpoints: number; ready: number; parents: string[]; slices: string[] }>();
  for (const slice of slices) {
    const svcName = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!svcName) continue;
    const source = `Service/${slice.metadata.namespace ?? ''}/${svcName}`;
    const s = sliceEdges(slice, source);
    let b = backends.get(source);
    if (!b) backends.set(source, (b = { endpoints: 0, ready: 0, parents: [], slices: [] }));
    b.slices.push(slice.metadata.name);
    b.endpoints += s.endpoints;
    b.ready += s.ready;
    for (const e of s.edges) {
      const at = slots.get(e.target); // drawn pods have a slot
      if (!at || seen.has(e.id)) continue;
      seen.add(e.id);
      b.parents.push(at.parent);
      if (!summary) edges.push(e);
    }
  }

  // A new Service goes above the middle of its pods (or above the first node), in the lowest
  // row of Services with room there; rows stay within the span of the nodes (and a bit).
  const rows: number[][] = [];
  for (const s of services) {
    const at = prev.positions[keyOf(s)];
    if (at && at.y <= SVC_Y && (SVC_Y - at.y) % SVC_ROW === 0) (rows[(SVC_Y - at.y) / SVC_ROW] ??= []).push(at.x);
  }
  const lefts = kNodes.map((n) => positions[keyOf(n)]!.x);
  const lo = Math.min(0, ...lefts) - SVC_W;
  const hi = Math.max(GROUP_W, ...lefts.map((x) => x + GROUP_W)) + SVC_W;
  // Services with pods are placed first: they have somewhere to be.
  const backed = (s: Service) => Number(!!backends.get(keyOf(s))?.parents.length);
  const placing = services.some((s) => !prev.positions[keyOf(s)]) ? [...services].sort((a, b) => backed(b) - backed(a)) : services;
  for (const s of placing) {
    const key = keyOf(s);
    let at = prev.positions[key];
    if (!at) {
      const xs = (backends.get(key)?.parents ?? []).map((parent) => (positions[parent]?.x ?? 0) + GUTTER);
      const x = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length + POD_W / 2 - SVC_W / 2 : 0;
      at = placeService(rows, Math.round(x), lo, hi);
    }
    positions[key] = at;
  }
  if (summary && services.length) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const s of services) {
      const at = positions[keyOf(s)]!;
      x0 = Math.min(x0, at.x);
      y0 = Math.min(y0, at.y);
      x1 = Math.max(x1, at.x + SVC_W);
      y1 = Math.max(y1, at.y + SVC_H);
    }
    const boxes = services.map((s): ServiceBox => {
      const key = keyOf(s);
      const at = positions[key]!;
      const b = backends.get(key);
      const healthy = !!b && b.endpoints > 0 && b.ready === b.endpoints;
      const how = hot?.get(key);
      const x = at.x - x0, y = at.y - y0;
      const old = boxMemo.get(s);
      if (old && old.x === x && old.y === y && old.healthy === healthy && old.hot === how) return old;
      const box = { id: key, name: s.metadata.name, x, y, healthy, ...(how ? { hot: how } : {}) };
      boxMemo.set(s, box);
      return box;
    });
    emit({ id: SERVICES, type: 'services', position: { x: x0, y: y0 }, width: x1 - x0, height: y1 - y0, draggable: false, selectable: false, data: { boxes }, ariaLabel: `Services: ${services.length}` });
  } else {
    for (const s of services) {
      const key = keyOf(s);
      const b = backends.get(key);
      const data = serviceData(s, b?.endpoints ?? 0, b?.ready ?? 0, b?.slices ?? []);
      emit({ id: key, type: 'service', position: positions[key]!, width: SVC_W, height: SVC_H, handles: SVC_HANDLES, data, ariaLabel: `Service ${data.name}` });
    }
  }

  // The control plane sits above the leftmost column, level with the lowest row of Services.
  let left = 0;
  for (const key in positions) left = Math.min(left, positions[key]!.x);
  const cpAt = prev.positions[CONTROL_PLANE] ?? { x: left - CP_W - GROUP_GAP, y: SVC_Y + SVC_H - CP_H };
  positions[CONTROL_PLANE] = cpAt;
  emit({ id: CONTROL_PLANE, type: 'controlplane', position: cpAt, width: CP_W, height: CP_H, data: { chips: controlPlaneChips(allPods) }, ariaLabel: 'Control plane components' });
  nodes.unshift(nodes.pop()!);

  // The same edges as last time keep the same array: React Flow then rebuilds no lookups.
  const prevEdges = prev.drawn?.edges;
  const sameEdges = !!prevEdges && prevEdges.length === edges.length && edges.every((e, i) => e === prevEdges[i]);
  const out = sameEdges ? prevEdges : edges;
  // Objects that disappeared drop out of the cache: if one comes back it is placed afresh.
  return { nodes, edges: out, cache: { positions, slots, drawn: { nodes: new Map(nodes.map((n) => [n.id, n])), edges: out } }, summary };
}

/** Record a user drag of a top-level node so the next snapshot keeps it there. */
export function moveInCache(cache: LayoutCache, id: string, at: XY): LayoutCache {
  return cache.positions[id] ? { ...cache, positions: { ...cache.positions, [id]: at } } : cache;
}

/**
 * The nodes to hand React Flow: those derived afresh, except that a node whose derived object
 * did not change keeps React Flow's copy (with its measurements and selection), and a changed
 * one keeps its selection. `prevDerived` is what the previous derive returned.
 */
export function mergeNodes(current: AppNode[], prevDerived: Map<string, AppNode> | undefined, next: AppNode[]): AppNode[] {
  const byId = new Map<string, AppNode>();
  for (const n of current) byId.set(n.id, n);
  return next.map((n) => {
    const cur = byId.get(n.id);
    if (!cur) return n;
    if (prevDerived?.get(n.id) === n) return cur;
    return cur.selected ? ({ ...n, selected: true } as AppNode) : n;
  });
}

/**
 * Reuse the previous node objects that did not change, so React Flow re-renders only what the
 * snapshot actually changed and keeps its measurements and selection.
 */
export function reuseNodes(prev: AppNode[], next: AppNode[]): AppNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = byId.get(n.id);
    if (!old) return n;
    return old === n || sameNode(old, n) ? old : ({ ...n, selected: old.selected } as AppNode);
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
