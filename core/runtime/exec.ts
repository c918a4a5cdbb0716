// Runs the small commands the behaviour model knows against a container's state:
// for `kubectl exec`, exec probes and the statements of a container's own script.
// Messages are the tools' own: busybox (busybox, alpine) and GNU coreutils + dash/bash
// (debian-based images) word their errors differently, and learners see the difference.

import type { ContainerFs } from './fs.ts';
import { shellWords } from './words.ts';
import { dd, fallocate } from './disk.ts';
import { envEntries, envValue, type Env } from './env.ts';

export type Flavor = 'busybox' | 'gnu';

export interface ExecEnv {
  fs: ContainerFs;
  env: Env;
  hostname: string;
  flavor: Flavor;
  /** `date` output for now, e.g. "Thu Jan  1 00:00:05 UTC 2026". */
  date: string;
  /** PID 1's command line, for `ps`. */
  argv1: string[];
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
  /** Not a command the model knows: the caller decides what a real runtime would say. */
  unknown?: string;
  /** The command would block this long (sleep): probes compare it with their timeout. */
  blockMs?: number;
}

const OK = (stdout = ''): ExecResult => ({ stdout, stderr: '', code: 0 });
const ERR = (stderr: string, code = 1): ExecResult => ({ stdout: '', stderr: stderr + '\n', code });

/** Commands run by the interpreter; anything else is unknown to the model. */
export const KNOWN = new Set(['cat', 'ls', 'env', 'printenv', 'hostname', 'echo', 'touch', 'rm', 'mkdir', 'test', '[', 'true', 'false', ':', 'pwd', 'whoami', 'id', 'date', 'uname', 'sleep', 'ps', 'exit', 'sh', 'bash', 'ash', 'dd', 'fallocate']);

const SHELLS = new Set(['sh', 'bash', 'ash']);

export function expandVars(word: string, env: Env): string {
  return word.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => envValue(env, (a ?? b)!) ?? '');
}

/** Splits a script into statements, keeping the operator that joins each to the previous. */
export function splitScript(script: string): { stmt: string; op: ';' | '&&' | '||' }[] {
  const out: { stmt: string; op: ';' | '&&' | '||' }[] = [];
  let cur = '';
  let q: string | null = null;
  let op: ';' | '&&' | '||' = ';';
  const push = (next: ';' | '&&' | '||') => {
    if (cur.trim()) out.push({ stmt: cur.trim(), op });
    cur = '';
    op = next;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (q) {
      if (ch === q) q = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === ';' || ch === '\n') push(';');
    else if (ch === '&' && script[i + 1] === '&') {
      push('&&');
      i++;
    } else if (ch === '|' && script[i + 1] === '|') {
      push('||');
      i++;
    } else cur += ch;
  }
  push(';');
  return out;
}

export function execArgv(argv0: string[], e: ExecEnv, viaShell?: string): ExecResult {
  const argv = argv0.map((w) => expandVars(w, e.env));
  const [path, ...args] = argv;
  if (!path) return OK();
  const cmd = path.split('/').pop()!;
  // Redirections: `echo hi > /tmp/f`, `date >> /tmp/log`.
  const ri = args.findIndex((w) => w === '>' || w === '>>');
  if (ri >= 0 && args[ri + 1]) {
    const r = execArgv([path, ...args.slice(0, ri)], e, viaShell);
    const err = e.fs.write(args[ri + 1]!, r.stdout, args[ri] === '>>');
    if (err) return ERR(`${viaShell ?? 'sh'}: can't create ${args[ri + 1]}: ${err}`, 1);
    return { ...r, stdout: '' };
  }
  const bb = e.flavor === 'busybox';
  switch (cmd) {
    case 'sh':
    case 'bash':
    case 'ash': {
      if (args[0] !== '-c' || args[1] === undefined) return OK();
      return runScript(args[1], e, cmd);
    }
    case 'true':
    case ':':
      return OK();
    case 'false':
      return { stdout: '', stderr: '', code: 1 };
    case 'exit':
      return { stdout: '', stderr: '', code: Number(args[0] ?? 0) & 255 };
    case 'echo': {
      const n = args[0] === '-n';
      const words = args.filter((w, i) => !(i === 0 && (w === '-n' || w === '-e')));
      return OK(words.join(' ').replace(/\$\(date\)/g, e.date) + (n ? '' : '\n'));
    }
    case 'hostname':
      return OK(`${e.hostname}\n`);
    case 'pwd':
      return OK('/\n');
    case 'whoami':
      return OK('root\n');
    case 'id':
      return OK(bb ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
    case 'date':
      return OK(`${e.date}\n`);
    case 'uname':
      return OK(args.includes('-a') ? `Linux ${e.hostname} 6.8.0-48-generic #48-Ubuntu SMP PREEMPT_DYNAMIC x86_64${bb ? ' GNU/Linux' : ' GNU/Linux'}\n` : args.includes('-r') ? '6.8.0-48-generic\n' : 'Linux\n');
    case 'sleep': {
      const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(args[0] ?? '');
      if (!m) return ERR(bb ? `sleep: invalid number '${args[0] ?? ''}'` : `sleep: invalid time interval '${args[0] ?? ''}'`);
      const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
      return { ...OK(), blockMs: Number(m[1]) * mult };
    }
    case 'env':
    case 'printenv': {
      if (cmd === 'printenv' && args[0]) {
        const v = envValue(e.env, args[0]);
        return v !== undefined ? OK(`${v}\n`) : { stdout: '', stderr: '', code: 1 };
      }
      return OK(envEntries(e.env).map(([k, v]) => `${k}=${v}\n`).join(''));
    }
    case 'ps': {
      const line = e.argv1.join(' ');
      return OK(bb ? `PID   USER     TIME  COMMAND\n    1 root      0:00 ${line}\n` : `    PID TTY          TIME CMD\n      1 ?        00:00:00 ${e.argv1[0]?.split('/').pop() ?? ''}\n`);
    }
    case 'cat': {
      let out = '';
      let err = '';
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const v = e.fs.read(f);
        if (v !== undefined) out += v;
        else if (e.fs.isDir(f)) err += bb ? 'cat: read error: Is a directory\n' : `cat: ${f}: Is a directory\n`;
        else err += bb ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`;
      }
      return { stdout: out, stderr: err, code: err ? 1 : 0 };
    }
    case 'ls': {
      const all = args.some((a) => /^-\w*a/.test(a));
      const paths = args.filter((a) => !a.startsWith('-'));
      const targets = paths.length ? paths : ['/'];
      let out = '';
      let err = '';
      for (const p of targets) {
        if (e.fs.read(p) !== undefined) out += `${p}\n`;
        else if (e.fs.isDir(p)) {
          const names = e.fs.list(p).filter((n) => all || !n.startsWith('.'));
          if (targets.length > 1) out += `${out ? '\n' : ''}${p}:\n`;
          out += names.map((n) => n + '\n').join('');
        } else err += bb ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`;
      }
      return { stdout: out, stderr: err, code: err ? (bb ? 1 : 2) : 0 };
    }
    case 'touch':
    case 'mkdir': {
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const err = cmd === 'touch' ? e.fs.touch(f) : e.fs.mkdir(f);
        if (err) return ERR(bb ? `${cmd}: ${f}: ${err}` : cmd === 'touch' ? `touch: cannot touch '${f}': ${err}` : `mkdir: cannot create directory '${f}': ${err}`);
      }
      return OK();
    }
    case 'rm': {
      const force = args.some((a) => /^-\w*f/.test(a));
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const r = e.fs.remove(f);
        if (r === 'ro') return ERR(bb ? `rm: can't remove '${f}': Read-only file system` : `rm: cannot remove '${f}': Read-only file system`);
        if (!r && !force) return ERR(bb ? `rm: can't remove '${f}': No such file or directory` : `rm: cannot remove '${f}': No such file or directory`);
      }
      return OK();
    }
    case 'dd':
      return dd(args, e);
    case 'fallocate':
      return fallocate(args, e);
    case 'test':
    case '[': {
      const a = cmd === '[' ? args.slice(0, -1) : args;
      if (a.length === 2) {
        const [flag, f] = a as [string, string];
        const ok = flag === '-f' ? e.fs.read(f) !== undefined : flag === '-d' ? e.fs.isDir(f) : flag === '-e' ? e.fs.exists(f) : flag === '-s' ? !!e.fs.read(f) : flag === '-n' ? f !== '' : flag === '-z' ? f === '' : false;
        return { stdout: '', stderr: '', code: ok ? 0 : 1 };
      }
      if (a.length === 3 && (a[1] === '=' || a[1] === '!=')) return { stdout: '', stderr: '', code: (a[0] === a[2]) === (a[1] === '=') ? 0 : 1 };
      return { stdout: '', stderr: '', code: a.length === 1 && a[0] !== '' ? 0 : 1 };
    }
  }
  if (viaShell) {
    const msg = viaShell === 'bash' ? `bash: line 1: ${path}: command not found` : bb ? `${viaShell}: ${path}: not found` : `sh: 1: ${path}: not found`;
    return { stdout: '', stderr: msg + '\n', code: 127, unknown: path };
  }
  return { stdout: '', stderr: '', code: 127, unknown: path };
}

/** `sh -c SCRIPT`: statements joined by `;`, `&&`, `||`; the last status is the exit code. */
export function runScript(script: string, e: ExecEnv, shell = 'sh'): ExecResult {
  let out = '';
  let err = '';
  let code = 0;
  let blockMs = 0;
  for (const { stmt, op } of splitScript(script)) {
    if ((op === '&&' && code !== 0) || (op === '||' && code === 0)) continue;
    const words = shellWords(stmt);
    if (words[0] === 'exit') return { stdout: out, stderr: err, code: Number(words[1] ?? code) & 255, ...(blockMs ? { blockMs } : {}) };
    const r = execArgv(words, e, shell);
    out += r.stdout;
    err += r.stderr;
    code = r.code;
    blockMs += r.blockMs ?? 0;
    if (r.unknown && !SHELLS.has(shell)) break;
  }
  return { stdout: out, stderr: err, code, ...(blockMs ? { blockMs } : {}) };
}
