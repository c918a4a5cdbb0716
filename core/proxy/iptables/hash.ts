// Chain-name hashing as kube-proxy does it: base32(sha256(s)), standard alphabet.
// Pure TS so core/ stays host-independent (no node:crypto, no WebCrypto: it is async).

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export function utf8(s: string): Uint8Array {
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) { ascii = false; break; }
  if (ascii) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

// Scratch space reused by every call: chain naming hashes tens of thousands of short strings.
const W = new Int32Array(64);
const H = new Int32Array(8);
const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const KI = Int32Array.from(K);

function compress(block: Uint8Array, off: number): void {
  const w = W;
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    w[i] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!, b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = H[0]!, b = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + KI[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  H[0] = H[0]! + a; H[1] = H[1]! + b; H[2] = H[2]! + c; H[3] = H[3]! + d;
  H[4] = H[4]! + e; H[5] = H[5]! + f; H[6] = H[6]! + g; H[7] = H[7]! + h;
}

/** Pads `n` message bytes already in `buf` and hashes them into H. */
function digest(buf: Uint8Array, n: number): void {
  const end = ((n + 9 + 63) >> 6) << 6;
  buf.fill(0, n, end);
  buf[n] = 0x80;
  const bitLen = n * 8;
  buf[end - 5] = Math.floor(bitLen / 0x100000000) & 255;
  buf[end - 4] = (bitLen >>> 24) & 255; buf[end - 3] = (bitLen >>> 16) & 255;
  buf[end - 2] = (bitLen >>> 8) & 255; buf[end - 1] = bitLen & 255;
  H.set(INIT);
  for (let off = 0; off < end; off += 64) compress(buf, off);
}

export function sha256(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  buf.set(data);
  digest(buf, data.length);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = H[i]!;
    out[i * 4] = v >>> 24; out[i * 4 + 1] = (v >>> 16) & 255; out[i * 4 + 2] = (v >>> 8) & 255; out[i * 4 + 3] = v & 255;
  }
  return out;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 with the standard alphabet and '=' padding (Go's base32.StdEncoding). */
export function base32(data: Uint8Array): string {
  let out = '';
  let buf = 0, bits = 0;
  for (const byte of data) {
    buf = (buf << 8) | byte; bits += 8;
    while (bits >= 5) { out += B32[(buf >>> (bits - 5)) & 31]; bits -= 5; }
    buf &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(buf << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

export const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

let scratch = new Uint8Array(256);

const c = (v: number, shift: number): number => B32.charCodeAt((v >> shift) & 31);

/**
 * `prefix` + the first 16 base32 characters (80 bits) of sha256(s): kube-proxy's chain-name
 * hash. Built as one flat string: a `prefix + hash` concatenation would be a rope, flattened
 * into a second copy the first time the name is a map key (and chain names all are).
 */
export function hash16(s: string, prefix = ''): string {
  let n = s.length;
  let ascii = true;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 127) { ascii = false; break; }
  const bytes = ascii ? undefined : utf8(s);
  if (bytes) n = bytes.length;
  if (scratch.length < n + 72) scratch = new Uint8Array(2 * (n + 72));
  if (bytes) scratch.set(bytes);
  else for (let i = 0; i < n; i++) scratch[i] = s.charCodeAt(i);
  digest(scratch, n);
  // 80 bits: H[0], H[1] and the top 16 bits of H[2], as two 40-bit groups of 8 characters.
  const h0 = H[0]! >>> 0, h1 = H[1]! >>> 0, h2 = H[2]! >>> 0;
  const g1hi = h0 >>> 12, g1lo = ((h0 & 0xfff) << 8) | (h1 >>> 24);
  const g2hi = (h1 >>> 4) & 0xfffff, g2lo = ((h1 & 15) << 16) | (h2 >>> 16);
  const p = prefix.length;
  const codes: number[] = new Array<number>(p + 16);
  for (let i = 0; i < p; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = 0; i < 4; i++) {
    const shift = 15 - 5 * i;
    codes[p + i] = c(g1hi, shift); codes[p + 4 + i] = c(g1lo, shift);
    codes[p + 8 + i] = c(g2hi, shift); codes[p + 12 + i] = c(g2lo, shift);
  }
  return String.fromCharCode.apply(null, codes);
}
