// Service IP and NodePort allocators, as kube-apiserver's: ClusterIPs come from the
// service CIDR (the first address is the `kubernetes` Service, .10 is kube-dns by
// convention), NodePorts from 30000-32767. Choice is random but seeded.

import { intToIp, parseCidr, type Cidr, cidrContains, ipToInt } from '../net/ip.ts';
import type { Rng } from './rng.ts';

export class ClusterIPAllocator {
  readonly cidr: Cidr;
  private used = new Set<number>();
  constructor(cidrText: string, private rng: Rng) {
    this.cidr = parseCidr(cidrText) ?? parseCidr('10.96.0.0/12')!;
  }
  contains(ip: string): boolean {
    return cidrContains(this.cidr, ip);
  }
  /** Reserves a requested IP; returns an error text when it cannot. */
  reserve(ip: string): string | undefined {
    const n = ipToInt(ip);
    if (n === undefined || !this.contains(ip) || n === this.cidr.base || n === this.cidr.base + this.cidr.size - 1)
      return `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`;
    if (this.used.has(n)) return `failed to allocate IP ${ip}: provided IP is already allocated`;
    this.used.add(n);
    return undefined;
  }
  allocate(): string | undefined {
    const first = this.cidr.base + 1;
    const count = this.cidr.size - 2;
    // Dynamic allocation prefers the upper part of the range, leaving the low part for static IPs (KEP-3070).
    const reserved = Math.min(Math.max(16, Math.floor(count / 16)), 256);
    for (let tries = 0; tries < 64; tries++) {
      const n = first + reserved + this.rng.int(count - reserved);
      if (!this.used.has(n)) {
        this.used.add(n);
        return intToIp(n);
      }
    }
    for (let n = first; n < first + count; n++) if (!this.used.has(n)) return this.used.add(n), intToIp(n);
    return undefined;
  }
  release(ip: string): void {
    const n = ipToInt(ip);
    if (n !== undefined) this.used.delete(n);
  }
}

export class NodePortAllocator {
  private used = new Set<number>();
  constructor(private rng: Rng, readonly min = 30000, readonly max = 32767) {}
  reserve(p: number): string | undefined {
    if (p < this.min || p > this.max) return `provided port is not in the valid range. The range of valid ports is ${this.min}-${this.max}`;
    if (this.used.has(p)) return 'provided port is already allocated';
    this.used.add(p);
    return undefined;
  }
  allocate(): number | undefined {
    const span = this.max - this.min + 1;
    for (let i = 0; i < 64; i++) {
      const p = this.min + this.rng.int(span);
      if (!this.used.has(p)) return this.used.add(p), p;
    }
    for (let p = this.min; p <= this.max; p++) if (!this.used.has(p)) return this.used.add(p), p;
    return undefined;
  }
  release(p: number | undefined): void {
    if (p !== undefined) this.used.delete(p);
  }
}
