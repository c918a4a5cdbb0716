// `ipvsadm -Ln [--stats|--rate]` (ipvsadm 1.31 layouts: print_title / print_service_entry)
// and `ipset list [NAME]` (ipset 7.17) over the IPVS proxier's kernel objects.
import type { CommandResult } from '../../shell/types.ts';
import type { IpvsProxier } from './proxier.ts';
import { sortDests, sortServices, type IPSet, type Stats } from './state.ts';
import { fnv32a } from '../../controllers/hash.ts';

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

/** print_largenum: %9llu, with M/G/T suffixes past 100 million. */
function largenum(n: number, exact: boolean): string {
  if (exact || n < 1e8) return String(n).padStart(9);
  for (const [div, unit] of [[1e6, 'M'], [1e9, 'G'], [1e12, 'T']] as const) if (n < div * 1000) return `${String(Math.floor(n / div)).padStart(8)}${unit}`;
  return String(n).padStart(9);
}
const statCols = (s: Stats, exact: boolean, rate: boolean) =>
  (rate ? [0, 0, 0, 0, 0] : [s.conns, s.inPkts, s.outPkts, s.inBytes, s.outBytes]).map((n) => largenum(n, exact)).join('');

export function ipvsCommand(p: IpvsProxier, args: string[]): CommandResult {
  const flags = args.join(' ');
  if (!/(^|\s)-(\w*L\w*|l)(\s|$)|--list/.test(flags) && args.length) {
    return { stdout: '', stderr: 'ipvsadm: this playground shows IPVS state read-only (simulated): use -Ln, --stats, --rate\n', exitCode: 2 };
  }
  const stats = args.includes('--stats'), rate = args.includes('--rate'), exact = args.includes('--exact');
  const out = ['IP Virtual Server version 1.2.1 (size=4096)'];
  if (stats || rate) {
    const cols = rate ? ['CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS'] : ['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'];
    out.push(`${'Prot LocalAddress:Port'.padEnd(33)} ${cols.map((c) => c.padStart(8)).join(' ')}`, '  -> RemoteAddress:Port');
  } else {
    out.push('Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn');
  }
  for (const vs of sortServices([...p.services.values()])) {
    const name = `${vs.proto}  ${vs.ip}:${vs.port}`;
    if (stats || rate) out.push(name.padEnd(33) + statCols(vs.stats, exact, rate));
    else out.push(`${name} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}`);
    for (const d of sortDests(vs.dests)) {
      const dn = `${d.ip}:${d.port}`;
      if (stats || rate) out.push(`  -> ${dn.padEnd(28)}${statCols(d.stats, exact, rate)}`);
      else out.push(`  -> ${dn.padEnd(28)} ${'Masq'.padEnd(7)} ${String(d.weight).padEnd(6)} ${String(d.activeConns).padEnd(10)} ${String(d.inactConns).padEnd(10)}`);
    }
  }
  return ok(out.join('\n') + '\n');
}

function references(p: IpvsProxier, name: string): number {
  let n = 0;
  for (const t of p.kernel.tables.values()) for (const c of t.chains.values()) for (const r of c.rules) if (r.words.includes(name) && r.words.includes('--match-set')) n++;
  return n;
}

const REVISION: Record<IPSet['type'], number> = { 'hash:ip': 6, 'hash:ip,port': 6, 'hash:ip,port,ip': 6, 'hash:ip,port,net': 8, 'bitmap:port': 3 };

function listSet(p: IpvsProxier, s: IPSet): string {
  const members = [...s.entries].sort();
  const bitmap = s.type === 'bitmap:port';
  const header = bitmap ? 'range 0-65535'
    : `family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x${fnv32a(s.name).toString(16).padStart(8, '0')}`;
  // Kernel memory accounting is approximate here (labelled simulated in the docs).
  const size = bitmap ? 8264 : 200 + 16 * members.length + (members.length ? 56 : 0);
  return [`Name: ${s.name}`, `Type: ${s.type}`, `Revision: ${REVISION[s.type]}`, `Header: ${header}`, `Size in memory: ${size}`,
    `References: ${references(p, s.name)}`, `Number of entries: ${members.length}`, 'Members:', ...members].join('\n') + '\n';
}

export function ipsetCommand(p: IpvsProxier, args: string[]): CommandResult {
  const [verb, name] = args;
  if (verb !== 'list' && verb !== 'ls' && verb !== '-L') {
    return { stdout: '', stderr: `ipset v7.17: this playground supports ipset list [SETNAME] (simulated, read-only)\n`, exitCode: 1 };
  }
  const sets = [...p.sets.values()];
  if (name) {
    const s = sets.find((x) => x.name === name);
    if (!s) return { stdout: '', stderr: `ipset v7.17: The set with the given name does not exist\nTry \`ipset help' for more information.\n`, exitCode: 1 };
    return ok(listSet(p, s));
  }
  return ok(sets.map((s) => listSet(p, s)).join('\n'));
}
