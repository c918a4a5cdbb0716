// `-o json` as kubectl writes it: encoding/json MarshalIndent(obj, "", "    ") of an
// unstructured object — map keys in byte order, HTML-safe escapes (<, >, & as \u003c ...),
// empty objects and arrays kept as {} and [] — plus a trailing newline.
import { byteCompare } from './labelFormat.ts';

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const short = SHORT_ESCAPES[ch];
    const cp = ch.codePointAt(0)!;
    if (short) out += short;
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** indent null: compact (json.Marshal); else MarshalIndent with four spaces per level. */
function encode(v: unknown, indent: string | null): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJSONString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  const inner = indent === null ? null : indent + '    ';
  const wrap = (open: string, parts: string[], close: string): string =>
    inner === null ? open + parts.join(',') + close : `${open}\n${parts.map((p) => inner + p).join(',\n')}\n${indent}${close}`;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : wrap('[', v.map((x) => encode(x, inner)), ']');
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => byteCompare(a, b));
  if (entries.length === 0) return '{}';
  return wrap('{', entries.map(([k, x]) => `${goJSONString(k)}:${inner === null ? '' : ' '}${encode(x, inner)}`), '}');
}

export function toGoJSON(value: unknown): string {
  return encode(value, '') + '\n';
}

/** json.Marshal: no whitespace, no trailing newline. */
export const toCompactGoJSON = (value: unknown): string => encode(value, null);
