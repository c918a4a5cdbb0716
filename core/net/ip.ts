// IPv4 arithmetic shared by the API server (ClusterIPs), CNI IPAM and the proxier.

export function ipToInt(ip: string): number | undefined {
  const p = ip.split('.');
  if (p.length !== 4) return undefined;
  let n = 0;
  for (const s of p) {
    if (!/^\d{1,3}$/.test(s)) return undefined;
    const v = Number(s);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export const intToIp = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

export interface Cidr {
  base: number;
  bits: number;
  size: number;
  text: string;
}

export function parseCidr(s: string): Cidr | undefined {
  const [ip, b] = s.split('/');
  const n = ip === undefined ? undefined : ipToInt(ip);
  const bits = Number(b);
  if (n === undefined || !/^\d+$/.test(b ?? '') || bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const base = n - (n % size);
  return { base, bits, size, text: `${intToIp(base)}/${bits}` };
}

export const cidrContains = (c: Cidr, ip: string): boolean => {
  const n = ipToInt(ip);
  return n !== undefined && n >= c.base && n < c.base + c.size;
};

/** The i-th subnet of `bits` inside `c` (e.g. the i-th /24 of 10.244.0.0/16). */
export function subnet(c: Cidr, bits: number, i: number): Cidr | undefined {
  const size = 2 ** (32 - bits);
  const base = c.base + i * size;
  if (bits < c.bits || base + size > c.base + c.size) return undefined;
  return { base, bits, size, text: `${intToIp(base)}/${bits}` };
}
