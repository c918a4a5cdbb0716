// The CLI of DESIGN.md:
//   kubeplay [-f FILE]... [--seed N] [--at DURATION] [COMMAND [ARGS...]]
// Files are applied at t=0 in order; with a COMMAND the clock advances to --at (default:
// until nothing is left to do, capped at 10 simulated minutes) and the command runs;
// without one, lines from stdin run one after another as a terminal session.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { Simulation } from '../simulation.ts';
import { Shell } from '../shell/shell.ts';
import { parseDurationMs } from '../shell/args.ts';
import type { WorkspaceFile } from '../protocol.ts';

const USAGE = 'usage: kubeplay [-f FILE]... [--seed N] [--at DURATION] [COMMAND [ARGS...]]\n';

interface CliArgs {
  files: string[];
  seed: number;
  at?: number;
  command: string[];
}

function parse(argv: string[]): CliArgs | string {
  const out: CliArgs = { files: [], seed: 1, command: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    if (a === '-f' || a.startsWith('--filename') || a.startsWith('-f=')) {
      const v = value();
      if (!v) return 'error: flag needs an argument: -f';
      out.files.push(v);
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = Number(value());
      if (!Number.isInteger(v)) return 'error: --seed needs an integer';
      out.seed = v;
    } else if (a === '--at' || a.startsWith('--at=')) {
      const v = parseDurationMs(value() ?? '');
      if (v === undefined) return 'error: --at needs a duration such as 90s or 5m';
      out.at = v;
    } else if (a === '-h' || a === '--help') return USAGE;
    else {
      out.command = argv.slice(i);
      break;
    }
  }
  return out;
}

/** Reads -f paths (files or directories, recursively) as workspace files named by their path. */
function readFiles(paths: string[]): WorkspaceFile[] {
  const out: WorkspaceFile[] = [];
  const add = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) add(join(p, e));
    } else out.push({ path: relative(process.cwd(), p).replace(/\\/g, '/') || p, content: readFileSync(p, 'utf8') });
  };
  for (const p of paths) add(p);
  return out;
}

const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    process.stderr.write(args.endsWith('\n') ? args : args + '\n');
    return args === USAGE ? 0 : 2;
  }
  let files: WorkspaceFile[];
  try {
    files = readFiles(args.files);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  const sim = new Simulation({ seed: args.seed });
  const errors = sim.applyWorkspace(files);
  for (const e of errors) process.stderr.write(`${e.severity}: ${e.file}:${e.line}:${e.col}: ${e.message}\n`);
  if (errors.some((e) => e.severity === 'error')) return 1;
  const shell = new Shell(sim, { read: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } });
  if (args.command.length) {
    if (args.at !== undefined) sim.advance(args.at);
    else sim.settle();
    const r = shell.run(args.command.map(quote).join(' '));
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    return r.exitCode;
  }
  if (args.at !== undefined) sim.advance(args.at);
  let code = 0;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const r = shell.run(line);
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    code = r.exitCode;
  }
  return code;
}
