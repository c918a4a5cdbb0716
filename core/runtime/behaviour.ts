// The behaviour model: a small interpreter for a container's command/args, turning
// `sleep 30`, `exit 1`, `sh -c "echo hi; touch /tmp/healthy; sleep 5; exit 1"`, servers,
// memory and CPU hogs into timed steps. Whatever it cannot read is reported and the
// container just runs.

import type { Container } from '../api/types.ts';
import type { ImageInfo } from './images.ts';
import { KNOWN, splitScript } from './exec.ts';
import { shellWords } from './words.ts';
import { envValue, type Env } from './env.ts';

export { shellWords } from './words.ts';

type Op = ';' | '&&' | '||';

export type Step =
  /** A command the exec interpreter runs at once (echo, touch, rm, cat ...); output goes to the log. */
  | { t: 'cmd'; argv: string[]; op: Op; shell?: string }
  | { t: 'sleep'; ms: number; op: Op }
  /** Exit with a code, or with the last command's status when code is undefined. */
  | { t: 'exit'; code?: number; op: Op }
  /** A server: listens on its ports once the image's start time has passed. */
  | { t: 'serve'; ports: number[]; server: string }
  | { t: 'alloc'; bytes: number }
  | { t: 'cpu'; milli: number }
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
  etcd: [2379, 2380], 'kube-apiserver': [6443], 'kube-scheduler': [10259], 'kube-controller-manager': [10257], coredns: [53, 9153],
};

/** Programs that shut down on SIGTERM (PID 1 without a handler ignores it and waits for SIGKILL). */
const HANDLES_SIGTERM = new Set(['nginx', 'httpd', 'httpd-foreground', 'redis-server', 'postgres', 'mysqld', 'docker-entrypoint.sh', '/docker-entrypoint.sh', 'etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'coredns', 'agnhost', 'kube-proxy', 'flanneld', 'pause']);

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

function compileScript(script: string, image: ImageInfo | undefined, notes: string[], shell: string): Step[] {
  const stmts = splitScript(script);
  const steps: Step[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const { stmt, op } = stmts[i]!;
    const loop = /^while\s+(true|:)\s*$/.exec(stmt);
    if (loop && stmts[i + 1]?.stmt.startsWith('do')) {
      const body: string[] = [stmts[i + 1]!.stmt.replace(/^do\s*/, '')];
      let j = i + 2;
      while (j < stmts.length && stmts[j]!.stmt !== 'done') body.push(stmts[j++]!.stmt);
      const compiled = compileScript(body.filter(Boolean).join('; '), image, notes, shell);
      // A loop with no sleep spins on a CPU forever.
      if (!compiled.some((b) => b.t === 'sleep' || b.t === 'exit')) steps.push({ t: 'cpu', milli: 1000 }, { t: 'sleep', ms: Infinity, op: ';' });
      else steps.push({ t: 'loop', body: compiled });
      i = j;
      continue;
    }
    steps.push(...compileCommand(shellWords(stmt), image, notes, op, shell));
  }
  return steps;
}

function compileCommand(argv: string[], image: ImageInfo | undefined, notes: string[], op: Op = ';', shell?: string): Step[] {
  const [cmd0, ...rest] = argv;
  if (!cmd0) return [];
  const cmd = cmd0.split('/').pop()!;
  switch (cmd) {
    case 'sh':
    case 'bash':
    case 'ash':
      if (rest[0] === '-c' && rest[1] !== undefined) return compileScript(rest[1], image, notes, cmd);
      // A shell with no script and no terminal reads EOF from stdin and exits at once.
      return rest.length ? [] : [{ t: 'exit', code: 0, op }];
    case 'sleep': {
      const ms = parseDuration(rest[0]);
      if (ms === undefined) return [{ t: 'cmd', argv, op, ...(shell ? { shell } : {}) }];
      return [{ t: 'sleep', ms, op }];
    }
    case 'exit':
      return [{ t: 'exit', ...(rest[0] !== undefined ? { code: Number(rest[0]) & 255 } : {}), op }];
    case 'tail':
      if (rest.includes('/dev/zero')) return [{ t: 'alloc', bytes: Infinity }, { t: 'sleep', ms: Infinity, op }];
      return rest.includes('-f') ? [{ t: 'sleep', ms: Infinity, op }] : [];
    case 'stress':
    case 'stress-ng': {
      const i = rest.findIndex((w) => w === '--vm-bytes');
      const bytes = i >= 0 ? sizeBytes(rest[i + 1] ?? '') : undefined;
      const ci = rest.findIndex((w) => w === '--cpu' || w === '-c');
      const cpus = ci >= 0 ? Number(rest[ci + 1] ?? 1) || 1 : 0;
      const vm = rest.includes('--vm') || rest.includes('-m') || i >= 0;
      const out: Step[] = [{ t: 'cmd', argv: ['echo', `stress: info: [1] dispatching hogs: ${cpus} cpu, 0 io, ${vm ? 1 : 0} vm, 0 hdd`], op }];
      if (cpus) out.push({ t: 'cpu', milli: cpus * 1000 });
      if (vm) out.push({ t: 'alloc', bytes: bytes ?? 256 * 1024 ** 2 });
      out.push({ t: 'sleep', ms: Infinity, op: ';' });
      return out;
    }
    case 'python':
    case 'python3':
      if (rest[0] === '-m' && rest[1] === 'http.server') return [{ t: 'serve', ports: [Number(rest[2] ?? 8000)], server: 'python' }];
      break;
    case 'agnhost': {
      // agnhost's subcommands (test/images/agnhost): liveness serves /healthz 200 for 10 s, then 500.
      if (rest[0] === 'liveness') return [{ t: 'serve', ports: [8080], server: 'agnhost-liveness' }];
      if (rest[0] === 'serve-hostname') return [{ t: 'serve', ports: [9376], server: 'agnhost' }];
      if (rest[0] === 'pause') return [{ t: 'sleep', ms: Infinity, op }];
      const port = Number(rest.find((w) => w.startsWith('--http-port=') || w.startsWith('--port='))?.split('=')[1] ?? 8080);
      if (rest[0] === 'netexec') return [{ t: 'serve', ports: [port], server: 'agnhost' }];
      break;
    }
  }
  const server = SERVERS[cmd];
  if (server) return [{ t: 'serve', ports: image?.ports.length ? image.ports : server, server: cmd }];
  if (image && image.defaultCommand.some((w) => w.split('/').pop() === cmd) && !image.exitsImmediately)
    return [{ t: 'serve', ports: image.ports, server: image.repo.split('/').pop()! }];
  if (KNOWN.has(cmd)) return [{ t: 'cmd', argv, op, ...(shell ? { shell } : {}) }];
  notes.push(`not simulated: ${argv.join(' ')}`);
  return [{ t: 'sleep', ms: Infinity, op }];
}

/** Kubernetes expands $(VAR) in command and args from the container's env; $$ escapes. */
export function expandKubeVars(s: string, env: Env): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return envValue(env, name!) ?? m;
  });
}

/** Compiles what a container will do from its spec and its image's defaults. */
export function compile(c: Container, image: ImageInfo | undefined, env: Env = []): Program {
  const cmd = (c.command ?? []).map((w) => expandKubeVars(String(w), env));
  const args = (c.args ?? []).map((w) => expandKubeVars(String(w), env));
  const argv = cmd.length ? [...cmd, ...args] : args.length ? [...(image?.entrypoint ?? []), ...args] : [...(image?.defaultCommand ?? [])];
  const notes: string[] = [];
  let steps: Step[];
  if (!cmd.length && !args.length && image && !image.exitsImmediately) steps = [{ t: 'serve', ports: image.ports, server: image.repo.split('/').pop()! }];
  else steps = compileCommand(argv, image, notes);
  const first = argv[0]?.split('/').pop() ?? '';
  const handlesSigterm = HANDLES_SIGTERM.has(first) || (steps[0]?.t === 'serve' && !['sh', 'bash', 'ash', 'python', 'python3'].includes(first));
  return { argv, steps, handlesSigterm, ...(notes.length ? { note: notes.join('; ') } : {}) };
}
