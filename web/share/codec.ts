// Payload ⇄ URL-safe text. Wire format "kp1": a JSON header line (paths, lengths, seed, time,
// view, inputs), then the files' texts back to back — raw YAML compresses far better than YAML
// escaped inside JSON — DEFLATE'd with a preset dictionary, then base64url.
import { deflateSync, inflateSync } from 'fflate';
import { DICTIONARY_KP1 } from './dictionary.ts';
import { checkPayload, type SharePayload } from './payload.ts';
import { LIMITS, decodeText, type Checked } from './validate.ts';
import { refuse } from './refusals.ts';

export const FORMAT = 'kp1';
/** Longest encoded text accepted: a hostile link cannot make us inflate a huge input. */
export const MAX_ENCODED = 4 * 1024 * 1024;
/** Largest inflated size: the workspace limit plus room for the header and recorded inputs. */
const MAX_INFLATED = LIMITS.bytes + 1024 * 1024;
const dictionary = new TextEncoder().encode(DICTIONARY_KP1);

interface Header {
  v: 1;
  p: string[];
  n: number[];
  s: number;
  t?: number;
  g: SharePayload['view'];
  a?: string;
  i?: SharePayload['inputs'];
}

export function encodePayload(p: SharePayload): string {
  const header: Header = { v: 1, p: p.files.map((f) => f.path), n: p.files.map((f) => f.content.length), s: p.seed, g: p.view };
  if (p.time !== undefined) header.t = p.time;
  if (p.active) header.a = p.active;
  if (p.inputs) header.i = p.inputs;
  const text = JSON.stringify(header) + '\n' + p.files.map((f) => f.content).join('');
  return `${FORMAT}.${toBase64Url(deflateSync(new TextEncoder().encode(text), { level: 9, dictionary }))}`;
}

export function decodePayload(encoded: string): Checked<SharePayload> {
  if (encoded.length > MAX_ENCODED) return refuse('linkTooLong');
  const [format, data] = encoded.split('.', 2);
  if (format !== FORMAT || !data) return refuse('notKubeplay');
  const bytes = fromBase64Url(data);
  if (!bytes) return refuse('notBase64');
  let inflated: Uint8Array;
  try {
    // One byte more than allowed: if it fills up, the content was too large (a zip bomb, say).
    inflated = inflateSync(bytes, { dictionary, out: new Uint8Array(MAX_INFLATED + 1) });
  } catch {
    return refuse('noInflate');
  }
  if (inflated.length > MAX_INFLATED) return refuse('linkTooLarge');
  const text = decodeText(inflated);
  if (!text.ok) return text;
  const nl = text.value.indexOf('\n');
  let header: Partial<Header>;
  try {
    header = JSON.parse(nl < 0 ? text.value : text.value.slice(0, nl)) as Partial<Header>;
  } catch {
    return refuse('headerNotJson');
  }
  if (header?.v !== 1 || !Array.isArray(header.p) || !Array.isArray(header.n) || header.p.length !== header.n.length) return refuse('badFileList');
  const body = text.value.slice(nl + 1);
  const files = [];
  let at = 0;
  for (const [i, path] of header.p.entries()) {
    const n = header.n[i] ?? -1;
    if (!Number.isInteger(n) || n < 0 || at + n > body.length) return refuse('fileCut');
    files.push({ path, content: body.slice(at, at + n) });
    at += n;
  }
  if (at !== body.length) return refuse('trailingText');
  return checkPayload({ files, seed: header.s, time: header.t, view: header.g, active: header.a, inputs: header.i });
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
