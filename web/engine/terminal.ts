// Running a terminal line in the worker: the shared shell (core/shell), plus two things the
// page needs that the CLI does not — a `trace` as data (to animate), and whether a line can
// change the cluster (only those are recorded on the timeline, so looking never cuts the future).
import type { TraceResult } from '../../core/protocol.ts';
import { shellWords } from '../../core/shell/args.ts';
import type { Shell, CommandResult } from '../../core/shell/shell.ts';
import { renderTrace, traceInSimulation } from '../../core/shell/trace.ts';
import type { Simulation } from '../../core/simulation.ts';
import type { TraceRequest } from '../../core/proxy/trace/trace.ts';

export interface LineResult extends CommandResult {
  trace?: TraceResult;
  /** The session's line left a `kubectl get -w` running. */
  watching?: boolean;
}

const TRACE_FLAGS: Record<string, keyof TraceRequest> = { '--from': 'from', '--to': 'to', '--proto': 'proto', '--pick': 'pick', '--via': 'via' };

/** A well-formed `trace` line as a request; anything else goes to the shell (which prints the usage). */
export function parseTrace(words: string[]): TraceRequest | undefined {
  if (words[0] !== 'trace') return undefined;
  const req: Record<string, string | number> = {};
  for (let i = 1; i < words.length; i++) {
    const [k, inline] = words[i]!.split('=', 2) as [string, string | undefined];
    const v = inline ?? words[++i];
    const key = TRACE_FLAGS[k];
    if (!key || v === undefined) return undefined;
    if (key === 'proto' && !['tcp', 'udp', 'sctp', 'icmp'].includes(v)) return undefined;
    if (key === 'pick' && !/^[1-9]\d*$/.test(v)) return undefined;
    req[key] = key === 'pick' ? Number(v) : v;
  }
  return req.from && req.to ? (req as unknown as TraceRequest) : undefined;
}

/** Runs one line; a trace prints exactly what the shell's `trace` prints, and returns its path too. */
export function runLine(sim: Simulation, shell: Shell, line: string): LineResult {
  let words: string[];
  try {
    words = shellWords(line.trim());
  } catch {
    return shell.run(line);
  }
  const req = parseTrace(words);
  if (!req) return shell.run(line);
  const res = traceInSimulation(sim, req);
  if (typeof res === 'string') return { stdout: '', stderr: `trace: ${res}\n`, exitCode: 1 };
  const delivered = res.outcome.kind === 'delivered' || res.outcome.kind === 'local';
  return { stdout: renderTrace(res), stderr: '', exitCode: delivered ? 0 : 1, trace: res };
}

const KUBECTL_READ = new Set(['get', 'describe', 'logs', 'top', 'version', 'api-resources', 'explain', 'cluster-info', 'config']);
const NODE_READ = new Set(['hostname', 'iptables-save', 'ipvsadm', 'journalctl', 'ls', 'cat', 'uname', 'ipset', 'nft', 'conntrack', 'ip']);

function nodeLineReads(words: string[]): boolean {
  const [cmd, sub] = words;
  if (!cmd) return true;
  if (NODE_READ.has(cmd)) return cmd !== 'nft' || sub === 'list' || sub === '-a';
  if (cmd === 'iptables') return words.every((w) => !/^-[ADIRFNXPZ]$|^--(append|delete|insert|flush|new|policy)/.test(w));
  if (cmd === 'crictl') return ['ps', 'pods', 'images', 'img', 'logs', 'inspect', 'inspectp', 'stats', 'info', 'version'].includes(sub ?? '');
  if (cmd === 'systemctl') return ['status', 'is-active', 'show'].includes(sub ?? '');
  return false;
}

/**
 * True when a line only looks at the cluster. Lines that may change it (apply, delete, systemctl
 * stop, unknown commands, ...) are recorded as timeline inputs; when unsure, record.
 */
export function isReadOnly(line: string, host: string | undefined): boolean {
  let words: string[];
  try {
    words = shellWords(line.trim());
  } catch {
    return true; // unbalanced quotes: the shell refuses it
  }
  const [cmd, ...rest] = words;
  if (!cmd || cmd.startsWith('#')) return true;
  if (['echo', 'exit', 'logout', 'trace', 'journey', 'help', 'clear'].includes(cmd)) return true;
  if (cmd === 'kubectl') return KUBECTL_READ.has(rest.find((w) => !w.startsWith('-')) ?? '');
  if (cmd === 'ssh') return rest.length <= 1 || nodeLineReads(rest.slice(1));
  if (host) return nodeLineReads(words);
  return false;
}
