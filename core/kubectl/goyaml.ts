// `-o yaml` as kubectl writes it: JSON re-encoded by sigs.k8s.io/yaml, i.e. go-yaml v2's
// emitter (libyaml rules). Reproduced here because its choices are visible to users:
// keys in go-yaml's "natural" order, sequences not indented under their key, strings that
// would read as another type double-quoted ("2024-01-01T00:00:00Z", "80", "true", ""),
// strings with indicators single-quoted, multi-line strings as `|` blocks, and long
// scalars folded at the first space past column 80.
import { formatYamlFloat } from './gofloat.ts';

const BEST_WIDTH = 80;

// ---- key order (yaml.v2 keyList.Less) ----
const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i]!;
    const bc = br[i]!;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    // Both non-letters: runs of digits compare by numeric value.
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

const yamlKeyCompare = (a: string, b: string): number => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0);

// ---- would a plain scalar read back as something other than a string? (yaml.v2 resolve) ----
const NON_STRINGS = new Set([
  '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE',
  'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF',
  '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
]);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[-+][0-9]{2}:[0-9]{2}))|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?))?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function resolvesToNonString(s: string): boolean {
  if (s === '' || NON_STRINGS.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  const plain = s.replaceAll('_', '');
  return FLOAT.test(plain) || GO_INT.test(plain) || TIMESTAMP.test(s) || BASE60_FLOAT.test(s);
}

// ---- libyaml scalar analysis ----
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff)
    || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || cp >= 0x10000;
}

interface Analysis { blockPlain: boolean; single: boolean; block: boolean; multiline: boolean }

function analyze(s: string): Analysis {
  const ch = [...s];
  // Only block-context indicators matter: everything is emitted in block style.
  let blockInd = false, special = false, lineBreaks = false;
  let leadSpace = false, leadBreak = false, trailSpace = false, trailBreak = false, breakSpace = false, spaceBreak = false;
  let prevSpace = false, prevBreak = false, precededByWs = true;
  if (s.startsWith('---') || s.startsWith('...')) blockInd = true;
  ch.forEach((c, i) => {
    const followedByWs = isBlankz(ch[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockInd = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWs) blockInd = true;
    } else if ((c === ':' && followedByWs) || (c === '#' && precededByWs)) {
      blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadSpace = true;
      if (i === ch.length - 1) trailSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadBreak = true;
      if (i === ch.length - 1) trailBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false; prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = isBlankz(c);
  });
  let blockPlain = true, single = true, block = true;
  if (leadSpace || leadBreak || trailSpace || trailBreak) blockPlain = false;
  if (trailSpace) block = false;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || special) blockPlain = single = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockInd) blockPlain = false;
  return { blockPlain, single, block, multiline: lineBreaks };
}

// ---- the emitter ----
class Out {
  text = '';
  column = 0;
  put(s: string): void {
    this.text += s;
    this.column += [...s].length;
  }
  newline(indent: number): void {
    this.text += '\n' + ' '.repeat(indent);
    this.column = indent;
  }
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\x0b': '\\v', '\f': '\\f', '\r': '\\r',
  '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P',
};

function doubleEscape(c: string): string | undefined {
  if (isPrintable(c) && !isBreak(c) && c !== '"' && c !== '\\' && c !== '\ufeff') return undefined;
  const known = DOUBLE_ESCAPES[c];
  if (known) return known;
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  return cp <= 0xff ? '\\x' + hex.padStart(2, '0') : cp <= 0xffff ? '\\u' + hex.padStart(4, '0') : '\\U' + hex.padStart(8, '0');
}

/** Writes a flow scalar (plain, 'single' or "double"), folding at spaces past BEST_WIDTH. */
function writeFlow(out: Out, s: string, style: 'plain' | 'single' | 'double', indent: number, breaks: boolean): void {
  const ch = [...s];
  const quote = style === 'single' ? "'" : style === 'double' ? '"' : '';
  out.put(quote);
  let spaces = false;
  ch.forEach((c, i) => {
    const esc = style === 'double' ? doubleEscape(c) : undefined;
    if (esc !== undefined) {
      out.put(esc);
      spaces = false;
    } else if (c === ' ') {
      const inner = style === 'plain' || (i !== 0 && i !== ch.length - 1);
      const nextIsSpace = ch[i + 1] === ' ';
      if (breaks && !spaces && out.column > BEST_WIDTH && inner && (style === 'double' || !nextIsSpace)) {
        out.newline(indent);
        if (style === 'double' && nextIsSpace) out.put('\\');
      } else out.put(c);
      spaces = true;
    } else {
      out.put(style === 'single' && c === "'" ? "''" : c);
      spaces = false;
    }
  });
  out.put(quote);
}

function writeLiteral(out: Out, s: string, indent: number): void {
  const ch = [...s];
  let hints = isBreak(ch[0]) || ch[0] === ' ' ? '2' : '';
  const last = ch.length - 1;
  if (!isBreak(ch[last])) hints += '-';
  else if (last === 0 || isBreak(ch[last - 1])) hints += '+';
  out.put('|' + hints);
  out.text += '\n';
  out.column = 0;
  let atLineStart = true;
  for (const c of ch) {
    if (isBreak(c)) {
      out.text += '\n';
      out.column = 0;
      atLineStart = true;
    } else {
      if (atLineStart) out.put(' '.repeat(indent));
      out.put(c);
      atLineStart = false;
    }
  }
  // A trailing break already ended the last line; otherwise the caller's newline does.
  if (out.text.endsWith('\n')) out.text = out.text.slice(0, -1);
}

/** Emits a string scalar; `indent` is where folded lines continue. */
function writeString(out: Out, s: string, indent: number, simpleKey: boolean): void {
  const a = analyze(s);
  let style: 'plain' | 'single' | 'double' | 'literal' =
    s.includes('\n') ? 'literal' : resolvesToNonString(s) ? 'double' : 'plain';
  if (style === 'plain' && (!a.blockPlain || (simpleKey && a.multiline))) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  if (style === 'literal') writeLiteral(out, s, indent);
  else writeFlow(out, s, style, indent, !simpleKey);
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatYamlFloat(v);
  return undefined;
}

const isEmptyCollection = (v: unknown): string | undefined =>
  Array.isArray(v) ? (v.length === 0 ? '[]' : undefined)
  : typeof v === 'object' && v !== null ? (Object.keys(v).length === 0 ? '{}' : undefined)
  : undefined;

/** Writes a value that follows "key:" or "- " on the current line. */
function emitInline(out: Out, v: unknown, indent: number, afterDash: boolean): void {
  const empty = isEmptyCollection(v);
  const text = scalarText(v);
  if (typeof v === 'string') {
    out.put(' ');
    writeString(out, v, indent + 2, false);
  } else if (text !== undefined || empty !== undefined) {
    out.put(' ' + (text ?? empty));
  } else if (Array.isArray(v)) {
    // Under a key the sequence is not indented; under "- " it nests on the same line.
    if (afterDash) { out.put(' '); emitSeq(out, v, indent + 2, true); }
    else { emitSeq(out, v, indent, false); }
  } else if (afterDash) {
    out.put(' ');
    emitMap(out, v as Record<string, unknown>, indent + 2, true);
  } else {
    emitMap(out, v as Record<string, unknown>, indent + 2, false);
  }
}

function emitMap(out: Out, m: Record<string, unknown>, indent: number, inline: boolean): void {
  const keys = Object.keys(m).filter((k) => m[k] !== undefined).sort(yamlKeyCompare);
  keys.forEach((k, i) => {
    if (!(inline && i === 0)) out.newline(indent);
    writeString(out, k, indent, true);
    out.put(':');
    emitInline(out, m[k], indent, false);
  });
}

function emitSeq(out: Out, items: unknown[], indent: number, inline: boolean): void {
  items.forEach((item, i) => {
    if (!(inline && i === 0)) out.newline(indent);
    out.put('-');
    emitInline(out, item, indent, true);
  });
}

export function toGoYAML(value: unknown): string {
  const out = new Out();
  const empty = isEmptyCollection(value);
  const text = scalarText(value);
  if (empty !== undefined || text !== undefined) return (empty ?? text) + '\n';
  if (typeof value === 'string') writeString(out, value, 2, false);
  else if (Array.isArray(value)) emitSeq(out, value, 0, true);
  else emitMap(out, value as Record<string, unknown>, 0, true);
  return out.text + '\n';
}
