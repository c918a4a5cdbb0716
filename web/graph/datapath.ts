// A node's kube-proxy rules → React Flow: each chain a node listing its rules, each jump an edge
// from the rule's row to the chain it jumps to, each DNAT an edge to the endpoint (a pod). The
// nat table reads left to right as a packet meets it: hooks → KUBE-SERVICES → (KUBE-NODEPORTS →
// KUBE-EXT-*) → KUBE-SVC-* → KUBE-SEP-* → pods. Layout is sticky: a chain keeps its place.
import type { Edge, Node as FlowNode } from '@xyflow/react';
import { chainKey, ruleKey } from './changes.ts';
import { ruleGist, servicePortOf } from './rules.ts';
import type { ChainView, NodeView, VirtualServerView } from './viewTypes.ts';

export const CHAIN_W = 330;
export const ROW_H = 26;
export const CHAIN_HEAD = 56;
const COL_GAP = 90;
const V_GAP = 22;
const EP_W = 210;
const EP_H = 64;
const VS_W = 260;

export type ChainRow = {
  index: number;
  match: string;
  action: string;
  line: string;
  pkts: number;
  /** A rule for a Service that is hidden (system Services while they are hidden). */
  dim: boolean;
  /** Appeared with the last edit. */
  hot: boolean;
  /** On the traced path; `current` is the packet's position. */
  traced: boolean;
  current: boolean;
};
export type ChainData = {
  node: string;
  table: string;
  name: string;
  builtin: boolean;
  policy?: string;
  /** The Service port the chain serves ("default/web:http"), from kube-proxy's comments. */
  service?: string;
  rows: ChainRow[];
  traced: boolean;
};
export type EndpointData = { address: string; pod?: string; podNode?: string; traced: boolean };
export type VServerData = { title: string; service?: string; scheduler: string; reals: string[]; traced: boolean };

export type ChainFlowNode = FlowNode<ChainData, 'chain'>;
export type EndpointFlowNode = FlowNode<EndpointData, 'endpoint'>;
export type VServerFlowNode = FlowNode<VServerData, 'vserver'>;
export type DataPathNode = ChainFlowNode | EndpointFlowNode | VServerFlowNode;
export type JumpEdge = Edge<{ label?: string }, 'jump'>;

export interface XY { x: number; y: number }
export type PathCache = Record<string, XY>;

/** Where the traced packet has been on this node, and where it is now. */
export interface TraceMark {
  rules: Set<string>;
  chains: Set<string>;
  current?: string;
  endpoint?: string;
}

export interface DataPathOptions {
  table: string;
  /** Pod IPs → pod name and node, to name the endpoints. */
  pods: Map<string, { name: string; node: string }>;
  /** Show chains of system Services (kube-*, default/kubernetes). */
  showSystem: boolean;
  /** Keys (changes.ts chainKey/ruleKey) of what the last edit added or changed. */
  hot: Set<string>;
  trace?: TraceMark;
}

export const isSystemService = (svc: string | undefined): boolean => !!svc && (/^kube-/.test(svc) || svc.startsWith('default/kubernetes:'));
export const chainId = (table: string, name: string): string => `chain:${table}/${name}`;
export const traceRuleKey = (table: string, chain: string, index: number): string => `${table}/${chain}#${index}`;

const NAT_COLUMNS: [RegExp, number][] = [
  [/^(KUBE-SERVICES|KUBE-POSTROUTING|KUBE-MARK-MASQ|KUBE-MARK-DROP|FLANNEL-.*)$/, 1],
  [/^(KUBE-NODEPORTS|KUBE-LOAD-BALANCER|KUBE-NODE-PORT)$/, 2],
  [/^KUBE-(EXT|FW|XLB)-/, 3],
  [/^KUBE-(SVC|SVL)-/, 4],
  [/^KUBE-SEP-/, 5],
];

/** Column of each chain: the nat table by kube-proxy's naming, other tables by jump depth. */
function columns(chains: ChainView[], table: string): Map<string, number> {
  const col = new Map<string, number>();
  for (const c of chains) if (c.builtin) col.set(c.name, 0);
  if (table === 'nat') {
    for (const c of chains) if (!c.builtin) col.set(c.name, NAT_COLUMNS.find(([re]) => re.test(c.name))?.[1] ?? 1);
    return col;
  }
  const byName = new Map(chains.map((c) => [c.name, c]));
  for (let depth = 0, frontier = chains.filter((c) => c.builtin); frontier.length; depth++) {
    const next: ChainView[] = [];
    for (const c of frontier) for (const r of c.rules) {
      const j = ruleGist(r.line).jump;
      const t = j && byName.get(j);
      if (t && !col.has(t.name)) { col.set(t.name, depth + 1); next.push(t); }
    }
    frontier = next;
  }
  for (const c of chains) if (!col.has(c.name)) col.set(c.name, 1);
  return col;
}

const chainHeight = (rows: number) => CHAIN_HEAD + Math.max(1, rows) * ROW_H + 8;

export function deriveDataPath(view: NodeView, prev: PathCache, opts: DataPathOptions): { nodes: DataPathNode[]; edges: JumpEdge[]; cache: PathCache } {
  const { table, trace } = opts;
  const node = view.name;
  const all = view.proxy.chains.filter((c) => c.table === table);
  // Per-Service chains name their Service port in every rule's comment.
  const serviceOf = (c: ChainView) => (/^KUBE-(SVC|SVL|SEP|EXT|FW)-/.test(c.name) ? servicePortOf(c.rules.find((r) => servicePortOf(r.comment))?.comment) : undefined);
  // Left out: empty user chains (the canaries), and while system things are hidden, the chains
  // of system Services and those flannel writes.
  const hidden = (c: ChainView) => !opts.showSystem && (isSystemService(serviceOf(c)) || c.name.startsWith('FLANNEL-'));
  const chains = all.filter((c) => (c.builtin ? c.rules.length > 0 || c.name !== 'INPUT' : c.rules.length > 0) && !hidden(c));
  const shown = new Set(chains.map((c) => c.name));
  const col = columns(chains, table);
  const used = [...new Set(chains.map((c) => col.get(c.name)!))].sort((a, b) => a - b);
  // Empty columns take no room; columns added later (IPVS, endpoints) go to the right.
  const colX = (c: number) => {
    if (!used.includes(c)) used.push(c);
    return used.indexOf(c) * (CHAIN_W + COL_GAP);
  };

  const nodes: DataPathNode[] = [];
  const edges: JumpEdge[] = [];
  const cache: PathCache = {};
  const rowY = new Map<string, number>(); // `${chain}#${index}` → absolute y of the row's middle
  const boxes = new Map<number, { y: number; h: number }[]>();
  const place = (id: string, column: number, h: number, desired: number): XY => {
    const taken = boxes.get(column) ?? [];
    boxes.set(column, taken);
    let at = prev[id];
    if (!at || at.x !== colX(column)) {
      let y = desired;
      for (const b of [...taken].sort((p, q) => p.y - q.y)) if (y < b.y + b.h + V_GAP && y + h + V_GAP > b.y) y = b.y + b.h + V_GAP;
      at = { x: colX(column), y };
    } else {
      // A chain that grew must not cover the one below it: push itself below any overlap.
      for (const b of [...taken].sort((p, q) => p.y - q.y)) if (at.y < b.y + b.h + V_GAP && at.y + h + V_GAP > b.y) at = { x: at.x, y: b.y + b.h + V_GAP };
    }
    taken.push({ y: at.y, h });
    cache[id] = at;
    return at;
  };

  // Chains column by column; a new chain goes level with the first rule that jumps to it.
  const parentRow = new Map<string, string>();
  for (const c of chains) for (const r of c.rules) {
    const j = ruleGist(r.line).jump;
    if (j && !parentRow.has(j)) parentRow.set(j, `${c.name}#${r.index}`);
  }
  // Column by column; in a column, in the order of the rows that jump there (chains whose
  // callers sit further right, like KUBE-MARK-MASQ, go last). Rows fill rowY as they go.
  const byCol = new Map<number, ChainView[]>();
  for (const c of chains) byCol.set(col.get(c.name)!, [...(byCol.get(col.get(c.name)!) ?? []), c]);
  const want = (c: ChainView) => rowY.get(parentRow.get(c.name) ?? '') ?? Infinity;
  for (const k of [...byCol.keys()].sort((a, b) => a - b)) {
    for (const c of byCol.get(k)!.sort((a, b) => want(a) - want(b))) layOut(c, k);
  }

  function layOut(c: ChainView, column: number): void {
    const id = chainId(table, c.name);
    const h = chainHeight(c.rules.length);
    const desired = want(c);
    const at = place(id, column, h, (Number.isFinite(desired) ? desired : 0) - CHAIN_HEAD / 2);
    const rows: ChainRow[] = c.rules.map((r) => {
      const g = ruleGist(r.line);
      rowY.set(`${c.name}#${r.index}`, at.y + CHAIN_HEAD + (r.index - 1) * ROW_H + ROW_H / 2);
      const tk = traceRuleKey(table, c.name, r.index);
      return {
        index: r.index, match: g.match, action: g.action, line: r.line, pkts: r.pkts,
        // A jump to a chain left out (a hidden Service's) is greyed.
        dim: !!g.jump && !shown.has(g.jump) && /^KUBE-(SVC|EXT|FW|SVL)-/.test(g.jump),
        hot: opts.hot.has(ruleKey(node, table, c.name, r.line)),
        traced: !!trace?.rules.has(tk), current: trace?.current === tk,
      };
    });
    const service = serviceOf(c);
    nodes.push({
      id, type: 'chain', position: at, width: CHAIN_W, height: h,
      className: opts.hot.has(chainKey(node, table, c.name)) ? 'chg-added' : undefined,
      data: { node, table, name: c.name, builtin: c.builtin, ...(c.policy ? { policy: c.policy } : {}), ...(service ? { service } : {}), rows, traced: !!trace?.chains.has(`${table}/${c.name}`) },
      ariaLabel: `Chain ${c.name}`,
    });
  }

  // Jumps: rule row → chain. KUBE-MARK-MASQ is everyone's neighbour: its rows say so instead.
  const endpoints = new Map<string, string>(); // address → row it is DNATed from
  for (const c of chains) for (const r of c.rules) {
    const g = ruleGist(r.line);
    const src = chainId(table, c.name);
    const traced = !!trace?.rules.has(traceRuleKey(table, c.name, r.index));
    if (g.jump && shown.has(g.jump) && !/^KUBE-MARK-/.test(g.jump)) {
      const label = c.name === 'KUBE-SERVICES' || c.name === 'KUBE-NODEPORTS' ? g.match.split(', ')[0] : /p=/.test(g.match) ? g.match.match(/p=[\d.]+/)![0] : c.name.startsWith('KUBE-SVC-') ? 'else' : undefined;
      edges.push({
        id: `jump:${table}/${c.name}#${r.index}`, source: src, sourceHandle: `r${r.index}`, target: chainId(table, g.jump), targetHandle: 'in',
        type: 'jump', data: label ? { label } : {}, className: traced ? 'edge-traced' : undefined,
      });
    }
    if (g.dnat) endpoints.set(g.dnat, `${c.name}#${r.index}`);
  }

  // IPVS mode: virtual servers → real servers.
  const ipvsShown = (view.proxy.ipvs ?? []).filter((v) => opts.showSystem || !isSystemService(v.service));
  if (table === 'nat' && ipvsShown.length) {
    const c = (used.at(-1) ?? 0) + 1;
    let y = 0;
    for (const v of ipvsShown) {
      const id = vsId(v);
      const h = 64 + v.reals.length * 22;
      const at = place(id, c, h, y);
      y = at.y + h + V_GAP;
      nodes.push({ id, type: 'vserver', position: at, width: VS_W, height: h, data: vsData(v, trace), ariaLabel: `IPVS ${v.ip}:${v.port}` });
      for (const rs of v.reals) endpoints.set(`${rs.ip}:${rs.port}`, `${id}|${rs.ip}:${rs.port}`);
    }
  }

  const epCol = (used.at(-1) ?? 0) + 1;
  for (const [address, from] of [...endpoints].sort((a, b) => (rowY.get(a[1]) ?? 0) - (rowY.get(b[1]) ?? 0))) {
    const id = `ep:${address}`;
    const pod = opts.pods.get(address.split(':')[0]!);
    const vs = from.includes('|') ? from.split('|')[0]! : undefined;
    const at = place(id, epCol, EP_H, (vs ? (cache[vs]?.y ?? 0) : (rowY.get(from) ?? 0)) - EP_H / 2);
    const traced = trace?.endpoint === address;
    nodes.push({ id, type: 'endpoint', position: at, width: EP_W, height: EP_H, data: { address, ...(pod ? { pod: pod.name, podNode: pod.node } : {}), traced }, ariaLabel: `Endpoint ${address}` });
    const [chain, index] = from.split('#');
    edges.push(vs
      ? { id: `real:${from}`, source: vs, target: id, targetHandle: 'in', type: 'jump', data: { label: 'real server' }, className: traced ? 'edge-traced' : undefined }
      : { id: `dnat:${from}`, source: chainId(table, chain!), sourceHandle: `r${index}`, target: id, targetHandle: 'in', type: 'jump', data: { label: 'DNAT' }, className: traced ? 'edge-traced' : undefined });
  }
  return { nodes, edges, cache };
}

const vsId = (v: VirtualServerView) => `vs:${v.proto} ${v.ip}:${v.port}`;
const vsData = (v: VirtualServerView, trace?: TraceMark): VServerData => ({
  title: `${v.proto} ${v.ip}:${v.port}`,
  ...(v.service ? { service: v.service } : {}),
  scheduler: v.scheduler,
  reals: v.reals.map((r) => `${r.ip}:${r.port}  w${r.weight}  active ${r.activeConns}`),
  traced: !!trace?.chains.has(vsId(v)),
});

/**
 * What the data path shows first: KUBE-SERVICES and one Service's chains (KUBE-SVC-*, KUBE-SEP-*,
 * KUBE-EXT-*) with the pods they DNAT to — `service` ("default/web"), else the first one that is
 * not a system Service. Fitting forty chains into a pane makes none of them readable.
 */
export function focusIds(nodes: DataPathNode[], edges: JumpEdge[], service?: string): Set<string> {
  const chains = nodes.filter((n): n is ChainFlowNode => n.type === 'chain');
  const of = (n: ChainFlowNode) => n.data.service?.replace(/:[^/]*$/, '');
  const svc = (service && chains.some((n) => of(n) === service) ? service : undefined)
    ?? chains.map(of).find((s) => s && !isSystemService(`${s}:`));
  const ids = new Set(chains.filter((n) => n.data.name === 'KUBE-SERVICES' || (svc && of(n) === svc)).map((n) => n.id));
  for (const e of edges) if (ids.has(e.source) && e.target.startsWith('ep:')) ids.add(e.target);
  return ids;
}
