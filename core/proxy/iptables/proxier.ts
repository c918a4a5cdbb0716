// kube-proxy's iptables mode (pkg/proxy/iptables/proxier.go, v1.33/1.34): one
// syncProxyRules() per call, producing the exact iptables-restore input, with the
// state between syncs that partial syncs and stale-chain deletion depend on.
import type { EndpointSlice, IPFamily, Service, Table } from '../types.ts';
import { categorizeEndpoints, type TopologyInput } from '../endpoints.ts';
import { canonicalIP, cidrContains, formatIP, parseCIDR, parseIP, type CIDR } from '../ip.ts';
import { ChangeTracker } from '../tracker.ts';
import {
  isServiceChainName, JUMP_RULES, jumpRuleArgs, KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ,
  KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_CANARY, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './chains.ts';
import { NetfilterState, RestoreError, type RuleSpec } from './netfilter.ts';
import { Restore, type Undo } from './restore.ts';
import { chainBodies, load, restoreText, type ChainBodies, type PortEntry, type SyncPlan } from './plan.ts';
import { rule, writeServicePort, type RuleContext } from './rules.ts';

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
  /** CIDRs whose node addresses accept NodePorts; empty: every local address; `["primary"]`: the node's primary IPs. */
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
  /** Exactly what kube-proxy feeds `iptables-restore --noflush --counters` (rendered when first read). */
  readonly restore: string;
  full: boolean;
  /** `ns/name` of services whose chains were rewritten in a partial sync. */
  changedServices: string[];
  /** Set when the restore was rejected (then the next sync is full). */
  error?: string;
}

const FULL_SYNC_PERIOD_MS = 3600_000;
const byKey = (a: PortEntry, k: string) => (a.key < k ? -1 : a.key > k ? 1 : 0);

export class IptablesProxier {
  readonly kernel = new NetfilterState();
  private readonly family: IPFamily;
  private readonly ctx: Omit<RuleContext, 'largeClusterMode'>;
  private readonly topo: TopologyInput;
  private readonly tracker: ChangeTracker;
  private readonly fixed: Pick<SyncPlan, 'filterChains' | 'filterHead' | 'filterTail' | 'natChains' | 'natHead' | 'natTail'>;
  private needFullSync = true;
  private lastFullSync?: number;
  private lastCleanup?: number;
  private largeClusterMode = false;
  /** Each service port's rules, generated when its Service or endpoints change, kept in port-key order. */
  private readonly entries = new Map<string, PortEntry>();
  private ordered: PortEntry[] = [];
  /** The entries regenerated because their Service or endpoints changed in this sync. */
  private fresh: PortEntry[] = [];
  /** The fixed chains' rules, kept while no port's fixed-chain rules change (then a sync touches only what changed). */
  private bodies?: ChainBodies;
  private readonly keysOf = new Map<string, string[]>();
  /** Chains that stopped being used since the last cleanup (stale unless used again). */
  private readonly unused = new Set<string>();
  /** The next cleanup looks at every kernel chain (after a skipped cleanup or a failed restore). */
  private scanAll = true;
  /** The nat table's version after our last restore: anything else that changes it makes the next cleanup scan. */
  private natVersion = -1;
  private lastUndo?: Undo;
  private syncs = 0;

  constructor(private readonly cfg: ProxierConfig) {
    this.family = cfg.ipFamily ?? 'IPv4';
    const v6 = this.family === 'IPv6';
    const npa = nodePortCIDRs(cfg.nodePortAddresses ?? [], cfg.nodeIPs).map((s) => parseCIDR(s)).filter((c): c is CIDR => !!c && c.ip.v6 === v6);
    const npCIDRs = npa.length === 0 || npa.some((c) => c.bits === 0) ? null : npa;
    const loop = parseIP('127.0.0.1')!;
    const npaHasV4Loopback = !v6 && (npCIDRs === null || npCIDRs.some((c) => cidrContains(c, loop)));
    const localhostNodePorts = (cfg.localhostNodePorts ?? true) && npaHasV4Loopback;
    const detector = this.detector();
    const nodeIP = cfg.nodeIPs.find((ip) => ip.includes(':') === v6);
    this.ctx = {
      masqueradeAll: !!cfg.masqueradeAll,
      ifLocal: detector?.[0], ifNotLocal: detector?.[1],
      localhostNodePortsNfacct: localhostNodePorts && !v6 && cfg.nfacct?.localhostNodePortsAccepted !== false,
      nodeIP: nodeIP ? canonicalIP(nodeIP) ?? undefined : undefined,
    };
    this.topo = { nodeName: cfg.nodeName, zone: cfg.nodeLabels?.['topology.kubernetes.io/zone'] ?? '', preferSameNode: cfg.preferSameNode ?? true };
    this.tracker = new ChangeTracker(this.family, cfg.nodeName);
    this.fixed = this.fixedRules(localhostNodePorts, npCIDRs);
    for (const t of ['mangle', 'nat', 'filter'] as Table[]) this.kernel.ensureChain(t, KUBE_PROXY_CANARY);
  }

  private detector(): [string, string] | undefined {
    const d = this.cfg.localDetector ?? (this.cfg.clusterCIDR ? { mode: 'ClusterCIDR' as const, cidr: this.cfg.clusterCIDR } : undefined);
    if (!d) return undefined;
    if (d.mode === 'BridgeInterface') return [`-i ${d.interfaceName}`, `! -i ${d.interfaceName}`];
    if (d.mode === 'InterfaceNamePrefix') return [`-i ${d.prefix}+`, `! -i ${d.prefix}+`];
    const cidr = d.cidr.split(',').map((s) => s.trim()).find((s) => s.includes(':') === (this.family === 'IPv6'));
    return cidr ? [`-s ${cidr}`, `! -s ${cidr}`] : undefined;
  }

  /** The last restore failed outside our model (e.g. injected): undo it; the next sync is full. */
  restoreFailed(): void {
    if (this.lastUndo) this.kernel.undo(this.lastUndo);
    this.lastUndo = undefined;
    this.needFullSync = true;
    this.scanAll = true;
  }

  sync(services: Service[], slices: EndpointSlice[], opts: SyncOptions = {}): SyncResult {
    const changed = this.tracker.update(services, slices);
    const syncNo = ++this.syncs;
    const large = this.tracker.totalEndpoints > (this.cfg.largeClusterEndpointsThreshold ?? 1000);
    // Crossing the threshold changes every endpoint rule's text (comments), not what is written now.
    const regen = large !== this.largeClusterMode ? new Set([...this.keysOf.keys(), ...changed]) : changed;
    this.regenerate(regen, large, (nn) => (changed.has(nn) ? syncNo : -1));

    const now = opts.now;
    const full = this.needFullSync || !!opts.full ||
      (now !== undefined && this.lastFullSync !== undefined && now - this.lastFullSync > FULL_SYNC_PERIOD_MS);
    if (full) this.ensureJumps();

    // Stale chains; in large clusters at most once per syncPeriod.
    let stale: string[] = [];
    if (this.kernel.table('nat').version !== this.natVersion) this.scanAll = true;
    const period = (this.cfg.syncPeriodSeconds ?? 30) * 1000;
    if (!large || now === undefined || this.lastCleanup === undefined || now - this.lastCleanup > period) {
      // Chains in `unused` are in no entry (a chain used again leaves it); a scan of every
      // kernel chain asks the entries, gathered only if the kernel has service chains at all.
      const scan = full || this.scanAll;
      let active: Set<string> | undefined;
      for (const c of scan ? this.kernel.chainNames('nat') : this.unused) {
        if (!isServiceChainName(c) || !this.kernel.chain('nat', c)) continue;
        if (scan && (active ??= this.chainsInUse()).has(c)) continue;
        stale.push(c);
      }
      stale = stale.sort();
      this.unused.clear();
      this.scanAll = false;
      this.lastCleanup = now;
    }
    const plan: SyncPlan = { ...this.fixed, ports: this.ordered, full, sync: syncNo, stale };
    const bodies = (this.bodies ??= chainBodies(plan));

    let error: string | undefined;
    try {
      const tx = new Restore(this.kernel);
      load(plan, bodies, full ? this.ordered : this.fresh, tx);
      this.lastUndo = tx.finish();
      this.natVersion = this.kernel.table('nat').version;
      this.needFullSync = false;
      if (full) this.lastFullSync = now;
    } catch (e) {
      if (!(e instanceof RestoreError)) throw e;
      error = e.message;
      this.needFullSync = true;
      this.scanAll = true;
    }
    let text: string | undefined;
    return {
      get restore() { return (text ??= restoreText(plan)); },
      full, changedServices: full ? [] : [...changed].sort(), error,
    };
  }

  /** Regenerates the rules of the given services' ports and puts them in port-key order. */
  private regenerate(nns: Set<string>, large: boolean, changedAt: (nn: string) => number): void {
    this.largeClusterMode = large;
    this.fresh = [];
    if (nns.size === 0) return;
    const ctx: RuleContext = { ...this.ctx, largeClusterMode: large };
    // A few services: patch the sorted list in place; many: sort afresh.
    const few = nns.size <= 64;
    const next = few ? this.ordered.slice() : [];
    const dropped: string[] = [], reused = new Set<string>();
    for (const nn of nns) {
      const oldKeys = this.keysOf.get(nn) ?? [];
      const old = oldKeys.length ? new Map<string, PortEntry>() : undefined;
      for (const k of oldKeys) {
        const e = this.entries.get(k)!;
        for (const c of e.rules.chains) dropped.push(c);
        old!.set(k, e);
        this.entries.delete(k);
      }
      const keys: string[] = [];
      for (const sp of this.tracker.portsOf(nn)) {
        const key = sp.key;
        const cat = categorizeEndpoints(this.tracker.endpoints.get(key) ?? [], sp, this.topo);
        const e: PortEntry = { key, nn, rules: writeServicePort(ctx, sp, cat), changedAt: changedAt(nn) };
        this.keepFixedRules(old?.get(key), e);
        if (e.changedAt >= 0) this.fresh.push(e);
        this.entries.set(key, e);
        if (dropped.length || this.unused.size) for (const c of e.rules.chains) { reused.add(c); this.unused.delete(c); }
        keys.push(key);
        if (!few) continue;
        const i = lowerBound(next, key);
        if (next[i]?.key === key) next[i] = e; else next.splice(i, 0, e);
      }
      for (const k of oldKeys) {
        if (!few || this.entries.has(k)) continue;
        const i = lowerBound(next, k);
        if (next[i]?.key === k) next.splice(i, 1);
      }
      if (keys.length) this.keysOf.set(nn, keys); else this.keysOf.delete(nn);
      if (oldKeys.length !== keys.length || oldKeys.some((k, i) => k !== keys[i])) this.bodies = undefined;
    }
    // A port's chain names are its own (hashed from its name), so a dropped chain can only come back in this same regeneration.
    for (const c of dropped) if (!reused.has(c)) this.unused.add(c);
    this.ordered = few ? next : [...this.entries.values()].sort((a, b) => byKey(a, b.key));
  }

  /**
   * A port whose KUBE-SERVICES / KUBE-NODEPORTS / filter rules read as before keeps the old
   * rule objects (usually only its endpoints changed), so the fixed chains stay as they were;
   * otherwise they are gathered again.
   */
  private keepFixedRules(old: PortEntry | undefined, e: PortEntry): void {
    if (old && sameRules(old.rules.nat, e.rules.nat) && sameRules(old.rules.filter, e.rules.filter)) {
      e.rules.nat = old.rules.nat;
      e.rules.filter = old.rules.filter;
    } else {
      this.bodies = undefined;
    }
  }

  private chainsInUse(): Set<string> {
    const out = new Set<string>();
    for (const e of this.ordered) for (const c of e.rules.chains) out.add(c);
    return out;
  }

  private ensureJumps(): void {
    for (const j of JUMP_RULES) {
      this.kernel.ensureChain(j.table, j.dst);
      this.kernel.ensureRule(j.table, j.src, jumpRuleArgs(j), true);
    }
  }

  /** The rules that do not depend on Services: the same on every sync. */
  private fixedRules(localhostNodePorts: boolean, npCIDRs: CIDR[] | null): IptablesProxier['fixed'] {
    const v6 = this.family === 'IPv6';
    const m = this.cfg.masqueradeMark ?? '0x' + (1 << (this.cfg.masqueradeBit ?? 14)).toString(16).padStart(8, '0');
    const filterChains = [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL];
    const filterHead: RuleSpec[] = [];
    if (!v6 && localhostNodePorts) {
      filterChains.push(KUBE_FIREWALL);
      filterHead.push(rule(KUBE_FIREWALL, '-m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT', 'DROP'));
    }
    const filterTail: RuleSpec[] = [];
    if (!this.cfg.conntrackTCPLiberal) {
      const acct = this.cfg.nfacct?.ctStateInvalidDropped === false ? '' : ' -m nfacct --nfacct-name ct_state_invalid_dropped_pkts';
      filterTail.push(rule(KUBE_FORWARD, `-m conntrack --ctstate INVALID${acct}`, 'DROP'));
    }
    filterTail.push(rule(KUBE_FORWARD, `-m comment --comment "kubernetes forwarding rules" -m mark --mark ${m}/${m}`, 'ACCEPT'));
    filterTail.push(rule(KUBE_FORWARD, '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED', 'ACCEPT'));
    const natHead = [
      rule(KUBE_POSTROUTING, `-m mark ! --mark ${m}/${m}`, 'RETURN'),
      rule(KUBE_POSTROUTING, '', 'MARK', ` --xor-mark ${m}`),
      rule(KUBE_POSTROUTING, '-m comment --comment "kubernetes service traffic requiring SNAT"', 'MASQUERADE',
        this.cfg.hasRandomFully === false ? '' : ' --random-fully'),
      rule(KUBE_MARK_MASQ, '', 'MARK', ` --or-mark ${m}`),
    ];
    const np = '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain"';
    const natTail = npCIDRs === null
      ? [rule(KUBE_SERVICES, `${np} -m addrtype --dst-type LOCAL${v6 ? ' ! -d ::1/128' : localhostNodePorts ? '' : ' ! -d 127.0.0.0/8'}`, KUBE_NODEPORTS)]
      : this.nodePortIPs(npCIDRs, localhostNodePorts).map((ip) => rule(KUBE_SERVICES, `${np} -d ${ip}`, KUBE_NODEPORTS));
    return { filterChains, filterHead, filterTail, natChains: [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ], natHead, natTail };
  }

  /** Node addresses inside nodePortAddresses; loopback only for IPv4 with localhostNodePorts. */
  private nodePortIPs(npCIDRs: CIDR[], localhostNodePorts: boolean): string[] {
    const v6 = this.family === 'IPv6';
    const addrs = this.cfg.interfaceAddresses ?? [v6 ? '::1' : '127.0.0.1', ...this.cfg.nodeIPs];
    const out: string[] = [];
    for (const a of addrs) {
      const ip = parseIP(a);
      if (!ip || ip.v6 !== v6 || !npCIDRs.some((c) => cidrContains(c, ip))) continue;
      const loopback = v6 ? a === '::1' : ip.bytes[0] === 127;
      if (loopback && (v6 || !localhostNodePorts)) continue;
      out.push(canonicalIP(a)!);
    }
    return out;
  }
}

/**
 * nodePortAddresses with kube-proxy's `primary` keyword expanded (cmd/kube-proxy/app/server.go):
 * exactly `["primary"]` stands for the node's primary IPv4 and IPv6 addresses (not loopback)
 * as /32 and /128.
 */
export function nodePortCIDRs(addresses: string[], nodeIPs: string[]): string[] {
  if (addresses.length !== 1 || addresses[0] !== 'primary') return addresses;
  const out: string[] = [];
  for (const v6 of [false, true]) {
    const ip = nodeIPs.map((a) => parseIP(a)).find((x) => x?.v6 === v6);
    const loopback = ip && (v6 ? ip.bytes.every((b, i) => b === (i === 15 ? 1 : 0)) : ip.bytes[0] === 127);
    if (ip && !loopback) out.push(`${formatIP(ip)}/${v6 ? 128 : 32}`);
  }
  return out;
}

const sameRules = (a: readonly RuleSpec[], b: readonly RuleSpec[]): boolean =>
  a.length === b.length && a.every((r, i) => r.line === b[i]!.line);

function lowerBound(a: PortEntry[], key: string): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (byKey(a[mid]!, key) < 0) lo = mid + 1; else hi = mid; }
  return lo;
}
