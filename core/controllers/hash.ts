// pod-template-hash: a 32-bit FNV-1a of the pod template, rendered with Kubernetes'
// SafeEncodeString alphabet (no vowels, so no accidental words). Upstream hashes Go's
// spew dump of the template, so the values differ from a real cluster's; the shape
// (e.g. "7d4b9c8f5") and the stability across identical templates are the same.

import type { PodTemplateSpec } from '../api/types.ts';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const safeEncode = (s: string): string => [...s].map((c) => ALPHABET[c.charCodeAt(0) % ALPHABET.length]).join('');

/** Stable JSON: object keys sorted, so equal templates hash equally however they were written. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJSON((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

export const podTemplateHash = (t: PodTemplateSpec): string => {
  const { metadata, spec } = t;
  const labels = { ...(metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return safeEncode(String(fnv32a(canonicalJSON({ labels, annotations: metadata?.annotations, spec }))));
};
