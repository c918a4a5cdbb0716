// kube-proxy on one node, as the engine runs it: it watches Services and EndpointSlices
// and re-syncs its rules. Syncs are batched (kube-proxy's minSyncPeriod) and run when
// someone looks at the node's rules, so a large cluster costs nothing until inspected.
// The node's kernel model also holds kubelet's and flannel's rules (host.ts).

import type { EndpointSlice, Node, Service } from '../api/types.ts';
import type { Context } from '../api/context.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { IptablesProxier, type SyncResult } from './iptables/proxier.ts';
import { NetfilterState } from './iptables/netfilter.ts';
import { NftablesProxier } from './nftables/proxier.ts';
import { nftCommand } from './nftables/commands.ts';
import { transactionText } from './nftables/ruleset.ts';
import { IpvsProxier } from './ipvs/proxier.ts';
import { ipvsCommand, ipsetCommand } from './ipvs/commands.ts';
import { installFlannelRules, installKubeletRules } from './host.ts';
import { conntrackCommand, iptablesCommand, iptablesSaveCommand } from './commands.ts';
import type { NodeNet } from './trace/trace.ts';
import type { Flannel } from '../cni/flannel.ts';
import type { CommandResult } from '../shell/types.ts';

export type ProxyMode = 'iptables' | 'ipvs' | 'nftables';

const notFound = (cmd: string): CommandResult => ({ stdout: '', stderr: `bash: ${cmd}: command not found\n`, exitCode: 127 });

export class KubeProxy {
  readonly mode: ProxyMode;
  /** In nftables mode, the iptables proxier is only the packet tracer's stand-in data path (same decisions). */
  readonly proxier: IptablesProxier | IpvsProxier;
  readonly nft?: NftablesProxier;
  /** nftables mode: the node's iptables tables, which hold kubelet's and flannel's rules only. */
  private readonly hostKernel?: NetfilterState;
  private dirty = true;
  last?: SyncResult;
  /** Every restore text this kube-proxy sent, newest last (bounded), for "what my edit did". */
  readonly history: { at: number; result: SyncResult }[] = [];
  /** Netfilter state the tracer keeps between packets: `-m recent` lists and conntrack entries. */
  readonly recent = new Map<string, Map<string, number>>();
  readonly conntrack: string[] = [];

  /** The node's own addresses besides its InternalIP when IPVS last synced (cni0, flannel.1). */
  private ifAddrs = '';

  constructor(private ctx: Context, readonly node: Node, private readonly flannel: Flannel) {
    const s = ctx.settings;
    this.mode = s.proxy.mode;
    const ips = (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
    const common = {
      nodeName: node.metadata.name, nodeIPs: ips, clusterCIDR: s.proxy.clusterCIDR,
      masqueradeAll: s.proxy.masqueradeAll, nodeLabels: node.metadata.labels ?? {},
    };
    this.proxier = this.mode === 'ipvs'
      ? new IpvsProxier({ ...common, scheduler: s.proxy.ipvsScheduler, interfaceAddresses: () => this.interfaceAddresses() })
      : new IptablesProxier({ ...common, nodePortAddresses: s.proxy.nodePortAddresses });
    if (this.mode === 'nftables') {
      this.nft = new NftablesProxier({ ...common, serviceCIDRs: s.serviceSubnet.split(',').map((x) => x.trim()) });
      this.hostKernel = new NetfilterState();
    }
    for (const k of [this.proxier.kernel, this.hostKernel]) {
      if (!k) continue;
      installKubeletRules(k);
      if (node.spec.podCIDR) installFlannelRules(k, { network: s.podSubnet, subnet: node.spec.podCIDR, randomFully: true });
    }
    ctx.api.store.watch(['Service', 'EndpointSlice'], () => {
      this.dirty = true;
    });
  }

  /** The node's iptables tables as `iptables-save` shows them. */
  get kernel(): NetfilterState {
    return this.hostKernel ?? this.proxier.kernel;
  }

  /** flannel.1's address (with the vxlan backend) and cni0's: IPVS NodePorts listen on every node address. */
  private interfaceAddresses(): string[] {
    const cidr = this.node.spec.podCIDR?.split('/')[0];
    const vtep = this.flannel.node(this.node.metadata.name).vtep?.ip;
    return cidr ? [...(vtep ? [vtep] : []), cidr.replace(/\d+$/, (x) => String(Number(x) + 1))] : [];
  }

  /** Brings the rules up to date with the API server's Services and EndpointSlices. */
  sync(): SyncResult {
    // IPVS binds NodePorts to the node's addresses: a new device (flannel.1) means a resync.
    const addrs = this.mode === 'ipvs' ? this.interfaceAddresses().join() : '';
    if (addrs !== this.ifAddrs) {
      this.ifAddrs = addrs;
      this.dirty = true;
    }
    if (!this.dirty && this.last) return this.last;
    const services = this.ctx.api.list<Service>('Service');
    const slices = this.ctx.api.list<EndpointSlice>('EndpointSlice');
    this.last = this.proxier.sync(services, slices, { now: this.ctx.clock.now() });
    this.nft?.sync(services, slices);
    this.dirty = false;
    this.history.push({ at: this.ctx.clock.now(), result: this.last });
    if (this.history.length > 50) this.history.shift();
    return this.last;
  }

  /** What the tracer needs to know about this node's network. */
  net(gateway: string | undefined): NodeNet {
    this.sync();
    const cidr = this.node.spec.podCIDR;
    const ip = (this.node.status?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '';
    const ipvs = this.proxier instanceof IpvsProxier ? this.proxier : undefined;
    const name = this.node.metadata.name;
    return {
      name, ip, podCIDR: cidr, gateway, vtepIP: this.flannel.node(name).vtep?.ip,
      podRoute: (dst) => this.flannel.routeTo(name, dst, this.ctx.api.list<Node>('Node')),
      kernel: this.proxier.kernel, extraLocal: ipvs ? ipvs.dummyAddresses() : [], recent: this.recent, conntrack: this.conntrack,
      ipvs: ipvs ? (p, hops, nowSeconds) => ipvs.forward(p, hops, this.node.metadata.name, nowSeconds) : undefined,
      inSet: ipvs ? (name, dirs, p) => ipvs.inSet(name, dirs, p) : undefined,
      note: this.nft ? `${this.node.metadata.name}: kube-proxy is in nftables mode; this trace walks its equivalent iptables rules (simulated)` : undefined,
    };
  }

  command(cmd: string, args: string[], now: number): CommandResult {
    this.sync();
    const ipvs = this.proxier instanceof IpvsProxier ? this.proxier : undefined;
    switch (cmd) {
      case 'iptables-save': return iptablesSaveCommand(this.kernel, args, new Date(EPOCH_MS + now));
      case 'iptables': return iptablesCommand(this.kernel, args);
      case 'kube-proxy-restore': return { stdout: this.nft?.table ? transactionText(this.nft.table) : this.last?.restore ?? '', stderr: '', exitCode: 0 };
      case 'conntrack': return conntrackCommand(this.conntrack, args);
      case 'ipvsadm': return ipvs ? ipvsCommand(ipvs, args) : { stdout: 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n', stderr: '', exitCode: 0 };
      case 'ipset': return ipvs ? ipsetCommand(ipvs, args) : { stdout: '', stderr: '', exitCode: 0 };
      case 'nft': return nftCommand(this.nft?.table, args);
      default: return notFound(cmd);
    }
  }
}
