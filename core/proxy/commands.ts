// The iptables family of commands on a node, over its kernel model: iptables-save,
// iptables -L / -S, conntrack -L. Error texts are the binaries' own.
import type { CommandResult } from '../shell/types.ts';
import type { NetfilterState } from './iptables/netfilter.ts';
import { iptablesList, iptablesRules } from './iptables/list.ts';
import { iptablesSave } from './iptables/save.ts';
import type { Table } from './types.ts';

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const err = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : stderr + '\n', exitCode });
const TABLES = ['filter', 'nat', 'mangle', 'raw', 'security'];

export function iptablesSaveCommand(k: NetfilterState, args: string[], date: Date): CommandResult {
  let table: string | undefined, counters = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice(8);
    else if (a === '-c' || a === '--counters') counters = true;
    else return err(`iptables-save: invalid option -- '${a.replace(/^-+/, '')}'`);
  }
  if (table !== undefined && !TABLES.includes(table)) return err(`iptables-save: Table '${table}' does not exist`);
  if (table === 'raw' || table === 'security') return ok('');
  return ok(iptablesSave(k, { table: table as Table | undefined, date, counters }));
}

/** `iptables [-t T] (-L|-S) [CHAIN] [-n] [-v] [-x] [--line-numbers]`, short flags combinable (`-nvL`). */
export function iptablesCommand(k: NetfilterState, args: string[]): CommandResult {
  let table = 'filter', cmd: 'L' | 'S' | undefined, chain: string | undefined;
  const o = { numeric: false, verbose: false, exact: false, lineNumbers: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') { table = args[++i] ?? ''; continue; }
    if (a === '--list' || a === '--list-rules') { cmd = a === '--list' ? 'L' : 'S'; continue; }
    if (a === '--numeric') { o.numeric = true; continue; }
    if (a === '--verbose') { o.verbose = true; continue; }
    if (a === '--exact') { o.exact = true; continue; }
    if (a === '--line-numbers') { o.lineNumbers = true; continue; }
    if (a === '-w' || a === '--wait') { if (/^\d+$/.test(args[i + 1] ?? '')) i++; continue; }
    if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'L' || f === 'S') cmd = f;
        else if (f === 'n') o.numeric = true;
        else if (f === 'v') o.verbose = true;
        else if (f === 'x') o.exact = true;
        else if (f === 't') table = args[++i] ?? '';
        else if (f === 'w') continue;
        else if ('AIDNXFPRZE'.includes(f)) return err('iptables v1.8.9 (nf_tables): this playground shows kube-proxy\'s rules read-only (simulated); edit Services instead', 4);
        else return err(`iptables v1.8.9 (nf_tables): unknown option "-${f}"\nTry \`iptables -h' or 'iptables --help' for more information.`, 2);
      }
      continue;
    }
    if (!a.startsWith('-') && cmd && chain === undefined) { chain = a; continue; }
    return err(`Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.`, 2);
  }
  if (!TABLES.includes(table)) return err(`iptables v1.8.9 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
  if (!cmd) return err('iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.', 2);
  const t = (table === 'raw' || table === 'security' ? 'mangle' : table) as Table;
  const text = cmd === 'L' ? iptablesList(k, t, chain, o) : iptablesRules(k, t, chain, o.verbose);
  // iptables-nft 1.8.9 really says this for a chain that does not exist.
  if (text === null) return err(`iptables v1.8.9 (nf_tables): chain \`${chain}' in table \`${table}' is incompatible, use 'nft' tool.`);
  return ok(text);
}

export function conntrackCommand(entries: string[], args: string[]): CommandResult {
  if (args[0] !== '-L' && args[0] !== '--dump') return err('conntrack v1.4.7 (conntrack-tools): this playground supports conntrack -L', 2);
  const n = entries.length;
  return { stdout: entries.map((e) => e + '\n').join(''), stderr: `conntrack v1.4.7 (conntrack-tools): ${n} flow entries have been shown.\n`, exitCode: 0 };
}
