// The part of client-go's JSONPath that kubectl users write: `{.a.b}`, `[*]`, `[0]`,
// `[-1]`, `[1:3]`, `['key']`, `[?(@.type=="Ready")]`, `..name`, `{range ...}{end}` and
// quoted literals such as `{"\n"}`. kubectl allows missing keys, so a path that matches
// nothing prints nothing.
import { toCompactGoJSON } from './gojson.ts';

type Seg =
  | { t: 'field'; name: string }
  | { t: 'wild' }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'filter'; left: Seg[]; op?: string; right?: Seg[] | unknown }
  | { t: 'recursive'; name: string };

export type TemplateNode = { t: 'text'; text: string } | { t: 'path'; segs: Seg[] } | { t: 'range'; segs: Seg[]; body: TemplateNode[] };

const FIELD_CHAR = /[^.[\]\s\\]/;

/** Reads `.a.b[0]['x']` (after an optional `$` or `@`) into segments. */
function parsePath(src: string): Seg[] {
  const segs: Seg[] = [];
  let i = src.startsWith('$') || src.startsWith('@') ? 1 : 0;
  const name = (): string => {
    let s = '';
    while (i < src.length && (FIELD_CHAR.test(src[i]!) || src[i] === '\\')) {
      if (src[i] === '\\' && i + 1 < src.length) i++;
      s += src[i++];
    }
    return s;
  };
  while (i < src.length) {
    if (src.startsWith('..', i)) {
      i += 2;
      segs.push({ t: 'recursive', name: name() });
    } else if (src[i] === '.') {
      i++;
      const n = name();
      if (n) segs.push(n === '*' ? { t: 'wild' } : { t: 'field', name: n });
    } else if (src[i] === '[') {
      const close = bracketEnd(src, i);
      segs.push(parseBracket(src.slice(i + 1, close).trim()));
      i = close + 1;
    } else if (/\s/.test(src[i]!)) {
      i++;
    } else {
      throw new Error(`unrecognized character in action: ${src.slice(i)}`);
    }
  }
  return segs;
}

function bracketEnd(src: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new Error('unterminated array');
}

const unquote = (s: string): string => (s.startsWith('"') ? (JSON.parse(s) as string) : s.slice(1, -1));

function parseBracket(inner: string): Seg {
  if (inner === '*') return { t: 'wild' };
  if (/^(['"]).*\1$/.test(inner)) return { t: 'field', name: unquote(inner) };
  if (inner.startsWith('?(') && inner.endsWith(')')) return parseFilter(inner.slice(2, -1).trim());
  const slice = /^(-?\d*)\s*:\s*(-?\d*)$/.exec(inner);
  if (slice) return { t: 'slice', start: slice[1] ? Number(slice[1]) : undefined, end: slice[2] ? Number(slice[2]) : undefined };
  if (/^-?\d+$/.test(inner)) return { t: 'index', i: Number(inner) };
  throw new Error(`invalid array index ${inner}`);
}

function parseFilter(expr: string): Seg {
  const m = /^(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
  if (!m) return { t: 'filter', left: parsePath(expr) };
  const raw = m[3]!.trim();
  const right = raw.startsWith('@') ? parsePath(raw) : /^(['"]).*\1$/.test(raw) ? unquote(raw) : raw === 'true' || raw === 'false' ? raw === 'true' : Number(raw);
  return { t: 'filter', left: parsePath(m[1]!), op: m[2], right };
}

/** A template: text outside braces, actions inside; `range` blocks close with `end`. */
export function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: TemplateNode[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const top = stack[stack.length - 1]!;
    if (open < 0) {
      top.push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) top.push({ t: 'text', text: template.slice(i, open) });
    const close = actionEnd(template, open);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      if (stack.length === 1) throw new Error('not in range, nothing to end');
      stack.pop();
    } else if (action.startsWith('range ')) {
      const node: TemplateNode = { t: 'range', segs: parsePath(action.slice(6).trim()), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (/^(['"]).*\1$/s.test(action)) {
      top.push({ t: 'text', text: unquote(action) });
    } else {
      top.push({ t: 'path', segs: parsePath(action) });
    }
  }
  if (stack.length > 1) throw new Error('unclosed action');
  return root;
}

function actionEnd(s: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  throw new Error('unclosed action');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sortedValues = (o: Record<string, unknown>): unknown[] => Object.keys(o).sort().map((k) => o[k]);

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return (a as number) < (b as number);
    case '>': return (a as number) > (b as number);
    case '<=': return (a as number) <= (b as number);
    default: return (a as number) >= (b as number);
  }
}

function step(values: unknown[], seg: Seg): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (seg.t) {
      case 'field':
        if (isObject(v) && seg.name in v && v[seg.name] !== undefined) out.push(v[seg.name]);
        break;
      case 'wild':
        if (Array.isArray(v)) out.push(...v);
        else if (isObject(v)) out.push(...sortedValues(v));
        break;
      case 'index':
        if (Array.isArray(v)) {
          const i = seg.i < 0 ? v.length + seg.i : seg.i;
          if (i >= 0 && i < v.length) out.push(v[i]);
        }
        break;
      case 'slice':
        if (Array.isArray(v)) out.push(...v.slice(seg.start ?? 0, seg.end ?? v.length));
        break;
      case 'filter':
        if (Array.isArray(v)) out.push(...v.filter((x) => matches(x, seg)));
        break;
      case 'recursive':
        collect(v, seg.name, out);
        break;
    }
  }
  return out;
}

function matches(x: unknown, f: Extract<Seg, { t: 'filter' }>): boolean {
  const left = evalPath([x], f.left);
  if (!f.op) return left.length > 0;
  const right = Array.isArray(f.right) ? evalPath([x], f.right as Seg[])[0] : f.right;
  return left.length > 0 && compare(left[0], f.op, right);
}

function collect(v: unknown, name: string, out: unknown[]): void {
  if (isObject(v)) {
    if (name in v) out.push(v[name]);
    for (const child of sortedValues(v)) collect(child, name, out);
  } else if (Array.isArray(v)) {
    for (const child of v) collect(child, name, out);
  }
}

export function evalPath(values: unknown[], segs: Seg[]): unknown[] {
  return segs.reduce(step, values);
}

/** One value as the JSONPath printer writes it: maps and lists as compact JSON, the rest as text. */
function valueText(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return toCompactGoJSON(v);
  return String(v);
}

export function execute(nodes: TemplateNode[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.text;
    else if (n.t === 'path') out += evalPath([data], n.segs).map(valueText).join(' ');
    else for (const item of evalPath([data], n.segs)) out += execute(n.body, item);
  }
  return out;
}

/** RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
export function relaxedPath(expr: string): string | Error {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) return new Error("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}
