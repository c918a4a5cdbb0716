// kube-proxy's IPVS mode (pkg/proxy/ipvs/proxier.go, v1.30+): per service port an IPVS
// virtual server on the ClusterIP (bound to the kube-ipvs0 dummy device), each externalIP,
// LB ingress IP and, for NodePorts, each node address; ipsets naming them; and the small
// iptables ruleset that matches those sets. Every sync is a full one.
import type { EndpointSlice, IPFamily, Service } from '../types.ts';
import { buildEndpointsMap, categorizeEndpoints } from '../endpoints.ts';
import { servicePorts, type ServicePortInfo } from '../serviceport.ts';
import { NetfilterState, RestoreError } from '../iptables/netfilter.ts';
import { applyRestore } from '../iptables/restore.ts';
import { chainLine, line } from '../iptables/rules.ts';
import type { SyncOptions, SyncResult } from '../iptables/proxier.ts';
import { IPSET_INFO, SET_RULES, type SetName } from './sets.ts';
import { destKey, schedule, setHas, vsKey, zeroStats, type IPSet, type VirtualServer } from './state.ts';
import type { Hop, Packet } from '../trace/types.ts';

export interface IpvsConfig {
  nodeName: string;
  nodeIPs: string[];
  clusterCIDR?: string;
  masqueradeAll?: boolean;
  scheduler?: string;
  nodeLabels?: Record<string, string>;
  /** Other addresses of the node now (cni0, flannel.1 with vxlan): NodePort virtual servers listen there too. */
  interfaceAddresses?: () => string[];
}

const NAT_CHAINS = ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'];
const FILTER_CHAINS = ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'];
const JUMPS: [('nat' | 'filter'), string, string, string][] = [
  ['nat', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals'],
  ['nat', 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals'],
  ['nat', 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules'],
  ['filter', 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules'],
  ['filter', 'INPUT', 'KUBE-NODE-PORT', 'kubernetes health check rules'],
  ['filter', 'INPUT', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
  ['filter', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
  ['filter', 'INPUT', 'KUBE-IPVS-FILTER', 'kubernetes ipvs access filter'],
  ['filter', 'OUTPUT', 'KUBE-IPVS-OUT-FILTER', 'kubernetes ipvs access filter'],
];

export class IpvsProxier {
  readonly kernel = new NetfilterState();
  readonly family: IPFamily = 'IPv4';
  readonly services = new Map<string, VirtualServer>();
  readonly sets = new Map<SetName, IPSet>();
  private bound = new Set<string>();
  private readonly mark = '0x00004000';

  constructor(private readonly cfg: IpvsConfig) {
    for (const i of IPSET_INFO) this.sets.set(i.name, { ...i, entries: new Set() });
  }

  dummyAddresses(): string[] {
    return [...this.bound].sort();
  }

  sync(services: Service[], slices: EndpointSlice[], _opts: SyncOptions = {}): SyncResult {
    for (const s of this.sets.values()) s.entries.clear();
    const add = (n: SetName, e: string) => this.sets.get(n)!.entries.add(e);
    const endpoints = buildEndpointsMap(slices, this.family, this.cfg.nodeName);
    const active = new Set<string>();
    const bind = new Set<string>();
    const nodeAddrs = [...new Set([...this.cfg.nodeIPs, ...(this.cfg.interfaceAddresses?.() ?? [])])];
    const topo = { nodeName: this.cfg.nodeName, zone: this.cfg.nodeLabels?.['topology.kubernetes.io/zone'] ?? '', preferSameNode: true };
    const ports = services.flatMap((s) => servicePorts(s, this.family));
    for (const sp of ports) {
      const proto = sp.protocol.toLowerCase();
      const eps = endpoints.get(`${sp.spn}/${sp.protocol}`) ?? [];
      for (const ep of eps) if (ep.local) add('KUBE-LOOP-BACK', `${ep.ip},${proto}:${Number(ep.str.split(':').pop())},${ep.ip}`);
      const cat = categorizeEndpoints(eps, sp, topo);
      const dests = (onlyLocal: boolean) => (onlyLocal && cat.local.length ? cat.local : cat.cluster);
      const vs = (ip: string, port: number, onlyLocal: boolean, doBind: boolean) => {
        this.syncService(sp, ip, port, dests(onlyLocal).map((e) => e.str), active);
        if (doBind) bind.add(ip);
      };
      add('KUBE-CLUSTER-IP', `${sp.clusterIP},${proto}:${sp.port}`);
      vs(sp.clusterIP, sp.port, sp.internalPolicyLocal, true);
      for (const ip of sp.externalIPs) {
        add(sp.externalPolicyLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP', `${ip},${proto}:${sp.port}`);
        vs(ip, sp.port, sp.externalPolicyLocal, !nodeAddrs.includes(ip));
      }
      for (const ip of sp.lbVIPs) {
        add('KUBE-LOAD-BALANCER', `${ip},${proto}:${sp.port}`);
        if (sp.externalPolicyLocal) add('KUBE-LOAD-BALANCER-LOCAL', `${ip},${proto}:${sp.port}`);
        if (sp.sourceRanges.length) {
          add('KUBE-LOAD-BALANCER-FW', `${ip},${proto}:${sp.port}`);
          for (const r of sp.sourceRanges) add('KUBE-LOAD-BALANCER-SOURCE-CIDR', `${ip},${proto}:${sp.port},${r.ip.bytes.join('.')}/${r.bits}`);
        }
        vs(ip, sp.port, sp.externalPolicyLocal, !nodeAddrs.includes(ip));
      }
      if (sp.nodePort) {
        const P = sp.protocol === 'UDP' ? 'UDP' : sp.protocol === 'SCTP' ? 'SCTP' : 'TCP';
        const entries = P === 'SCTP' ? nodeAddrs.map((ip) => `${ip},sctp:${sp.nodePort}`) : [String(sp.nodePort)];
        const set = (P === 'SCTP' ? 'KUBE-NODE-PORT-SCTP-HASH' : `KUBE-NODE-PORT-${P}`) as SetName;
        const local = (P === 'SCTP' ? 'KUBE-NODE-PORT-LOCAL-SCTP-HASH' : `KUBE-NODE-PORT-LOCAL-${P}`) as SetName;
        for (const e of entries) { add(set, e); if (sp.externalPolicyLocal) add(local, e); }
        for (const ip of nodeAddrs) vs(ip, sp.nodePort, sp.externalPolicyLocal, false);
      }
      if (sp.healthCheckNodePort) add('KUBE-HEALTH-CHECK-NODE-PORT', String(sp.healthCheckNodePort));
    }
    for (const k of [...this.services.keys()]) if (!active.has(k)) this.services.delete(k);
    this.bound = bind;
    for (const ip of bind) add('KUBE-IPVS-IPS', ip);
    const restore = this.restoreText();
    this.ensureJumps();
    let error: string | undefined;
    try { applyRestore(this.kernel, restore); } catch (e) {
      if (!(e instanceof RestoreError)) throw e;
      error = e.message;
    }
    return { restore, full: true, changedServices: [], error };
  }

  private syncService(sp: ServicePortInfo, ip: string, port: number, eps: string[], active: Set<string>): void {
    const key = vsKey(sp.protocol, ip, port);
    active.add(key);
    let vs = this.services.get(key);
    if (!vs) {
      vs = { proto: sp.protocol, ip, port, scheduler: this.cfg.scheduler || 'rr', dests: [], stats: zeroStats(), rrNext: 0, templates: new Map() };
      this.services.set(key, vs);
    }
    vs.scheduler = this.cfg.scheduler || 'rr';
    vs.persistent = sp.stickySeconds || undefined;
    const keep = new Map(vs.dests.map((d) => [destKey(d), d]));
    vs.dests = eps.map((e) => {
      const i = e.lastIndexOf(':');
      return keep.get(e) ?? { ip: e.slice(0, i), port: Number(e.slice(i + 1)), weight: 1, activeConns: 0, inactConns: 0, stats: zeroStats() };
    });
  }

  private ensureJumps(): void {
    for (const [t, from, to, comment] of JUMPS) {
      this.kernel.ensureChain(t, to);
      this.kernel.ensureRule(t, from, ['-m', 'comment', '--comment', comment, '-j', to], true);
    }
  }

  private restoreText(): string {
    const set = (n: SetName) => this.sets.get(n)!;
    const nonEmpty = (n: SetName) => set(n).entries.size > 0;
    const nat: string[] = ['-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN'];
    const filter: string[] = [];
    for (const r of SET_RULES) {
      if (!nonEmpty(r.set)) continue;
      const l = line('-A', r.from, r.proto ? ['-p', r.proto] : [], '-m', 'comment', '--comment', set(r.set).comment, '-m', 'set', '--match-set', r.set, r.match, '-j', r.to);
      (r.table === 'filter' ? filter : nat).push(l);
    }
    const svc = (n: SetName, extra: string[], target: string) =>
      nat.push(line('-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', set(n).comment, '-m', 'set', '--match-set', n, 'dst,dst', extra, '-j', target));
    if (nonEmpty('KUBE-CLUSTER-IP')) {
      if (this.cfg.masqueradeAll) svc('KUBE-CLUSTER-IP', [], 'KUBE-MARK-MASQ');
      else if (this.cfg.clusterCIDR) svc('KUBE-CLUSTER-IP', ['!', '-s', this.cfg.clusterCIDR.split(',')[0]!.trim()], 'KUBE-MARK-MASQ');
    }
    const externalRules = (n: SetName) => {
      svc(n, ['-m', 'physdev', '!', '--physdev-is-in', '-m', 'addrtype', '!', '--src-type', 'LOCAL'], 'ACCEPT');
      svc(n, ['-m', 'addrtype', '--dst-type', 'LOCAL'], 'ACCEPT');
    };
    if (nonEmpty('KUBE-EXTERNAL-IP')) { svc('KUBE-EXTERNAL-IP', [], 'KUBE-MARK-MASQ'); externalRules('KUBE-EXTERNAL-IP'); }
    if (nonEmpty('KUBE-EXTERNAL-IP-LOCAL')) externalRules('KUBE-EXTERNAL-IP-LOCAL');
    nat.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT');
    nat.push('-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ');
    filter.push('-A KUBE-SOURCE-RANGES-FIREWALL -j DROP');
    for (const n of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER'] as SetName[]) {
      if (nonEmpty(n)) nat.push(`-A KUBE-SERVICES -m set --match-set ${n} dst,dst -j ACCEPT`);
    }
    const m = this.mark;
    filter.push(line('-A', 'KUBE-FORWARD', '-m', 'comment', '--comment', 'kubernetes forwarding rules', '-m', 'mark', '--mark', `${m}/${m}`, '-j', 'ACCEPT'));
    filter.push(line('-A', 'KUBE-FORWARD', '-m', 'comment', '--comment', 'kubernetes forwarding conntrack rule', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'));
    filter.push(line('-A', 'KUBE-NODE-PORT', '-m', 'comment', '--comment', set('KUBE-HEALTH-CHECK-NODE-PORT').comment, '-m', 'set', '--match-set', 'KUBE-HEALTH-CHECK-NODE-PORT', 'dst', '-j', 'ACCEPT'));
    for (const [n, dir] of [['KUBE-LOAD-BALANCER', 'dst,dst'], ['KUBE-CLUSTER-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'], ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst']]) {
      filter.push(`-A KUBE-IPVS-FILTER -m set --match-set ${n} ${dir} -j RETURN`);
    }
    filter.push('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT');
    nat.push(line('-A', 'KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', `${m}/${m}`, '-j', 'RETURN'));
    nat.push(line('-A', 'KUBE-POSTROUTING', '-j', 'MARK', '--xor-mark', m));
    nat.push(line('-A', 'KUBE-POSTROUTING', '-m', 'comment', '--comment', 'kubernetes service traffic requiring SNAT', '-j', 'MASQUERADE', '--random-fully'));
    nat.push(line('-A', 'KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', m));
    return ['*nat', ...NAT_CHAINS.map(chainLine), ...nat, 'COMMIT', '*filter', ...FILTER_CHAINS.map(chainLine), ...filter, 'COMMIT'].join('\n') + '\n';
  }

  inSet(name: string, dirs: string, p: Packet): boolean {
    const s = this.sets.get(name as SetName);
    return !!s && setHas(s, p, dirs);
  }

  /** IPVS at LOCAL_IN: a virtual server for the destination picks a real server and rewrites it. */
  forward(p: Packet, hops: Hop[], node: string, nowSeconds: number): boolean {
    const vs = this.services.get(vsKey(p.proto.toUpperCase(), p.dst, p.dport));
    if (!vs) return false;
    const d = schedule(vs, p.src, nowSeconds);
    const head = `${vs.proto}  ${vs.ip}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}`;
    if (!d) {
      hops.push({ kind: 'ipvs', node, text: `IPVS ${head}: no real servers, ICMP port unreachable` });
      throw new IpvsNoDestination(node);
    }
    for (const s of [vs.stats, d.stats]) { s.conns++; s.inPkts++; s.inBytes += 60; }
    d.inactConns++;
    const before = `${p.dst}:${p.dport}`;
    p.dst = d.ip; p.dport = d.port; p.ctDnat = true;
    hops.push({ kind: 'ipvs', node, text: `IPVS ${head}: scheduler picked ${d.ip}:${d.port} (Masq, of ${vs.dests.length})` });
    hops.push({ kind: 'nat', node, nat: { type: 'DNAT', before, after: `${d.ip}:${d.port}` }, text: `DNAT ${before} -> ${d.ip}:${d.port} (IPVS masquerading forwarder)` });
    return true;
  }
}

export class IpvsNoDestination extends Error {}
