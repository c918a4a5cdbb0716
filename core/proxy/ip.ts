// IP parsing the way kube-proxy does it (Go netutils.ParseIPSloppy: IPv4 octets may
// carry leading zeros) and printing the way Go's net.IP.String() does.

export interface IP { v6: boolean; bytes: number[] }
export interface CIDR { ip: IP; bits: number }

function parseV4(s: string): number[] | null {
  const out: number[] = [];
  let n = 0, digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || n > 255 || out.length === 4) return null;
      out.push(n);
      n = 0; digits = 0;
    } else if (c >= 48 && c <= 57 && ++digits <= 3) n = n * 10 + (c - 48);
    else return null;
  }
  return out.length === 4 ? out : null;
}

function parseV6(s: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

export function parseIP(s: string): IP | null {
  if (s.includes(':')) {
    const b = parseV6(s);
    return b ? { v6: true, bytes: b } : null;
  }
  const b = parseV4(s);
  return b ? { v6: false, bytes: b } : null;
}

export function formatIP(ip: IP): string {
  const b = ip.bytes;
  if (!ip.v6) return b.join('.');
  const isMapped = b.slice(0, 10).every((x) => x === 0) && b[10] === 255 && b[11] === 255;
  if (isMapped) return b.slice(12).join('.');
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hexes = g.map((x) => x.toString(16));
  if (bestStart < 0) return hexes.join(':');
  return hexes.slice(0, bestStart).join(':') + '::' + hexes.slice(bestStart + bestLen).join(':');
}

/** A canonical dotted quad (octets 0-255, no leading zeros): the common case, already in Go's spelling. */
export function plainV4(v: string): boolean {
  let digits = 0, dots = 0, octet = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return false;
      dots++; digits = 0; octet = 0;
      continue;
    }
    if (c < 48 || c > 57 || (digits === 1 && octet === 0) || ++digits > 3) return false;
    octet = octet * 10 + (c - 48);
    if (octet > 255) return false;
  }
  return dots === 3 && digits > 0;
}

/** Canonical spelling, or null when unparseable. */
export const canonicalIP = (s: string): string | null => {
  if (plainV4(s)) return s;
  const ip = parseIP(s);
  return ip ? formatIP(ip) : null;
};

export function parseCIDR(s: string): CIDR | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIP(s.slice(0, slash));
  const lenStr = s.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(lenStr)) return null;
  const bits = parseInt(lenStr, 10);
  if (bits > ip.bytes.length * 8) return null;
  return { ip: { v6: ip.v6, bytes: maskBytes(ip.bytes, bits) }, bits };
}

function maskBytes(bytes: number[], bits: number): number[] {
  return bytes.map((x, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return x & ((0xff << (8 - keep)) & 0xff);
  });
}

export const formatCIDR = (c: CIDR): string => `${formatIP(c.ip)}/${c.bits}`;

export function cidrContains(c: CIDR, ip: IP): boolean {
  if (c.ip.v6 !== ip.v6) return false;
  const m = maskBytes(ip.bytes, c.bits);
  return m.every((x, i) => x === c.ip.bytes[i]);
}

export const isIPv6String = (s: string): boolean => s.includes(':');

/** Go net.JoinHostPort. */
export const joinHostPort = (ip: string, port: number): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
