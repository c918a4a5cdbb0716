// One node opened up → React Flow: kubelet, containerd and kube-proxy on top; each pod's sandbox
// (pause + containers, volumes) in a grid; the cni0 bridge below with a veth to every sandbox;
// flanneld (flannel.1 with VXLAN, plain routes via eth0 with host-gw) and its routes to the other
// nodes' pod CIDRs at the bottom. Sandboxes keep their
// grid slot while they live, so a new pod never moves the others.
import type { Edge, Node as FlowNode } from '@xyflow/react';
import { ruleKey } from './changes.ts';
import type { NodeView, SandboxView } from './viewTypes.ts';

export const SB_W = 300;
const SB_GAP = 28;
const SB_HEAD = 74;
const CT_H = 44;
const VOL_H = 30;
const PER_ROW = 3;
const TOP_H = 112;
const ROW0_Y = TOP_H + 90;

export type ComponentData = { role: 'kubelet' | 'runtime' | 'proxy' | 'eth0' | 'flannel' | 'peer'; title: string; lines: string[]; ok: boolean };
export type SandboxData = { pod: string; namespace: string; key: string; ip: string; veth: string; hostNetwork: boolean; ready: boolean; hot: boolean };
export type ContainerData = { name: string; image: string; state: string; attempt: number; pause: boolean; detail?: string };
export type VolumeData = { name: string; plugin: string; hostPath: string };
export type BridgeData = { name: string; gateway: string; podCIDR: string };

export type InternalsNode =
  | FlowNode<ComponentData, 'component'>
  | FlowNode<SandboxData, 'sandbox'>
  | FlowNode<ContainerData, 'container'>
  | FlowNode<VolumeData, 'volume'>
  | FlowNode<BridgeData, 'bridge'>;
export type LinkEdge = Edge<{ label?: string }, 'link'>;

/** Sandbox (pod) key → grid slot. */
export type SlotCache = Record<string, number>;

export interface InternalsOptions {
  showSystem: boolean;
  /** objectKey()s the last edit added or changed. */
  hot: Set<string>;
}

const podKey = (s: SandboxView) => `Pod/${s.namespace}/${s.pod}`;
const sandboxHeight = (s: SandboxView) => SB_HEAD + (s.containers.length + 1) * (CT_H + 6) + s.volumes.length * (VOL_H + 4) + 8;

export function deriveInternals(view: NodeView, prev: SlotCache, opts: InternalsOptions): { nodes: InternalsNode[]; edges: LinkEdge[]; cache: SlotCache } {
  // The newest sandbox of each pod (older, stopped ones are containerd's history).
  const latest = new Map<string, SandboxView>();
  for (const s of view.sandboxes) {
    if (!opts.showSystem && s.namespace.startsWith('kube-')) continue;
    const old = latest.get(podKey(s));
    if (!old || (old.state !== 'ready' && s.state === 'ready')) latest.set(podKey(s), s);
  }
  const sandboxes = [...latest.values()].sort((a, b) => podKey(a).localeCompare(podKey(b)));

  // Slots: keep the cached ones, fill holes first.
  const cache: SlotCache = {};
  const taken = new Set<number>();
  for (const s of sandboxes) if (prev[podKey(s)] !== undefined) { cache[podKey(s)] = prev[podKey(s)]!; taken.add(prev[podKey(s)]!); }
  for (const s of sandboxes) if (cache[podKey(s)] === undefined) {
    let slot = 0;
    while (taken.has(slot)) slot++;
    cache[podKey(s)] = slot;
    taken.add(slot);
  }
  const rows = Math.max(1, Math.ceil((Math.max(-1, ...taken) + 1) / PER_ROW));
  const rowH: number[] = Array.from({ length: rows }, () => SB_HEAD + CT_H * 2);
  for (const s of sandboxes) {
    const r = Math.floor(cache[podKey(s)]! / PER_ROW);
    rowH[r] = Math.max(rowH[r]!, sandboxHeight(s));
  }
  const rowTop = (r: number) => ROW0_Y + rowH.slice(0, r).reduce((a, h) => a + h + SB_GAP, 0);
  const width = PER_ROW * SB_W + (PER_ROW - 1) * SB_GAP;

  const nodes: InternalsNode[] = [];
  const edges: LinkEdge[] = [];
  const comp = (id: string, x: number, y: number, w: number, data: ComponentData) =>
    nodes.push({ id, type: 'component', position: { x, y }, width: w, height: TOP_H, data, ariaLabel: data.title });
  const compW = (width - 2 * SB_GAP) / 3;
  const natRules = view.proxy.chains.filter((c) => c.table === 'nat').reduce((n, c) => n + c.rules.length, 0);
  comp('kubelet', 0, 0, compW, { role: 'kubelet', title: 'kubelet', ok: view.kubelet.running, lines: [view.kubelet.running ? 'active (running) · systemd service' : 'inactive (dead) · systemctl start kubelet', `v${view.kubelet.version.replace(/^v/, '')} · syncs pods from the API server`] });
  comp('runtime', compW + SB_GAP, 0, compW, { role: 'runtime', title: view.runtime.name, ok: true, lines: [`${view.runtime.version} · CRI over gRPC`, `${view.runtime.images.length} image${view.runtime.images.length === 1 ? '' : 's'} · ${sandboxes.length} pod sandbox${sandboxes.length === 1 ? '' : 'es'} shown`] });
  comp('proxy', 2 * (compW + SB_GAP), 0, compW, { role: 'proxy', title: 'kube-proxy', ok: true, lines: [`mode ${view.proxy.mode}`, view.proxy.ipvs ? `${view.proxy.ipvs.length} IPVS virtual servers` : `${natRules} nat rules in ${view.proxy.chains.filter((c) => c.table === 'nat').length} chains`] });
  edges.push({ id: 'cri', source: 'kubelet', sourceHandle: 'right', target: 'runtime', targetHandle: 'left', type: 'link', data: { label: 'CRI' } });

  for (const s of sandboxes) {
    const slot = cache[podKey(s)]!;
    const r = Math.floor(slot / PER_ROW);
    const id = `sandbox:${podKey(s)}`;
    const h = sandboxHeight(s);
    nodes.push({
      id, type: 'sandbox', position: { x: (slot % PER_ROW) * (SB_W + SB_GAP), y: rowTop(r) }, width: SB_W, height: h,
      className: opts.hot.has(podKey(s)) ? 'chg-added' : undefined,
      data: { pod: s.pod, namespace: s.namespace, key: podKey(s), ip: s.ip ?? '', veth: s.veth, hostNetwork: s.hostNetwork, ready: s.state === 'ready', hot: opts.hot.has(podKey(s)) },
      ariaLabel: `Pod sandbox ${s.pod}`,
    });
    const cts: ContainerData[] = [
      { name: 'pause', image: 'registry.k8s.io/pause', state: s.state === 'ready' ? 'running' : 'exited', attempt: 0, pause: true, detail: 'holds the pod\'s namespaces' },
      ...s.containers.map((c) => ({ name: c.name, image: c.image, state: c.state, attempt: c.attempt, pause: false, ...(c.reason || c.exitCode !== undefined ? { detail: [c.reason, c.exitCode !== undefined ? `exit ${c.exitCode}` : ''].filter(Boolean).join(', ') } : {}) })),
    ];
    cts.forEach((c, i) => nodes.push({
      id: `${id}/c/${i}`, type: 'container', parentId: id, extent: 'parent', draggable: false,
      position: { x: 12, y: SB_HEAD + i * (CT_H + 6) }, width: SB_W - 24, height: CT_H, data: c, ariaLabel: `Container ${c.name}`,
    }));
    s.volumes.forEach((v, i) => nodes.push({
      id: `${id}/v/${v.name}`, type: 'volume', parentId: id, extent: 'parent', draggable: false,
      position: { x: 12, y: SB_HEAD + cts.length * (CT_H + 6) + i * (VOL_H + 4) }, width: SB_W - 24, height: VOL_H, data: v, ariaLabel: `Volume ${v.name}`,
    }));
    edges.push({ id: `cri:${id}`, source: 'runtime', sourceHandle: 'bottom', target: id, targetHandle: 'top', type: 'link', className: 'edge-faint' });
    if (!s.hostNetwork) edges.push({ id: `veth:${id}`, source: id, sourceHandle: 'bottom', target: 'cni0', targetHandle: 'top', type: 'link', data: { label: `${s.veth}` } });
  }

  const bridgeY = rowTop(rows) + 40;
  nodes.push({ id: 'cni0', type: 'bridge', position: { x: 0, y: bridgeY }, width, height: 64, data: { name: view.cni.bridge, gateway: view.cni.gateway ?? '', podCIDR: view.podCIDR ?? '' }, ariaLabel: 'cni0 bridge' });

  const netY = bridgeY + 64 + 90;
  const fl = view.flannel;
  const n = fl.routes.length;
  const routes = `${n} route${n === 1 ? '' : 's'} to other nodes' pods`;
  comp('eth0', 0, netY, compW, { role: 'eth0', title: 'eth0', ok: true, lines: [`${view.internalIP} · the node's address`, 'NodePorts and other nodes reach it here'] });
  comp('flannel', compW + SB_GAP, netY, compW, fl.backend === 'host-gw'
    ? { role: 'flannel', title: 'flanneld (host-gw)', ok: true, lines: [routes, 'via the other nodes\' eth0, not encapsulated'] }
    : fl.backend === 'vxlan'
      ? { role: 'flannel', title: `${fl.vtep ?? 'flannel.1'} (VXLAN)`, ok: true, lines: [routes, 'encapsulated in UDP over eth0'] }
      : { role: 'flannel', title: 'flanneld', ok: false, lines: ['not started yet', 'no routes to other nodes\' pods'] });
  edges.push({ id: 'cni0-flannel', source: 'cni0', sourceHandle: 'bottom', target: 'flannel', targetHandle: 'top', type: 'link', data: { label: 'to other pod CIDRs' } });
  edges.push({ id: 'flannel-eth0', source: 'flannel', sourceHandle: 'left', target: 'eth0', targetHandle: 'right', type: 'link', data: { label: fl.backend === 'host-gw' ? 'routed' : 'VXLAN' } });
  fl.routes.forEach((r, i) => {
    const id = `peer:${r.node}`;
    comp(id, 2 * (compW + SB_GAP), netY + i * (TOP_H + 20), compW, { role: 'peer', title: r.node, ok: true, lines: [`pods ${r.dst}`, `ip route: via ${r.gateway} dev ${r.dev}`] });
    edges.push({ id: `route:${id}`, source: 'flannel', sourceHandle: 'right', target: id, targetHandle: 'left', type: 'link', data: { label: r.dst } });
  });
  return { nodes, edges, cache };
}

/** Rules that the last edit added on this node (for the header of the view). */
export const hotRuleCount = (view: NodeView, hot: Set<string>): number =>
  view.proxy.chains.reduce((n, c) => n + c.rules.filter((r) => hot.has(ruleKey(view.name, c.table, c.name, r.line))).length, 0);
