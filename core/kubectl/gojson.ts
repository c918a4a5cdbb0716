// `-o json` as kubectl writes it: encoding/json MarshalIndent(obj, "", "    ") of an
// unstructured object — map keys in byte order, HTML-safe escapes (<, >, & as \u003c ...),
// empty objects and arrays kept as {} and [] — plus a trailing newline.
import { byteCompare } from './labels.ts';

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

function encode(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJSONString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + encode(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => byteCompare(a, b));
  if (entries.length === 0) return '{}';
  return '{\n' + entries.map(([k, x]) => `${inner}${goJSONString(k)}: ${encode(x, inner)}`).join(',\n') + '\n' + indent + '}';
}

export function toGoJSON(value: unknown): string {
  return encode(value, '') + '\n';
}
