// The kernel-side objects IPVS mode manages: IPVS virtual servers with their real servers
// (and per-destination counters), and ipsets. Kept apart from the proxier so the commands
// (ipvsadm, ipset) and the packet tracer read the same state.

export type SetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

export interface IPSet { name: string; type: SetType; comment: string; entries: Set<string> }

export interface RealServer {
  ip: string;
  port: number;
  weight: number;
  activeConns: number;
  inactConns: number;
  stats: Stats;
}

export interface Stats { conns: number; inPkts: number; outPkts: number; inBytes: number; outBytes: number }
export const zeroStats = (): Stats => ({ conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 });

export interface VirtualServer {
  proto: 'TCP' | 'UDP' | 'SCTP';
  ip: string;
  port: number;
  scheduler: string;
  /** ClientIP affinity: `persistent <timeout>`. */
  persistent?: number;
  dests: RealServer[];
  stats: Stats;
  /** rr position; sh/persistent use the client address. */
  rrNext: number;
  /** Persistence templates: client IP -> [dest key, expiry seconds]. */
  templates: Map<string, [string, number]>;
}

export const vsKey = (proto: string, ip: string, port: number): string => `${proto} ${ip}:${port}`;
export const destKey = (d: { ip: string; port: number }): string => `${d.ip}:${d.port}`;

const ipNum = (ip: string): number => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const PROTO_NUM = { TCP: 6, UDP: 17, SCTP: 132 } as const;

/** ipvsadm's default order (ipvs_cmp_services): protocol number, then address, then port. */
export function sortServices(vs: VirtualServer[]): VirtualServer[] {
  return [...vs].sort((a, b) => PROTO_NUM[a.proto] - PROTO_NUM[b.proto] || ipNum(a.ip) - ipNum(b.ip) || a.port - b.port);
}
export function sortDests(ds: RealServer[]): RealServer[] {
  return [...ds].sort((a, b) => ipNum(a.ip) - ipNum(b.ip) || a.port - b.port);
}

/** The kernel schedulers kube-proxy offers: rr, lc, sh (others fall back to rr here). */
export function schedule(vs: VirtualServer, client: string, nowSeconds: number): RealServer | undefined {
  const ds = vs.dests.filter((d) => d.weight > 0);
  if (!ds.length) return undefined;
  if (vs.persistent) {
    const t = vs.templates.get(client);
    const hit = t && t[1] > nowSeconds ? ds.find((d) => destKey(d) === t[0]) : undefined;
    if (hit) return hit;
  }
  let d: RealServer;
  if (vs.scheduler === 'lc') {
    d = ds.reduce((best, x) => (x.activeConns * 256 + x.inactConns < best.activeConns * 256 + best.inactConns ? x : best));
  } else if (vs.scheduler === 'sh') {
    // ip_vs_sh: 256-bucket table filled with the destinations in turn, keyed by a
    // multiplicative hash of the client address.
    const bucket = (Math.imul(ipNum(client) >>> 0, 2654435761) >>> 0) & 255;
    d = ds[bucket % ds.length]!;
  } else {
    d = ds[vs.rrNext % ds.length]!;
    vs.rrNext = (vs.rrNext + 1) % ds.length;
  }
  if (vs.persistent) vs.templates.set(client, [destKey(d), nowSeconds + vs.persistent]);
  return d;
}

/** `utilipset.Entry.String()` forms, parsed back for membership tests. */
export function setHas(set: IPSet, p: { src: string; dst: string; proto: string; dport: number }, dirs: string): boolean {
  const pick = (dir: string | undefined) => (dir === 'src' ? p.src : p.dst);
  const [d1, , d3] = dirs.split(',');
  switch (set.type) {
    case 'bitmap:port': return set.entries.has(String(p.dport));
    case 'hash:ip': return set.entries.has(pick(d1));
    case 'hash:ip,port': return set.entries.has(`${pick(d1)},${p.proto}:${p.dport}`);
    case 'hash:ip,port,ip': return set.entries.has(`${pick(d1)},${p.proto}:${p.dport},${pick(d3)}`);
    case 'hash:ip,port,net': return [...set.entries].some((e) => {
      const [ip, pp, net = ''] = e.split(',');
      return ip === pick(d1) && pp === `${p.proto}:${p.dport}` && inNet(pick(d3), net);
    });
  }
}

function inNet(ip: string, net: string): boolean {
  const [base = '', bits = '32'] = net.split('/');
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((ipNum(ip) & mask) >>> 0) === ((ipNum(base) & mask) >>> 0);
}
