// Service -> per-port info, as kube-proxy's ServiceChangeTracker computes it
// (pkg/proxy/serviceport.go, pkg/api/v1/service/util.go).
import type { IPFamily, Protocol, Service } from './types.ts';
import { canonicalIP, cidrContains, formatCIDR, parseCIDR, parseIP, type CIDR } from './ip.ts';
import { serviceChains, servicePortName, type ServiceChains } from './iptables/chains.ts';

export interface ServicePortInfo {
  /** `ns/name`: the unit of change tracking. */
  nn: string;
  /** ServicePortName string, `ns/name[:port]`. */
  spn: string;
  /** portKey(spn, protocol): the key of its endpoints. */
  key: string;
  portName: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  lbVIPs: string[];
  sourceRanges: CIDR[];
  healthCheckNodePort: number;
  /** ClientIP affinity timeout in seconds; 0 = no affinity. */
  stickySeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  chains: ServiceChains;
}

export const portKey = (spn: string, protocol: string): string => `${spn}/${protocol}`;

/** Most Services have no external IPs, source ranges or LB VIPs: they share one empty list, never written to. */
const NONE: never[] = [];
const append = <T>(list: T[], x: T): T[] => {
  if (list === NONE) return [x];
  list.push(x);
  return list;
};
const typeOf = (s: Service) => s.spec.type || 'ClusterIP';
const familyMatches = (ip: string, family: IPFamily) => ip.includes(':') === (family === 'IPv6');

function externallyAccessibleByType(s: Service): boolean {
  const t = typeOf(s);
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (s.spec.externalIPs?.length ?? 0) > 0);
}

function clusterIPFor(s: Service, family: IPFamily): string {
  const fams = s.spec.ipFamilies ?? [];
  if (fams.length === 0) {
    const ip = s.spec.clusterIP ?? '';
    return ip && ip !== 'None' && familyMatches(ip, family) ? ip : '';
  }
  const idx = fams.indexOf(family);
  return idx >= 0 ? s.spec.clusterIPs?.[idx] ?? '' : '';
}

/** Service ports of one Service; empty for headless / ExternalName / other-family services. */
export function servicePorts(s: Service, family: IPFamily): ServicePortInfo[] {
  const spec = s.spec;
  if (!spec.clusterIP || spec.clusterIP === 'None' || typeOf(s) === 'ExternalName') return [];
  const rawIP = clusterIPFor(s, family);
  const clusterIP = rawIP ? canonicalIP(rawIP) : null;
  if (!clusterIP) return [];
  const ns = s.metadata.namespace ?? 'default';
  const name = s.metadata.name;
  const extAccessible = externallyAccessibleByType(s);
  const externalPolicyLocal = extAccessible && spec.externalTrafficPolicy === 'Local';
  const internalPolicyLocal = spec.internalTrafficPolicy === 'Local';
  const stickySeconds = spec.sessionAffinity === 'ClientIP' ? spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800 : 0;
  const v6 = family === 'IPv6';
  let externalIPs: string[] = NONE;
  for (const raw of spec.externalIPs ?? []) {
    const ip = familyMatches(raw, family) ? canonicalIP(raw) : null;
    if (ip) externalIPs = append(externalIPs, ip);
  }
  let sourceRanges: CIDR[] = NONE;
  for (const r of spec.loadBalancerSourceRanges ?? []) {
    const c = parseCIDR(r.trim());
    if (c && c.ip.v6 === v6) sourceRanges = append(sourceRanges, c);
  }
  let lbVIPs: string[] = NONE;
  for (const ing of s.status?.loadBalancer?.ingress ?? []) {
    if (!ing.ip || ing.ipMode === 'Proxy') continue;
    const ip = parseIP(ing.ip);
    if (ip && ip.v6 === v6) lbVIPs = append(lbVIPs, canonicalIP(ing.ip) as string);
  }
  const needsHC = typeOf(s) === 'LoadBalancer' && externalPolicyLocal;
  return (spec.ports ?? []).map((p) => {
    const protocol = p.protocol ?? 'TCP';
    const spn = servicePortName(ns, name, p.name ?? '');
    return {
      nn: `${ns}/${name}`, spn, key: portKey(spn, protocol), portName: p.name ?? '', protocol, clusterIP, port: p.port,
      nodePort: p.nodePort ?? 0, externalIPs, lbVIPs, sourceRanges,
      healthCheckNodePort: needsHC ? spec.healthCheckNodePort ?? 0 : 0,
      stickySeconds, externalPolicyLocal, internalPolicyLocal,
      chains: serviceChains(spn, protocol),
    };
  });
}

export const externallyAccessible = (sp: ServicePortInfo): boolean =>
  sp.nodePort !== 0 || sp.lbVIPs.length > 0 || sp.externalIPs.length > 0;
export const usesClusterEndpoints = (sp: ServicePortInfo): boolean => !sp.internalPolicyLocal || externallyAccessible(sp);
export const usesLocalEndpoints = (sp: ServicePortInfo): boolean =>
  sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp));

export const sourceRangeStrings = (sp: ServicePortInfo): string[] => sp.sourceRanges.map(formatCIDR);
export const rangesContain = (sp: ServicePortInfo, ip: string): boolean => {
  const parsed = parseIP(ip);
  return !!parsed && sp.sourceRanges.some((c) => cidrContains(c, parsed));
};
