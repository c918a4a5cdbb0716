// The text filters people put after a pipe — grep, head, tail, wc, sort, uniq, cut, awk's
// `{print $N}` — with GNU's options, messages and exit codes, reading a pipe or files.

import { fail, type CommandResult } from './types.ts';

/** Reads a file operand: a node's file or a workspace file, or the error `cat` would print. */
export type ReadFile = (path: string) => { text: string } | { error: string };

type Filter = (args: string[], stdin: string, read: ReadFile) => CommandResult;

const TABLE: Record<string, Filter> = {
  grep: (a, i, r) => grep(a, i, r),
  egrep: (a, i, r) => grep(['-E', ...a], i, r),
  fgrep: (a, i, r) => grep(['-F', ...a], i, r),
  head: (a, i, r) => headTail('head', a, i, r),
  tail: (a, i, r) => headTail('tail', a, i, r),
  wc: (a, i, r) => wc(a, i, r),
  sort: (a, i, r) => sort(a, i, r),
  uniq: (a, i, r) => uniq(a, i, r),
  cut: (a, i, r) => cut(a, i, r),
  awk: (a, i, r) => awk(a, i, r),
  cat: (a, i, r) => input('cat', a, i, r, (t) => out(t)),
  less: (a, i, r) => input('less', a, i, r, (t) => out(t)),
  more: (a, i, r) => input('more', a, i, r, (t) => out(t)),
};

/** The filter named `cmd`, if it is one (own keys only: `valueOf` is not a command). */
export const filterFor = (cmd: string): Filter | undefined => (Object.hasOwn(TABLE, cmd) ? TABLE[cmd] : undefined);

const out = (stdout: string, exitCode = 0): CommandResult => ({ stdout, stderr: '', exitCode });
const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
const join = (ls: string[]): string => ls.map((l) => `${l}\n`).join('');

interface Opts {
  flags: Map<string, string[]>;
  operands: string[];
}

/** POSIX getopt with GNU's argument permutation: `spec` as getopt's ("nvc" + "e:" for values). */
function getopt(cmd: string, args: string[], spec: string, longs: Record<string, string> = {}): Opts | CommandResult {
  const flags = new Map<string, string[]>();
  const operands: string[] = [];
  const add = (f: string, v = '') => flags.set(f, [...(flags.get(f) ?? []), v]);
  const takes = (f: string) => spec.includes(`${f}:`);
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const [name, value] = w.slice(2).split(/=(.*)/s, 2);
      const short = longs[name!];
      if (short === undefined) return usage(cmd, `${cmd}: unrecognized option '${w}'`);
      if (short === '') continue; // accepted, no effect in a pipe (e.g. --color)
      if (takes(short)) add(short, value ?? args[++i] ?? '');
      else add(short);
    } else if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      for (let j = 1; j < w.length; j++) {
        const f = w[j]!;
        if (!spec.includes(f)) return usage(cmd, `${cmd}: invalid option -- '${f}'`);
        if (takes(f)) {
          const v = j + 1 < w.length ? w.slice(j + 1) : args[++i];
          if (v === undefined) return usage(cmd, `${cmd}: option requires an argument -- '${f}'`);
          add(f, v);
          break;
        }
        add(f);
      }
    } else operands.push(w);
  }
  return { flags, operands };
}

function usage(cmd: string, message: string): CommandResult {
  const line = cmd === 'grep' ? 'Usage: grep [OPTION]... PATTERNS [FILE]...\n' : '';
  return fail(`${message}\n${line}Try '${cmd} --help' for more information.`, cmd === 'grep' ? 2 : 1);
}

const isResult = (o: Opts | CommandResult): o is CommandResult => 'exitCode' in o;

/** How each tool words a file it cannot read (GNU coreutils, grep, and Debian's mawk). */
function cannotRead(cmd: string, file: string, error: string): string {
  if (cmd === 'head' || cmd === 'tail') return `${cmd}: cannot open '${file}' for reading: ${error}`;
  if (cmd === 'sort') return `sort: cannot read: ${file}: ${error}`;
  if (cmd === 'awk') return `awk: cannot open ${file} (${error})`;
  return `${cmd}: ${file}: ${error}`;
}

/** The text of each input: stdin, or each file operand in turn, with the errors of those missing. */
function inputs(cmd: string, files: string[], stdin: string, read: ReadFile): { chunks: { name: string; text: string }[]; stderr: string } {
  if (!files.length) return { chunks: [{ name: '-', text: stdin }], stderr: '' };
  const chunks: { name: string; text: string }[] = [];
  let stderr = '';
  for (const f of files) {
    const r = f === '-' ? { text: stdin } : read(f);
    if ('error' in r) stderr += `${cannotRead(cmd, f, r.error)}\n`;
    else chunks.push({ name: f, text: r.text });
  }
  return { chunks, stderr };
}

/** Runs `fn` over stdin or the files' texts joined, as cat would feed them. */
function input(cmd: string, files: string[], stdin: string, read: ReadFile, fn: (text: string) => CommandResult, errCode = 1): CommandResult {
  const { chunks, stderr } = inputs(cmd, files, stdin, read);
  const res = fn(chunks.map((c) => c.text).join(''));
  return stderr ? { ...res, stderr: stderr + res.stderr, exitCode: errCode } : res;
}

/** A basic (BRE) pattern as a JS regex source: `\(`, `\|`, `\+` are the operators, `(` is literal. */
function fromBre(p: string): string {
  let s = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\' && i + 1 < p.length) {
      const n = p[++i]!;
      s += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else s += '(){}|+?'.includes(ch) ? `\\${ch}` : ch;
  }
  return s;
}

function grep(args: string[], stdin: string, read: ReadFile): CommandResult {
  const o = getopt('grep', args, 'ivcnEFGwxoqhHe:A:B:C:m:', {
    'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'extended-regexp': 'E', 'fixed-strings': 'F',
    'word-regexp': 'w', 'line-regexp': 'x', 'only-matching': 'o', quiet: 'q', silent: 'q', regexp: 'e', color: '', colour: '',
  });
  if (isResult(o)) return o;
  const f = (k: string) => o.flags.has(k);
  const patterns = o.flags.get('e') ?? [];
  if (!patterns.length) {
    const p = o.operands.shift();
    if (p === undefined) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
    patterns.push(...p.split('\n'));
  }
  const source = patterns.map((p) => {
    let s = f('F') ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f('E') ? p : fromBre(p);
    if (f('w')) s = `(?<![\\w])(?:${s})(?![\\w])`;
    if (f('x')) s = `^(?:${s})$`;
    return s;
  }).join('|');
  let re: RegExp;
  try {
    re = new RegExp(source, f('i') ? 'gi' : 'g');
  } catch {
    return fail('grep: Invalid regular expression', 2);
  }
  const num = (k: string) => Number(o.flags.get(k)?.at(-1) ?? 0);
  const after = num('A') || num('C');
  const before = num('B') || num('C');
  const max = o.flags.has('m') ? num('m') : Infinity;
  const { chunks, stderr } = inputs('grep', o.operands, stdin, read);
  // With more than one file, each line is prefixed with its file's name (unless -h).
  const named = o.operands.length > 1 && !f('h');
  let matched = false;
  let printed = '';
  for (const { name, text } of chunks) {
    const r = grepText(text, named ? `${name}:` : '');
    matched ||= r.exitCode === 0;
    printed += r.stdout;
    if (f('q') && matched) break;
  }
  return { stdout: f('q') ? '' : printed, stderr, exitCode: stderr && !(f('q') && matched) ? 2 : matched ? 0 : 1 };

  function grepText(text: string, prefix: string): CommandResult {
    const ls = lines(text);
    const hits: number[] = [];
    for (let n = 0; n < ls.length && hits.length < max; n++) {
      re.lastIndex = 0;
      if (re.test(ls[n]!) !== f('v')) hits.push(n);
    }
    if (f('c')) return out(`${prefix}${hits.length}\n`, hits.length ? 0 : 1);
    const shown: string[] = [];
    const isHit = new Set(hits); // context lines ask this per line: a Set, not hits.includes
    let last = -1;
    for (const n of hits) {
      if (f('o') && !f('v')) {
        for (const m of ls[n]!.matchAll(re)) if (m[0]) shown.push(prefix + (f('n') ? `${n + 1}:` : '') + m[0]);
        continue;
      }
      const from = Math.max(n - before, last + 1);
      if ((after || before) && last >= 0 && from > last + 1) shown.push('--');
      for (let k = from; k <= Math.min(n + after, ls.length - 1); k++) {
        if (k <= last) continue;
        const sep = isHit.has(k) ? ':' : '-';
        shown.push((prefix ? prefix.slice(0, -1) + sep : '') + (f('n') ? `${k + 1}${sep}` : '') + ls[k]!);
        last = k;
      }
    }
    return out(join(shown), hits.length ? 0 : 1);
  }
}

function headTail(cmd: 'head' | 'tail', args: string[], stdin: string, read: ReadFile): CommandResult {
  // `head -5` is `head -n 5`.
  const o = getopt(cmd, args.map((a, i) => (/^-\d+$/.test(a) && !['-n', '-c', '--lines', '--bytes'].includes(args[i - 1] ?? '') ? `-n${a.slice(1)}` : a)), 'n:c:qvf', { lines: 'n', bytes: 'c', quiet: 'q', silent: 'q', verbose: 'v', follow: 'f' });
  if (isResult(o)) return o;
  const spec = o.flags.get('n')?.at(-1) ?? '10';
  const m = /^([+-]?)(\d+)$/.exec(spec);
  if (!m) return fail(`${cmd}: invalid number of lines: ‘${spec}’`);
  const k = Number(m[2]);
  const pick = (text: string): string => {
    const ls = lines(text);
    if (cmd === 'head') return join(m[1] === '-' ? ls.slice(0, Math.max(0, ls.length - k)) : ls.slice(0, k));
    return join(m[1] === '+' ? ls.slice(Math.max(0, k - 1)) : k ? ls.slice(-k) : []);
  };
  // More than one file: each gets a `==> name <==` header (none with -q, always with -v).
  const { chunks, stderr } = inputs(cmd, o.operands, stdin, read);
  const headers = o.flags.has('v') || (o.operands.length > 1 && !o.flags.has('q'));
  const stdout = chunks.map((c, i) => (headers ? `${i ? '\n' : ''}==> ${c.name === '-' ? 'standard input' : c.name} <==\n` : '') + pick(c.text)).join('');
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function wc(args: string[], stdin: string, read: ReadFile): CommandResult {
  const o = getopt('wc', args, 'lwcm', { lines: 'l', words: 'w', bytes: 'c', chars: 'm' });
  if (isResult(o)) return o;
  const which = ['l', 'w', 'm', 'c'].filter((k) => o.flags.has(k));
  const cols = which.length ? which : ['l', 'w', 'c'];
  const count = (text: string): Record<string, number> => ({
    l: (text.match(/\n/g) ?? []).length,
    w: text.split(/\s+/).filter(Boolean).length,
    m: [...text].length,
    c: utf8Bytes(text),
  });
  const { chunks, stderr } = inputs('wc', o.operands, stdin, read);
  const rows = chunks.map((c) => ({ name: c.name === '-' && !o.operands.length ? '' : c.name, n: count(c.text) }));
  if (o.operands.length > 1) rows.push({ name: 'total', n: Object.fromEntries(cols.map((k) => [k, rows.reduce((t, r) => t + r.n[k]!, 0)])) });
  // GNU wc pads every count to one width: none for one count of one input, 7 when a pipe is
  // read, else the digits of the files' total size.
  const piped = !o.operands.length || o.operands.includes('-');
  const width = cols.length === 1 && chunks.length <= 1 ? 0 : piped ? 7 : String(chunks.reduce((t, c) => t + utf8Bytes(c.text), 0)).length;
  const text = rows.map((r) => [...cols.map((k) => String(r.n[k]).padStart(width)), ...(r.name ? [r.name] : [])].join(' ')).join('\n');
  return { stdout: rows.length ? `${text}\n` : '', stderr, exitCode: stderr ? 1 : 0 };
}

const utf8Bytes = (text: string): number => {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
};

const fieldsOf = (line: string, sep: string | undefined): string[] => (sep === undefined ? line.trim().split(/\s+/) : line.split(sep));

function sort(args: string[], stdin: string, read: ReadFile): CommandResult {
  const o = getopt('sort', args, 'nruk:t:', { numeric: 'n', reverse: 'r', unique: 'u', key: 'k', 'field-separator': 't' });
  if (isResult(o)) return o;
  const key = o.flags.get('k')?.at(-1);
  const sep = o.flags.get('t')?.at(-1);
  const field = key ? Number(/^\d+/.exec(key)?.[0] ?? 1) : 0;
  const keyOf = (l: string) => (field ? fieldsOf(l, sep).slice(field - 1).join(sep ?? ' ') : l);
  const numeric = o.flags.has('n');
  // Byte order, as sort does in the C locale of a node's root shell.
  const cmp = (a: string, b: string) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    const d = numeric ? (parseFloat(ka) || 0) - (parseFloat(kb) || 0) : ka < kb ? -1 : ka > kb ? 1 : 0;
    return d || (a < b ? -1 : a > b ? 1 : 0);
  };
  return input('sort', o.operands, stdin, read, (text) => {
    let ls = lines(text).sort(cmp);
    if (o.flags.has('r')) ls.reverse();
    if (o.flags.has('u')) ls = ls.filter((l, i) => i === 0 || cmp(ls[i - 1]!, l) !== 0);
    return out(join(ls));
  }, 2);
}

function uniq(args: string[], stdin: string, read: ReadFile): CommandResult {
  const o = getopt('uniq', args, 'cdu', { count: 'c', repeated: 'd', unique: 'u' });
  if (isResult(o)) return o;
  return input('uniq', o.operands.slice(0, 1), stdin, read, (text) => {
    const runs: { line: string; n: number }[] = [];
    for (const l of lines(text)) {
      const last = runs.at(-1);
      if (last && last.line === l) last.n++;
      else runs.push({ line: l, n: 1 });
    }
    const kept = runs.filter((r) => (!o.flags.has('d') || r.n > 1) && (!o.flags.has('u') || r.n === 1));
    return out(join(kept.map((r) => (o.flags.has('c') ? `${String(r.n).padStart(7)} ${r.line}` : r.line))));
  });
}

/** cut's LIST: "1,3-5,7-" as a membership test on 1-based positions. */
function listOf(spec: string): ((i: number) => boolean) | undefined {
  const parts = spec.split(',').map((p) => /^(\d*)(-?)(\d*)$/.exec(p));
  if (parts.some((m) => !m || (!m[1] && !m[3]))) return undefined;
  return (i) => parts.some((m) => {
    const lo = m![1] ? Number(m![1]) : 1;
    const hi = m![3] ? Number(m![3]) : m![2] ? Infinity : lo;
    return i >= lo && i <= hi;
  });
}

function cut(args: string[], stdin: string, read: ReadFile): CommandResult {
  const o = getopt('cut', args, 'd:f:c:b:s', { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's' });
  if (isResult(o)) return o;
  const f = o.flags.get('f')?.at(-1);
  const c = o.flags.get('c')?.at(-1) ?? o.flags.get('b')?.at(-1);
  if (!f && !c) return usage('cut', 'cut: you must specify a list of bytes, characters, or fields');
  const d = o.flags.get('d')?.at(-1) ?? '\t';
  if (d.length !== 1) return usage('cut', 'cut: the delimiter must be a single character');
  const keep = listOf((f ?? c)!);
  if (!keep) return usage('cut', `cut: invalid field value ‘${f ?? c}’`);
  return input('cut', o.operands, stdin, read, (text) => out(join(lines(text).flatMap((l) => {
    if (c) return [[...l].filter((_, i) => keep(i + 1)).join('')];
    if (!l.includes(d)) return o.flags.has('s') ? [] : [l];
    return [l.split(d).filter((_, i) => keep(i + 1)).join(d)];
  }))));
}

/** awk, for the one program people pipe into: `[/re/] {print $1, $NF}` (with -F). */
function awk(args: string[], stdin: string, read: ReadFile): CommandResult {
  let sep: string | undefined;
  const rest = [...args];
  if (rest[0]?.startsWith('-F')) sep = rest.shift()!.slice(2) || rest.shift();
  const program = rest.shift();
  if (program === undefined) return fail('usage: awk [-F fs] program [file ...]', 2);
  const m = /^\s*(?:\/((?:[^/\\]|\\.)*)\/\s*)?\{\s*print\s*((?:\$(?:\d+|NF)\s*,?\s*)*)\}\s*$/.exec(program);
  if (!m) return fail(`kubeplay: awk: only programs like '{print $1, $NF}' or '/re/ {print $2}' are simulated`, 2);
  let re: RegExp | undefined;
  try {
    re = m[1] !== undefined ? new RegExp(m[1]) : undefined;
  } catch {
    return fail(`awk: cmd. line:1: ${program}\nawk: cmd. line:1: error: invalid regular expression`, 2);
  }
  const refs = [...(m[2] ?? '').matchAll(/\$(\d+|NF)/g)].map((r) => r[1]!);
  return input('awk', rest, stdin, read, (text) => out(join(lines(text).filter((l) => !re || re.test(l)).map((l) => {
    const fs = sep === undefined ? l.trim().split(/\s+/) : l.split(sep);
    if (!refs.length) return l;
    return refs.map((r) => (r === '0' ? l : r === 'NF' ? fs.at(-1) ?? '' : fs[Number(r) - 1] ?? '')).join(' ');
  }))), 2);
}
