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

/** Endpoints of every service port (key: portKey(spn, protocol)), each list sorted by `IP:port`. */
export function buildEndpointsMap(slices: EndpointSlice[], family: IPFamily, nodeName: string): Map<string, EndpointInfo[]> {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  const ordered = [...slices].sort((a, b) => sliceId(a).localeCompare(sliceId(b)));
  for (const slice of ordered) {
    const nn = sliceService(slice);
    if (!nn || slice.addressType !== family) continue;
    const [ns = '', name = ''] = nn.split('/');
    for (const port of slice.ports ?? []) {
      if (port.name === undefined || port.name === null || !port.port) continue;
      const protocol = port.protocol ?? 'TCP';
      const spn = servicePortName(ns, name, port.name);
      const key = portKey(spn, protocol);
      const set = sets.get(key) ?? new Map<string, EndpointInfo>();
      sets.set(key, set);
      for (const ep of slice.endpoints ?? []) {
        const addr = ep.addresses?.[0];
        if (!addr || addr.includes(':') !== (family === 'IPv6')) continue;
        const ip = canonicalIP(addr);
        if (!ip) continue;
        const str = joinHostPort(ip, port.port);
        const old = set.get(str);
        // An IP seen in two slices: prefer the non-terminating copy (a reused pod IP).
        if (old && ep.conditions?.terminating === true) continue;
        const c = ep.conditions ?? {};
        const hints = (ep as EndpointHints).hints;
        set.set(str, {
          ip, str,
          ready: c.ready !== false, serving: c.serving !== false, terminating: c.terminating === true,
          local: !!ep.nodeName && ep.nodeName === nodeName,
          zoneHints: hints?.forZones ? hints.forZones.map((z) => z.name) : NONE,
          nodeHints: hints?.forNodes ? hints.forNodes.map((n) => n.name) : NONE,
          chain: endpointChain(spn, protocol, str),
        });
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    out.set(key, [...set.values()].sort((a, b) => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0)));
  }
  return out;
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
    cluster = eps.filter((ep) => ep.ready && (m === '' || (m === 'node' ? ep.nodeHints.includes(topo.nodeName) : ep.zoneHints.includes(topo.zone))));
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
  const reachable = [...union.values()].sort((a, b) => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0));
  return { cluster, local, reachable, hasAny };
}
