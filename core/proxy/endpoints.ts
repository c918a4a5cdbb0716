// EndpointSlices -> endpoints per service port (pkg/proxy/endpointslicecache.go) and the
// split into cluster / local endpoints (pkg/proxy/topology.go CategorizeEndpoints).
import type { EndpointHints, EndpointSlice, IPFamily } from './types.ts';
import { canonicalIP, joinHostPort } from './ip.ts';
import { endpointChain, servicePortName } from './iptables/chains.ts';
import { portKey, usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from './serviceport.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const NONE: readonly string[] = [];

export interface EndpointInfo {
  ip: string;
  /** `IP:port` (IPv6 `[IP]:port`): the sort key and the DNAT destination. */
  str: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  local: boolean;
  zoneHints: readonly string[];
  nodeHints: readonly string[];
  chain: string;
}

/** Service `ns/name` a slice belongs to, or null when it carries no service-name label. */
export function sliceService(slice: EndpointSlice): string | null {
  const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
  return svc ? `${slice.metadata.namespace ?? 'default'}/${svc}` : null;
}

/**
 * Endpoint chain names by slice object, [port][endpoint]: every node's kube-proxy names the
 * same endpoints, and a slice is never edited (a change is a new object), so the names are
 * hashed once per slice.
 */
const chainNames = new WeakMap<EndpointSlice, string[][]>();

/** Endpoints of every service port (key: portKey(spn, protocol)), each list sorted by `IP:port`. */
export function buildEndpointsMap(slices: EndpointSlice[], family: IPFamily, nodeName: string): Map<string, EndpointInfo[]> {
  const lists = new Map<string, EndpointInfo[]>();
  const v6 = family === 'IPv6';
  for (const slice of slices.length > 1 ? byId(slices) : slices) {
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc || slice.addressType !== family) continue;
    const ns = slice.metadata.namespace ?? 'default';
    let named = chainNames.get(slice);
    if (!named) { named = []; chainNames.set(slice, named); }
    const ports = slice.ports ?? [];
    for (let pi = 0; pi < ports.length; pi++) {
      const port = ports[pi]!;
      if (port.name === undefined || port.name === null || !port.port) continue;
      const names = (named[pi] ??= []);
      const protocol = port.protocol ?? 'TCP';
      const spn = servicePortName(ns, svc, port.name);
      const key = portKey(spn, protocol);
      let list = lists.get(key);
      if (!list) { list = []; lists.set(key, list); }
      const eps = slice.endpoints ?? [];
      for (let ei = 0; ei < eps.length; ei++) {
        const ep = eps[ei]!;
        const addr = ep.addresses?.[0];
        if (!addr || addr.includes(':') !== v6) continue;
        const ip = canonicalIP(addr);
        if (!ip) continue;
        const c = ep.conditions;
        const hints = (ep as EndpointHints).hints;
        const str = joinHostPort(ip, port.port);
        list.push({
          ip, str,
          ready: c?.ready !== false, serving: c?.serving !== false, terminating: c?.terminating === true,
          local: !!ep.nodeName && ep.nodeName === nodeName,
          zoneHints: hints?.forZones ? hints.forZones.map(hintName) : NONE,
          nodeHints: hints?.forNodes ? hints.forNodes.map(hintName) : NONE,
          chain: (names[ei] ??= endpointChain(spn, protocol, str)),
        });
      }
    }
  }
  for (const [key, list] of lists) {
    if (list.length === 0) lists.delete(key);
    else if (list.length > 1) lists.set(key, byAddress(list));
  }
  return lists;
}

/**
 * Sorted by `IP:port`, one per address: a later copy (next slice) replaces an earlier one,
 * unless it is terminating (a reused pod IP: the live one wins). The sort is stable, so
 * copies stay in the order they were read.
 */
function byAddress(list: EndpointInfo[]): EndpointInfo[] {
  list.sort(byStr);
  const out: EndpointInfo[] = [];
  for (const ep of list) {
    const last = out[out.length - 1];
    if (last?.str !== ep.str) out.push(ep);
    else if (!ep.terminating) out[out.length - 1] = ep;
  }
  return out;
}

const hintName = (h: { name: string }): string => h.name;
const byStr = (a: EndpointInfo, b: EndpointInfo): number => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0);

/** Slices in a fixed order (upstream walks a Go map; any fixed order is one it could take). */
function byId(slices: EndpointSlice[]): EndpointSlice[] {
  const ids = slices.map(sliceId);
  return slices.map((_, i) => i).sort((a, b) => ids[a]!.localeCompare(ids[b]!)).map((i) => slices[i]!);
}

export const sliceId = (s: EndpointSlice): string => `${s.metadata.namespace ?? ''}/${s.metadata.name}`;

export interface Categorized {
  cluster: EndpointInfo[];
  local: EndpointInfo[];
  reachable: EndpointInfo[];
  hasAny: boolean;
}

function topologyMode(eps: EndpointInfo[], nodeName: string, zone: string, preferSameNode: boolean): '' | 'node' | 'zone' {
  let allNode = true, forNode = false, allZone = true, forZone = false;
  for (const ep of eps) {
    if (!ep.ready) continue;
    if (ep.nodeHints.length === 0) allNode = false;
    else if (ep.nodeHints.includes(nodeName)) forNode = true;
    if (ep.zoneHints.length === 0) allZone = false;
    else if (ep.zoneHints.includes(zone)) forZone = true;
  }
  if (preferSameNode && allNode && forNode) return 'node';
  if (allZone && forZone) return 'zone';
  return '';
}

const isReady = (ep: EndpointInfo): boolean => ep.ready;

export interface TopologyInput { nodeName: string; zone: string; preferSameNode: boolean }

export function categorizeEndpoints(eps: EndpointInfo[], sp: ServicePortInfo, topo: TopologyInput): Categorized {
  let cluster: EndpointInfo[] = [];
  let local: EndpointInfo[] = [];
  let hasAny = false;
  let mode: '' | 'node' | 'zone' = '';
  let servingTerminating = false;
  const useCluster = usesClusterEndpoints(sp);
  if (useCluster) {
    mode = topologyMode(eps, topo.nodeName, topo.zone, topo.preferSameNode);
    const m = mode;
    cluster = m === '' && eps.every(isReady) ? eps
      : eps.filter((ep) => ep.ready && (m === '' || (m === 'node' ? ep.nodeHints.includes(topo.nodeName) : ep.zoneHints.includes(topo.zone))));
    if (cluster.length === 0) cluster = eps.filter((ep) => ep.serving && ep.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(sp)) return { cluster, local, reachable: cluster, hasAny };
  let localReady = false, localST = false;
  for (const ep of eps) {
    if (ep.ready) { hasAny = true; if (ep.local) localReady = true; }
    else if (ep.serving && ep.terminating) { hasAny = true; if (ep.local) localST = true; }
  }
  if (localReady) local = eps.filter((ep) => ep.local && ep.ready);
  else if (localST) {
    servingTerminating = true;
    local = eps.filter((ep) => ep.local && ep.serving && ep.terminating);
  }
  if (!useCluster) return { cluster, local, reachable: local, hasAny };
  if (mode === '' && !servingTerminating) return { cluster, local, reachable: cluster, hasAny };
  // Union of both (upstream builds it from a map: unordered; we sort for determinism).
  const union = new Map<string, EndpointInfo>();
  for (const ep of [...cluster, ...local]) union.set(ep.str, ep);
  const reachable = [...union.values()].sort(byStr);
  return { cluster, local, reachable, hasAny };
}
