// kube-proxy on one node, as the engine runs it: it watches Services and EndpointSlices
// and re-syncs its rules. Syncs are batched (kube-proxy's minSyncPeriod) and run when
// someone looks at the node's rules, so a large cluster costs nothing until inspected.

import type { EndpointSlice, Node, Service } from '../api/types.ts';
import type { Context } from '../api/context.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { IptablesProxier, type SyncResult } from './iptables/proxier.ts';
import { iptablesSave } from './iptables/save.ts';
import type { CommandResult } from '../shell/types.ts';

export class KubeProxy {
  readonly proxier: IptablesProxier;
  private dirty = true;
  last?: SyncResult;
  /** Every restore text this kube-proxy sent, newest last (bounded), for "what my edit did". */
  readonly history: { at: number; result: SyncResult }[] = [];

  constructor(private ctx: Context, readonly node: Node) {
    const ips = (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
    this.proxier = new IptablesProxier({
      nodeName: node.metadata.name,
      nodeIPs: ips,
      clusterCIDR: ctx.settings.proxy.clusterCIDR,
      masqueradeAll: ctx.settings.proxy.masqueradeAll,
      nodeLabels: node.metadata.labels ?? {},
    });
    ctx.api.store.watch(['Service', 'EndpointSlice'], () => {
      this.dirty = true;
    });
  }

  /** Brings the rules up to date with the API server's Services and EndpointSlices. */
  sync(): SyncResult {
    if (!this.dirty && this.last) return this.last;
    const services = this.ctx.api.list<Service>('Service');
    const slices = this.ctx.api.list<EndpointSlice>('EndpointSlice');
    this.last = this.proxier.sync(services, slices, { now: this.ctx.clock.now() });
    this.dirty = false;
    this.history.push({ at: this.ctx.clock.now(), result: this.last });
    if (this.history.length > 50) this.history.shift();
    return this.last;
  }

  command(cmd: string, args: string[], now: number): CommandResult {
    this.sync();
    if (cmd === 'iptables-save') {
      const ti = args.findIndex((a) => a === '-t' || a === '--table');
      const table = ti >= 0 ? args[ti + 1] : undefined;
      if (table !== undefined && !['nat', 'filter', 'mangle', 'raw'].includes(table))
        return { stdout: '', stderr: `iptables-save: Table '${table}' does not exist\n`, exitCode: 1 };
      const text = iptablesSave(this.proxier.kernel, { table: table as 'nat' | 'filter' | 'mangle' | undefined, date: new Date(EPOCH_MS + now) });
      return { stdout: text, stderr: '', exitCode: 0 };
    }
    if (cmd === 'kube-proxy-restore') return { stdout: this.last?.restore ?? '', stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `bash: ${cmd}: command not found\n`, exitCode: 127 };
  }
}
