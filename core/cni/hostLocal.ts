// host-local IPAM as the bridge plugin uses it: addresses from the node's podCIDR,
// .1 kept for the cni0 gateway, allocation continuing after the last one handed out
// (so a just-released IP is not reused at once), wrapping around at the end.

import { intToIp, parseCidr, type Cidr } from '../net/ip.ts';

export class HostLocalIpam {
  readonly cidr: Cidr | undefined;
  private used = new Map<number, string>();
  private last: number;
  private released = 0;

  constructor(podCIDR: string | undefined) {
    this.cidr = podCIDR ? parseCidr(podCIDR) : undefined;
    this.last = this.cidr ? this.cidr.base + 1 : 0;
  }

  /** host-local's last_reserved_ip.0: where the next search starts. */
  get lastReserved(): string | undefined {
    return this.cidr && this.used.size + this.released > 0 ? intToIp(this.last) : undefined;
  }

  /** The range as host-local's error messages print it. */
  get rangeText(): string {
    return this.cidr?.text ?? '<none>';
  }

  get gateway(): string | undefined {
    return this.cidr ? intToIp(this.cidr.base + 1) : undefined;
  }

  /** Allocates an address for a container (sandbox) id; undefined when the range is exhausted. */
  allocate(id: string): string | undefined {
    const c = this.cidr;
    if (!c) return undefined;
    const first = c.base + 2;
    const lastUsable = c.base + c.size - 2;
    const span = lastUsable - first + 1;
    for (let i = 1; i <= span; i++) {
      const n = first + ((this.last - first + i + span) % span);
      if (!this.used.has(n)) {
        this.used.set(n, id);
        this.last = n;
        return intToIp(n);
      }
    }
    return undefined;
  }

  release(id: string): void {
    for (const [n, owner] of this.used) if (owner === id) {
      this.used.delete(n);
      this.released++;
    }
  }

  /** Addresses in use with their owners, as /var/lib/cni/networks/cbr0/<ip> files hold them. */
  leases(): { ip: string; id: string }[] {
    return [...this.used].sort((a, b) => a[0] - b[0]).map(([n, id]) => ({ ip: intToIp(n), id }));
  }
}
