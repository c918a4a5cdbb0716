// kube-proxy's iptables mode (pkg/proxy/iptables/proxier.go, v1.33/1.34): one
// syncProxyRules() per call, producing the exact iptables-restore input, with the
// state between syncs that partial syncs and stale-chain deletion depend on.
import type { Chain, EndpointSlice, IPFamily, Rule, Service, Table } from '../types.ts';
import { buildEndpointsMap, categorizeEndpoints, sliceService, type EndpointInfo } from '../endpoints.ts';
import { canonicalIP, cidrContains, parseCIDR, parseIP, type CIDR } from '../ip.ts';
import { portKey, servicePorts, type ServicePortInfo } from '../serviceport.ts';
import {
  isServiceChainName, JUMP_RULES, jumpRuleArgs, KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ,
  KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_CANARY, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './chains.ts';
import { NetfilterState, RestoreError, targetOf } from './netfilter.ts';
import { chainLine, line, writeServicePort, type RuleContext, type ServiceOutput } from './rules.ts';

export type LocalDetector =
  | { mode: 'ClusterCIDR' | 'NodeCIDR'; cidr: string }
  | { mode: 'BridgeInterface'; interfaceName: string }
  | { mode: 'InterfaceNamePrefix'; prefix: string };

export interface ProxierConfig {
  nodeName: string;
  nodeIPs: string[];
  ipFamily?: IPFamily;
  /** Shorthand for localDetector {mode: ClusterCIDR}; may be dual-stack ("a/8,b/64"). */
  clusterCIDR?: string;
  localDetector?: LocalDetector;
  masqueradeAll?: boolean;
  masqueradeBit?: number;
  /** Exact mark spelling; default is Go's `%#08x` of 1<<masqueradeBit ("0x00004000"). Upstream unit tests inject "0x4000". */
  masqueradeMark?: string;
  localhostNodePorts?: boolean;
  nodePortAddresses?: string[];
  largeClusterEndpointsThreshold?: number;
  syncPeriodSeconds?: number;
  /** Node facts kube-proxy probes at start-up. */
  hasRandomFully?: boolean;
  conntrackTCPLiberal?: boolean;
  nfacct?: { ctStateInvalidDropped?: boolean; localhostNodePortsAccepted?: boolean };
  /** This node's labels (topology.kubernetes.io/zone drives zone hints). */
  nodeLabels?: Record<string, string>;
  /** PreferSameTrafficDistribution gate (node hints). */
  preferSameNode?: boolean;
  /** Addresses on the node's interfaces, for nodePortAddresses; default loopback + nodeIPs. */
  interfaceAddresses?: string[];
}

export interface SyncOptions {
  full?: boolean;
  /** Simulated time in ms: drives the 1 h forced full sync and large-cluster cleanup pacing. */
  now?: number;
}

export interface SyncResult {
  /** Exactly what kube-proxy feeds `iptables-restore --noflush --counters`. */
  restore: string;
  full: boolean;
  /** `ns/name` of services whose chains were rewritten in a partial sync. */
  changedServices: string[];
  /** Set when the restore was rejected (then the next sync is full). */
  error?: string;
  /** The node's filter and nat tables after the sync, as rule words for the graph. */
  tables: { filter: Chain[]; nat: Chain[] };
}

const FULL_SYNC_PERIOD_MS = 3600_000;

export class IptablesProxier {
  readonly kernel = new NetfilterState();
  private readonly family: IPFamily;
  private readonly ctx: Omit<RuleContext, 'largeClusterMode'>;
  private readonly mark: string;
  private readonly localhostNodePorts: boolean;
  private readonly npCIDRs: CIDR[] | null;
  private needFullSync = true;
  private lastFullSync?: number;
  private lastCleanup?: number;
  private fingerprints = new Map<string, string>();
  private beforeRestore?: NetfilterState['tables'];

  constructor(private readonly cfg: ProxierConfig) {
    this.family = cfg.ipFamily ?? 'IPv4';
    const v6 = this.family === 'IPv6';
    this.mark = cfg.masqueradeMark ?? '0x' + (1 << (cfg.masqueradeBit ?? 14)).toString(16).padStart(8, '0');
    const npa = (cfg.nodePortAddresses ?? []).map((s) => parseCIDR(s)).filter((c): c is CIDR => !!c && c.ip.v6 === v6);
    this.npCIDRs = npa.length === 0 || npa.some((c) => c.bits === 0) ? null : npa;
    const loop = parseIP('127.0.0.1')!;
    const npaHasV4Loopback = !v6 && (this.npCIDRs === null || this.npCIDRs.some((c) => cidrContains(c, loop)));
    this.localhostNodePorts = (cfg.localhostNodePorts ?? true) && npaHasV4Loopback;
    const detector = this.detector();
    const nodeIP = cfg.nodeIPs.find((ip) => ip.includes(':') === v6);
    this.ctx = {
      masqueradeAll: !!cfg.masqueradeAll,
      ifLocal: detector?.[0], ifNotLocal: detector?.[1],
      localhostNodePortsNfacct: this.localhostNodePorts && !v6 && cfg.nfacct?.localhostNodePortsAccepted !== false,
      nodeIP: nodeIP ? canonicalIP(nodeIP) ?? undefined : undefined,
    };
    for (const t of ['mangle', 'nat', 'filter'] as Table[]) this.kernel.ensureChain(t, KUBE_PROXY_CANARY);
  }

  private detector(): [string[], string[]] | undefined {
    const d = this.cfg.localDetector ?? (this.cfg.clusterCIDR ? { mode: 'ClusterCIDR' as const, cidr: this.cfg.clusterCIDR } : undefined);
    if (!d) return undefined;
    if (d.mode === 'BridgeInterface') return [['-i', d.interfaceName], ['!', '-i', d.interfaceName]];
    if (d.mode === 'InterfaceNamePrefix') return [['-i', d.prefix + '+'], ['!', '-i', d.prefix + '+']];
    const cidr = d.cidr.split(',').map((s) => s.trim()).find((s) => s.includes(':') === (this.family === 'IPv6'));
    return cidr ? [['-s', cidr], ['!', '-s', cidr]] : undefined;
  }

  /** The last restore failed outside our model (e.g. injected): undo it; the next sync is full. */
  restoreFailed(): void {
    if (this.beforeRestore) {
      this.kernel.tables.clear();
      for (const [t, c] of this.beforeRestore) this.kernel.tables.set(t, c);
    }
    this.needFullSync = true;
  }

  sync(services: Service[], slices: EndpointSlice[], opts: SyncOptions = {}): SyncResult {
    const ports = new Map<string, ServicePortInfo>();
    const fps = new Map<string, string>();
    for (const svc of services) {
      const sps = servicePorts(svc, this.family);
      for (const sp of sps) ports.set(portKey(sp.spn, sp.protocol), sp);
      if (sps[0]) fps.set('svc ' + sps[0].nn, JSON.stringify(sps));
    }
    for (const s of [...slices].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
      const nn = sliceService(s);
      if (!nn || s.addressType !== this.family) continue;
      const key = 'eps ' + nn;
      fps.set(key, (fps.get(key) ?? '') + JSON.stringify([s.metadata.name, s.ports, s.endpoints]));
    }
    const changed = new Set<string>();
    for (const k of new Set([...fps.keys(), ...this.fingerprints.keys()])) {
      if (fps.get(k) !== this.fingerprints.get(k)) changed.add(k.slice(4));
    }
    this.fingerprints = fps;

    const now = opts.now;
    const full = this.needFullSync || !!opts.full ||
      (now !== undefined && this.lastFullSync !== undefined && now - this.lastFullSync > FULL_SYNC_PERIOD_MS);
    if (full) this.ensureJumps();

    const endpoints = buildEndpointsMap(slices, this.family, this.cfg.nodeName);
    const keys = [...ports.keys()].sort();
    let total = 0;
    for (const k of keys) total += endpoints.get(k)?.length ?? 0;
    const largeClusterMode = total > (this.cfg.largeClusterEndpointsThreshold ?? 1000);
    const restore = this.build(ports, keys, endpoints, changed, full, largeClusterMode, now);

    // restore() is copy-on-write, so the table maps are a complete snapshot of the old state.
    this.beforeRestore = new Map([...this.kernel.tables].map(([t, c]) => [t, new Map(c)]));
    let error: string | undefined;
    try {
      this.kernel.restore(restore);
      this.needFullSync = false;
      if (full) this.lastFullSync = now;
    } catch (e) {
      if (!(e instanceof RestoreError)) throw e;
      error = e.message;
      this.needFullSync = true;
    }
    return { restore, full, changedServices: full ? [] : [...changed].sort(), error, tables: { filter: this.chains('filter'), nat: this.chains('nat') } };
  }

  private ensureJumps(): void {
    for (const j of JUMP_RULES) {
      this.kernel.ensureChain(j.table, j.dst);
      this.kernel.ensureRule(j.table, j.src, jumpRuleArgs(j), true);
    }
  }

  private build(ports: Map<string, ServicePortInfo>, keys: string[], endpoints: Map<string, EndpointInfo[]>,
    changed: Set<string>, full: boolean, largeClusterMode: boolean, now: number | undefined): string {
    const v6 = this.family === 'IPv6';
    const m = this.mark;
    const filterChains = [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL].map(chainLine);
    const natChains = [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ].map(chainLine);
    const filterRules: string[] = [];
    const natRules: string[] = [
      line('-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${m}/${m}`, '-j', 'RETURN'),
      line('-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', m),
      line('-A', KUBE_POSTROUTING, '-m', 'comment', '--comment', 'kubernetes service traffic requiring SNAT', '-j', 'MASQUERADE',
        this.cfg.hasRandomFully === false ? [] : ['--random-fully']),
      line('-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', m),
    ];
    if (!v6 && this.localhostNodePorts) {
      filterChains.push(chainLine(KUBE_FIREWALL));
      filterRules.push(line('-A', KUBE_FIREWALL, '-m', 'comment', '--comment', 'block incoming localnet connections',
        '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'));
    }
    const ctx: RuleContext = { ...this.ctx, largeClusterMode };
    const topo = { nodeName: this.cfg.nodeName, zone: this.cfg.nodeLabels?.['topology.kubernetes.io/zone'] ?? '', preferSameNode: this.cfg.preferSameNode ?? true };
    const active = new Set<string>();
    for (const key of keys) {
      const sp = ports.get(key)!;
      const cat = categorizeEndpoints(endpoints.get(key) ?? [], sp, topo);
      const write = full || changed.has(sp.nn);
      const out: ServiceOutput = { filterRules, natRules, svcChains: write ? natChains : [], svcRules: write ? natRules : [], active };
      writeServicePort(ctx, sp, cat, out);
    }
    // Stale chains; in large clusters at most once per syncPeriod.
    const period = (this.cfg.syncPeriodSeconds ?? 30) * 1000;
    if (!largeClusterMode || now === undefined || this.lastCleanup === undefined || now - this.lastCleanup > period) {
      for (const c of this.kernel.chainNames('nat').sort()) {
        if (active.has(c) || !isServiceChainName(c)) continue;
        natChains.push(chainLine(c));
        natRules.push(`-X ${c}`);
      }
      this.lastCleanup = now;
    }
    const npComment = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';
    if (this.npCIDRs === null) {
      const dst = v6 ? ['!', '-d', '::1/128'] : this.localhostNodePorts ? [] : ['!', '-d', '127.0.0.0/8'];
      natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', npComment, '-m', 'addrtype', '--dst-type', 'LOCAL', dst, '-j', KUBE_NODEPORTS));
    } else {
      for (const ip of this.nodePortIPs()) {
        natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', npComment, '-d', ip, '-j', KUBE_NODEPORTS));
      }
    }
    if (!this.cfg.conntrackTCPLiberal) {
      const acct = this.cfg.nfacct?.ctStateInvalidDropped === false ? [] : ['-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts'];
      filterRules.push(line('-A', KUBE_FORWARD, '-m', 'conntrack', '--ctstate', 'INVALID', acct, '-j', 'DROP'));
    }
    filterRules.push(line('-A', KUBE_FORWARD, '-m', 'comment', '--comment', 'kubernetes forwarding rules', '-m', 'mark', '--mark', `${m}/${m}`, '-j', 'ACCEPT'));
    filterRules.push(line('-A', KUBE_FORWARD, '-m', 'comment', '--comment', 'kubernetes forwarding conntrack rule', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'));
    return ['*filter', ...filterChains, ...filterRules, 'COMMIT', '*nat', ...natChains, ...natRules, 'COMMIT'].join('\n') + '\n';
  }

  /** Node addresses inside nodePortAddresses; loopback only for IPv4 with localhostNodePorts. */
  private nodePortIPs(): string[] {
    const v6 = this.family === 'IPv6';
    const addrs = this.cfg.interfaceAddresses ?? [v6 ? '::1' : '127.0.0.1', ...this.cfg.nodeIPs];
    const out: string[] = [];
    for (const a of addrs) {
      const ip = parseIP(a);
      if (!ip || ip.v6 !== v6 || !this.npCIDRs?.some((c) => cidrContains(c, ip))) continue;
      const loopback = v6 ? a === '::1' : ip.bytes[0] === 127;
      if (loopback && (v6 || !this.localhostNodePorts)) continue;
      out.push(canonicalIP(a)!);
    }
    return out;
  }

  private chains(t: Table): Chain[] {
    return [...(this.kernel.tables.get(t)?.values() ?? [])].map((c) => ({
      name: c.name,
      rules: c.rules.map((r): Rule => {
        const ci = r.words.indexOf('--comment');
        return { chain: c.name, args: line(r.words), target: targetOf(r.words), comment: ci >= 0 ? r.words[ci + 1] : undefined };
      }),
    }));
  }
}
