// kube-proxy's nftables mode (pkg/proxy/nftables/proxier.go, GA in v1.33): one table
// `ip kube-proxy` whose base chains hook into netfilter and dispatch through verdict maps
// (service-ips, service-nodeports, no-endpoint-*, firewall-ips) to per-service chains that
// load-balance with `numgen random mod N vmap`. Every sync rebuilds the table (a full sync).
import type { EndpointSlice, IPFamily, Service } from '../types.ts';
import { categorizeEndpoints, type EndpointInfo } from '../endpoints.ts';
import { hash16 } from '../iptables/hash.ts';
import { cidrContains, formatCIDR, parseIP } from '../ip.ts';
import { externallyAccessible, portKey, type ServicePortInfo } from '../serviceport.ts';
import { ChangeTracker } from '../tracker.ts';
import { listedPrefixes, type NftChain, type NftSet, type NftTable } from './ruleset.ts';

export interface NftConfig {
  nodeName: string;
  nodeIPs: string[];
  ipFamily?: IPFamily;
  /** Pod CIDR for the local-traffic detector (`ip saddr 10.0.0.0/8`). */
  clusterCIDR?: string;
  /** The cluster's service CIDRs (cluster-ips-check drops traffic to unallocated ClusterIPs). */
  serviceCIDRs: string[];
  masqueradeAll?: boolean;
  masqueradeMark?: string;
  /** Node addresses that accept NodePorts (nodeport-ips); default: the node IPs of this family. */
  nodePortIPs?: string[];
  nodeLabels?: Record<string, string>;
}

/** `<8 chars of base32(sha256)>-ns/name/proto/port[__ip/port]`, cut to 240 chars as upstream does. */
function chainBase(sp: ServicePortInfo, ep?: EndpointInfo): string {
  const [ns, name] = sp.nn.split('/');
  let s = `${ns}/${name}/${sp.protocol.toLowerCase()}/${sp.portName}`;
  if (ep) s += `__${ep.ip.replace(/:/g, '.')}/${ep.str.slice(ep.str.lastIndexOf(':') + 1)}`;
  const out = `${hash16(s).slice(0, 8)}-${s}`;
  return out.length <= 240 ? out : out.slice(0, 237) + '...';
}

const hex32 = (v: string): string => '0x' + (Number(v) >>> 0).toString(16).padStart(8, '0');

export class NftablesProxier {
  table?: NftTable;
  private readonly tracker: ChangeTracker;
  private readonly family: IPFamily;

  constructor(private readonly cfg: NftConfig) {
    this.family = cfg.ipFamily ?? 'IPv4';
    this.tracker = new ChangeTracker(this.family, cfg.nodeName);
  }

  sync(services: Service[], slices: EndpointSlice[]): NftTable {
    this.tracker.update(services, slices);
    const v6 = this.family === 'IPv6';
    const ipX = v6 ? 'ip6' : 'ip';
    const addr = v6 ? 'ipv6_addr' : 'ipv4_addr';
    const mark = this.cfg.masqueradeMark ?? '0x4000';
    const sets: NftSet[] = [];
    const set = (name: string, type: string, comment?: string, kind: 'set' | 'map' = type.includes(':') ? 'map' : 'set') => {
      const s: NftSet = { name, kind, type, comment, elements: [] };
      sets.push(s);
      return s;
    };
    const clusterIPs = set('cluster-ips', addr, 'Active ClusterIPs');
    const nodePortIPs = set('nodeport-ips', addr, 'IPs that accept NodePort traffic');
    const dst3 = `${addr} . inet_proto . inet_service : verdict`;
    const firewallIPs = set('firewall-ips', dst3, 'destinations that are subject to LoadBalancerSourceRanges');
    const noEpNodePorts = set('no-endpoint-nodeports', 'inet_proto . inet_service : verdict', 'vmap to drop or reject packets to service nodeports with no endpoints');
    const noEpServices = set('no-endpoint-services', dst3, 'vmap to drop or reject packets to services with no endpoints');
    const serviceIPs = set('service-ips', dst3, 'ClusterIP, ExternalIP and LoadBalancer IP traffic');
    const serviceNodePorts = set('service-nodeports', 'inet_proto . inet_service : verdict', 'NodePort traffic');

    const chains = new Map<string, NftChain>();
    const chain = (name: string, hook?: NftChain['hook'], comment?: string): NftChain => {
      let c = chains.get(name);
      if (!c) { c = { name, hook, comment, rules: [] }; chains.set(name, c); }
      return c;
    };
    const rule = (c: string, r: string, comment?: string, listed?: string) => chain(c).rules.push(listed === undefined ? { rule: r, comment } : { rule: r, comment, listed });
    const dispatch = `${ipX} daddr . meta l4proto . th dport`;
    chain('cluster-ips-check');
    chain('filter-prerouting-pre-dnat', { type: 'filter', hook: 'prerouting', priority: -110 });
    chain('filter-output-pre-dnat', { type: 'filter', hook: 'output', priority: -110 });
    chain('filter-forward', { type: 'filter', hook: 'forward', priority: 0 });
    chain('filter-input', { type: 'filter', hook: 'input', priority: 0 });
    chain('filter-output', { type: 'filter', hook: 'output', priority: 0 });
    chain('firewall-check');
    chain('mark-for-masquerade');
    chain('masquerading');
    chain('nat-output', { type: 'nat', hook: 'output', priority: -100 });
    chain('nat-postrouting', { type: 'nat', hook: 'postrouting', priority: 100 });
    chain('nat-prerouting', { type: 'nat', hook: 'prerouting', priority: -100 });
    chain('nodeport-endpoints-check');
    chain('reject-chain', undefined, 'helper for @no-endpoint-services / @no-endpoint-nodeports');
    chain('services');
    chain('service-endpoints-check');
    rule('cluster-ips-check', `${ipX} daddr @cluster-ips reject`, 'Reject traffic to invalid ports of ClusterIPs');
    const svcCIDRs = this.cfg.serviceCIDRs.filter((c) => c.includes(':') === v6);
    if (svcCIDRs.length) {
      rule('cluster-ips-check', `${ipX} daddr { ${svcCIDRs.join(', ')} } drop`, 'Drop traffic to unallocated ClusterIPs',
        `${ipX} daddr ${listedPrefixes(svcCIDRs)} drop`);
    }
    rule('filter-prerouting-pre-dnat', 'ct state new jump firewall-check');
    rule('filter-forward', 'ct state new jump service-endpoints-check');
    rule('filter-forward', 'ct state new jump cluster-ips-check');
    rule('filter-input', 'ct state new jump nodeport-endpoints-check');
    rule('filter-input', 'ct state new jump service-endpoints-check');
    rule('filter-output', 'ct state new jump service-endpoints-check');
    rule('filter-output-pre-dnat', 'ct state new jump firewall-check');
    rule('filter-output', 'ct state new jump cluster-ips-check');
    rule('firewall-check', `${dispatch} vmap @firewall-ips`);
    // nft lists the mark expressions in their long form, values as %#010x.
    const m = hex32(mark);
    rule('mark-for-masquerade', `mark set mark or ${mark}`, undefined, `meta mark set meta mark | ${m}`);
    rule('masquerading', `mark and ${mark} == 0 return`, undefined, `meta mark & ${m} == ${hex32('0')} return`);
    rule('masquerading', `mark set mark xor ${mark}`, undefined, `meta mark set meta mark ^ ${m}`);
    rule('masquerading', 'masquerade fully-random');
    rule('nat-output', 'jump services');
    rule('nat-postrouting', 'jump masquerading');
    rule('nat-prerouting', 'jump services');
    rule('nodeport-endpoints-check', `${ipX} daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports`);
    rule('reject-chain', 'reject');
    rule('services', `${dispatch} vmap @service-ips`);
    rule('services', `${ipX} daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports`);
    rule('service-endpoints-check', `${dispatch} vmap @no-endpoint-services`);
    for (const ip of this.cfg.nodePortIPs ?? this.cfg.nodeIPs.filter((x) => x.includes(':') === v6)) nodePortIPs.elements.push({ key: [ip] });

    const podCIDR = this.cfg.clusterCIDR?.split(',').map((s) => s.trim()).find((s) => s.includes(':') === v6);
    const topo = { nodeName: this.cfg.nodeName, zone: this.cfg.nodeLabels?.['topology.kubernetes.io/zone'] ?? '', preferSameNode: true };
    const nodeIP = parseIP(this.cfg.nodeIPs.find((x) => x.includes(':') === v6) ?? '');
    const ports = [...this.tracker.allPorts()].sort((a, b) => (portKey(a.spn, a.protocol) < portKey(b.spn, b.protocol) ? -1 : 1));
    for (const sp of ports) {
      const proto = sp.protocol.toLowerCase();
      const eps = this.tracker.endpoints.get(sp.key) ?? [];
      const cat = categorizeEndpoints(eps, sp, topo);
      const base = chainBase(sp);
      const [svcChain, localChain, extChain, fwChain] = ['service-', 'local-', 'external-', 'firewall-'].map((p) => p + base) as [string, string, string, string];
      const epChain = (ep: EndpointInfo) => `endpoint-${chainBase(sp, ep)}`;
      const affinitySet = (ep: EndpointInfo) => `affinity-${chainBase(sp, ep)}`;
      for (const ep of cat.reachable) chain(epChain(ep));
      const usesCluster = cat.cluster.length > 0 && (!sp.internalPolicyLocal || externallyAccessible(sp));
      const usesLocal = cat.local.length > 0 && (sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp)));
      if (usesCluster) chain(svcChain);
      if (usesLocal) chain(localChain);
      const internalChain = sp.internalPolicyLocal ? localChain : svcChain;
      const hasInternal = cat.hasAny && (!sp.internalPolicyLocal || cat.local.length > 0);
      const externalPolicyChain = sp.externalPolicyLocal ? localChain : svcChain;
      const hasExternal = cat.hasAny && (!sp.externalPolicyLocal || cat.local.length > 0);
      const usesExt = cat.hasAny && externallyAccessible(sp);
      if (usesExt) chain(extChain);
      const internalVerdict = !cat.hasAny ? 'goto reject-chain' : 'drop';
      const externalVerdict = internalVerdict;
      const key = (ip: string) => [ip, proto, String(sp.port)];
      const note = sp.spn;

      clusterIPs.elements.push({ key: [sp.clusterIP] });
      if (hasInternal) serviceIPs.elements.push({ key: key(sp.clusterIP), value: `goto ${internalChain}` });
      else noEpServices.elements.push({ key: key(sp.clusterIP), value: internalVerdict, comment: note });
      for (const ip of sp.externalIPs) {
        if (cat.hasAny) serviceIPs.elements.push({ key: key(ip), value: `goto ${extChain}` });
        if (!hasExternal) noEpServices.elements.push({ key: key(ip), value: externalVerdict, comment: note });
      }
      const usesFW = sp.lbVIPs.length > 0 && sp.sourceRanges.length > 0;
      if (usesFW) chain(fwChain);
      for (const ip of sp.lbVIPs) {
        if (cat.hasAny) serviceIPs.elements.push({ key: key(ip), value: `goto ${extChain}` });
        if (usesFW) firewallIPs.elements.push({ key: key(ip), value: `goto ${fwChain}` });
      }
      if (!hasExternal) for (const ip of sp.lbVIPs) noEpServices.elements.push({ key: key(ip), value: externalVerdict, comment: note });
      if (sp.nodePort) {
        if (cat.hasAny) serviceNodePorts.elements.push({ key: [proto, String(sp.nodePort)], value: `goto ${extChain}` });
        if (!hasExternal) noEpNodePorts.elements.push({ key: [proto, String(sp.nodePort)], value: externalVerdict, comment: note });
      }

      if (hasInternal) {
        if (this.cfg.masqueradeAll) rule(internalChain, `${ipX} daddr ${sp.clusterIP} jump mark-for-masquerade`);
        else if (podCIDR) rule(internalChain, `${ipX} daddr ${sp.clusterIP} ${ipX} saddr != ${podCIDR} jump mark-for-masquerade`);
      }
      if (usesExt) {
        if (!sp.externalPolicyLocal) rule(extChain, 'jump mark-for-masquerade');
        else {
          if (podCIDR) rule(extChain, `${ipX} saddr ${podCIDR} goto ${svcChain}`, 'short-circuit pod traffic');
          rule(extChain, 'fib saddr type local jump mark-for-masquerade', 'masquerade local traffic');
          rule(extChain, `fib saddr type local goto ${svcChain}`, 'short-circuit local traffic');
        }
        if (hasExternal) rule(extChain, `goto ${externalPolicyChain}`);
      }
      if (usesFW) {
        const sources = sp.sourceRanges.map(formatCIDR);
        if (nodeIP && sp.sourceRanges.some((c) => cidrContains(c, nodeIP))) sources.push(...sp.lbVIPs);
        rule(fwChain, `${ipX} saddr != { ${sources.join(' , ')} } drop`, undefined, `${ipX} saddr != ${listedPrefixes(sources)} drop`);
      }
      if (sp.stickySeconds) {
        for (const ep of cat.reachable) {
          sets.push({ name: affinitySet(ep), kind: 'set', type: addr, flags: ['dynamic', 'timeout'], timeoutSeconds: sp.stickySeconds, elements: [] });
        }
      }
      const toEndpoints = (c: string, list: EndpointInfo[]) => {
        if (sp.stickySeconds) for (const ep of list) rule(c, `${ipX} saddr @${affinitySet(ep)} goto ${epChain(ep)}`);
        const vmap = list.map((ep, i) => `${i} : goto ${epChain(ep)}`);
        rule(c, `numgen random mod ${list.length} vmap { ${vmap.join(' , ')} }`, undefined, `numgen random mod ${list.length} vmap { ${vmap.join(', ')} }`);
      };
      if (usesCluster) toEndpoints(svcChain, cat.cluster);
      if (usesLocal) toEndpoints(localChain, cat.local);
      for (const ep of cat.reachable) {
        rule(epChain(ep), `${ipX} saddr ${ep.ip} jump mark-for-masquerade`);
        if (sp.stickySeconds) rule(epChain(ep), `update @${affinitySet(ep)} { ${ipX} saddr }`);
        rule(epChain(ep), `meta l4proto ${proto} dnat to ${ep.str}`);
      }
    }
    this.table = { family: v6 ? 'ip6' : 'ip', name: 'kube-proxy', comment: 'rules for kube-proxy', sets, chains: [...chains.values()] };
    return this.table;
  }
}
