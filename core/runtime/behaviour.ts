// The behaviour model: a small interpreter for a container's command/args, turning
// `sleep 30`, `exit 1`, `sh -c "echo hi; sleep 5; exit 1"`, servers and memory hogs
// into timed steps. Whatever it cannot read is reported and the container just runs.

import type { Container } from '../api/types.ts';
import type { ImageInfo } from './images.ts';

export type Step =
  | { t: 'log'; text: string; stream?: 'stdout' | 'stderr' }
  | { t: 'sleep'; ms: number }
  | { t: 'exit'; code: number }
  | { t: 'serve'; ports: number[] }
  | { t: 'alloc'; bytes: number }
  | { t: 'loop'; body: Step[] };

export interface Program {
  argv: string[];
  steps: Step[];
  /** Set when part of the command could not be interpreted. */
  note?: string;
  /** Does PID 1 exit promptly on SIGTERM? (a shell running `sleep` does not: it waits for SIGKILL). */
  handlesSigterm: boolean;
}

const SERVERS: Record<string, number[] | undefined> = {
  nginx: [80], httpd: [80], 'httpd-foreground': [80], 'redis-server': [6379], postgres: [5432], mysqld: [3306],
};

/** Splits a shell line into words, honouring single and double quotes. */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let has = false;
  for (const ch of s) {
    if (q) {
      if (ch === q) q = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

function parseDuration(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (s === 'infinity' || s === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

function sizeBytes(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMG]i?|[kmg]|B)?$/i.exec(s);
  if (!m) return undefined;
  const u = (m[2] ?? 'B').toUpperCase().replace('I', '');
  return Number(m[1]) * ({ B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[u as 'B' | 'K' | 'M' | 'G'] ?? 1);
}

/** Splits a script into statements on `;`, `&&`, newlines, keeping `while ...; do ...; done` together. */
function statements(script: string): string[] {
  return script.split(/\s*(?:;|&&|\n)\s*/).map((x) => x.trim()).filter(Boolean);
}

function compileScript(script: string, image: ImageInfo | undefined, notes: string[]): Step[] {
  const stmts = statements(script);
  const steps: Step[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!;
    const loop = /^while\s+(true|:)$/.exec(s) ?? /^while\s+(true|:)\s*$/.exec(s);
    if (loop && stmts[i + 1]?.startsWith('do')) {
      const body: string[] = [stmts[i + 1]!.replace(/^do\s*/, '')];
      let j = i + 2;
      while (j < stmts.length && stmts[j] !== 'done') body.push(stmts[j++]!);
      steps.push({ t: 'loop', body: compileScript(body.filter(Boolean).join('; '), image, notes) });
      i = j;
      continue;
    }
    steps.push(...compileCommand(shellWords(s), image, notes));
  }
  return steps;
}

function compileCommand(argv: string[], image: ImageInfo | undefined, notes: string[]): Step[] {
  const [cmd0, ...rest] = argv;
  if (!cmd0) return [];
  const cmd = cmd0.split('/').pop()!;
  switch (cmd) {
    case 'sh':
    case 'bash':
    case 'ash':
      if (rest[0] === '-c' && rest[1] !== undefined) return compileScript(rest[1], image, notes);
      return rest.length ? [] : [{ t: 'exit', code: 0 }];
    case 'sleep': {
      const ms = parseDuration(rest[0]);
      if (ms === undefined) return [{ t: 'log', text: `sleep: invalid number '${rest[0] ?? ''}'`, stream: 'stderr' }, { t: 'exit', code: 1 }];
      return [{ t: 'sleep', ms }];
    }
    case 'exit':
      return [{ t: 'exit', code: Number(rest[0] ?? 0) & 255 }];
    case 'true':
    case ':':
      return [];
    case 'false':
      return [{ t: 'exit', code: 1 }];
    case 'echo':
      return [{ t: 'log', text: rest.filter((w) => w !== '-n' && w !== '-e').join(' ') }];
    case 'date':
      return [{ t: 'log', text: '$(date)' }];
    case 'tail':
      return rest.includes('-f') ? [{ t: 'sleep', ms: Infinity }] : [];
    case 'stress':
    case 'stress-ng': {
      const i = rest.findIndex((w) => w === '--vm-bytes');
      const bytes = i >= 0 ? sizeBytes(rest[i + 1] ?? '') : undefined;
      return [{ t: 'alloc', bytes: bytes ?? 256 * 1024 ** 2 }, { t: 'sleep', ms: Infinity }];
    }
    case 'python':
    case 'python3':
      if (rest[0] === '-m' && rest[1] === 'http.server') return [{ t: 'serve', ports: [Number(rest[2] ?? 8000)] }];
      break;
    case 'agnhost':
      return [{ t: 'serve', ports: [Number(rest.find((w) => w.startsWith('--http-port='))?.split('=')[1] ?? 8080)] }];
  }
  const server = SERVERS[cmd];
  if (server) return [{ t: 'serve', ports: image?.ports.length ? image.ports : server }];
  if (image && image.defaultCommand[0]?.split('/').pop() === cmd && !image.exitsImmediately) return [{ t: 'serve', ports: image.ports }];
  notes.push(`not simulated: ${argv.join(' ')}`);
  return [{ t: 'sleep', ms: Infinity }];
}

/** Compiles what a container will do from its spec and its image's defaults. */
export function compile(c: Container, image: ImageInfo | undefined): Program {
  const argv = c.command?.length ? [...c.command, ...(c.args ?? [])] : c.args?.length ? [...c.args] : [...(image?.defaultCommand ?? [])];
  const notes: string[] = [];
  let steps: Step[];
  if (!c.command?.length && !c.args?.length && image && !image.exitsImmediately) steps = [{ t: 'serve', ports: image.ports }];
  else steps = compileCommand(argv, image, notes);
  const first = argv[0]?.split('/').pop() ?? '';
  // A shell or sleep as PID 1 has no SIGTERM handler: the kubelet must wait for the grace period.
  const handlesSigterm = !['sh', 'bash', 'ash', 'sleep', 'tail'].includes(first);
  return { argv, steps, handlesSigterm, ...(notes.length ? { note: notes.join('; ') } : {}) };
}
