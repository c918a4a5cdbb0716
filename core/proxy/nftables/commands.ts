// `nft` on a node running kube-proxy in nftables mode: `nft list table [ip] kube-proxy`,
// `nft list ruleset`, `nft list tables`. Only kube-proxy's table is modelled as nftables;
// kubelet's and flannel's iptables-nft rules are shown by iptables-save.
import type { CommandResult } from '../../shell/types.ts';
import { listText, type NftTable } from './ruleset.ts';

const err = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr: stderr + '\n', exitCode });

export function nftCommand(table: NftTable | undefined, args: string[]): CommandResult {
  const a = args.filter((x) => x !== '-a' && x !== '-n');
  if (a[0] !== 'list') return err('Error: this playground shows kube-proxy\'s table read-only: nft list table ip kube-proxy | nft list ruleset | nft list tables (simulated)');
  if (a[1] === 'tables') return { stdout: table ? `table ${table.family} ${table.name}\n` : '', stderr: '', exitCode: 0 };
  if (a[1] === 'ruleset') return { stdout: table ? listText(table) : '', stderr: '', exitCode: 0 };
  if (a[1] === 'table') {
    const [family, name] = a.length >= 4 ? [a[2], a[3]] : ['ip', a[2]];
    if (table && family === table.family && name === table.name) return { stdout: listText(table), stderr: '', exitCode: 0 };
    return err(`Error: No such file or directory\nlist table ${family} ${name ?? ''}\n${' '.repeat(11 + (family?.length ?? 0))}${'^'.repeat((name ?? '').length)}`);
  }
  return err(`Error: syntax error, unexpected ${a[1] ?? 'end of file'}`);
}
