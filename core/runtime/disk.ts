// Filling a disk from a container: `fallocate -l 10G FILE` (util-linux; instant, silent) and
// `dd if=/dev/zero of=FILE bs=1M count=N` (writes at the simulated disk's 1 GiB/s and reports
// on stderr as coreutils or busybox dd does). The file only has a size, no content, which is
// what the kubelet's disk accounting (emptyDir, writable layer) needs.

import type { ExecEnv, ExecResult } from './exec.ts';

const DISK_BYTES_PER_S = 2 ** 30;

/** util-linux/coreutils size suffixes: K, M, G, T (powers of 1024, also KiB...), KB, MB, GB (powers of 1000). */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(?:([KMGT])(iB)?|([KMGT])B|c|w|b)?$/i.exec(s);
  if (!m) return undefined;
  const exp = { K: 1, M: 2, G: 3, T: 4 };
  if (m[2]) return Math.round(Number(m[1]) * 1024 ** exp[m[2].toUpperCase() as 'K']);
  if (m[4]) return Math.round(Number(m[1]) * 1000 ** exp[m[4].toUpperCase() as 'K']);
  return Number(m[1]);
}

export function fallocate(args: string[], e: ExecEnv): ExecResult {
  const li = args.indexOf('-l');
  const size = li >= 0 ? parseSize(args[li + 1] ?? '') : undefined;
  const file = args.filter((a, i) => !a.startsWith('-') && i !== li + 1).pop();
  if (size === undefined || !file) return { stdout: '', stderr: 'fallocate: no length argument specified\n', code: 1 };
  const err = e.fs.allocate(file, size);
  return err ? { stdout: '', stderr: `fallocate: cannot open ${file}: ${err}\n`, code: 1 } : { stdout: '', stderr: '', code: 0 };
}

/** coreutils human_readable with autoscale, one decimal below 10 ("1.1 GB", "78 GiB"). */
function human(n: number, base: 1000 | 1024): string {
  const units = base === 1000 ? ['B', 'kB', 'MB', 'GB', 'TB'] : ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= base && i < units.length - 1) {
    n /= base;
    i++;
  }
  return `${n < 10 && i > 0 ? (Math.ceil(n * 10) / 10).toFixed(1) : Math.ceil(n)} ${units[i]}`;
}

/** busybox make_human_readable_str(…, 1, 0): 1024-based, one decimal ("78.1G"). */
function bbHuman(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i ? `${n.toFixed(1)}${units[i]}` : String(n);
}

export function dd(args: string[], e: ExecEnv): ExecResult {
  const opt = new Map(args.map((a) => a.split('=') as [string, string]));
  const bs = parseSize(opt.get('bs') ?? '512') ?? 512;
  const count = Number(opt.get('count') ?? NaN);
  const of = opt.get('of');
  if (!of || !Number.isFinite(count)) return { stdout: '', stderr: '', code: 0, blockMs: Infinity };
  const total = bs * count;
  const err = e.fs.allocate(of, total);
  if (err) return { stdout: '', stderr: `dd: can't open '${of}': ${err}\n`, code: 1 };
  const secs = total / DISK_BYTES_PER_S;
  const records = `${count}+0 records in\n${count}+0 records out\n`;
  const stats = e.flavor === 'busybox'
    ? `${total} bytes (${bbHuman(total)}B) copied, ${secs.toFixed(6)} seconds, ${bbHuman(Math.round(total / secs))}B/s\n`
    : `${total} bytes (${human(total, 1000)}, ${human(total, 1024)}) copied, ${Number(secs.toPrecision(6))} s, ${human(total / secs, 1000)}/s\n`;
  return { stdout: '', stderr: records + stats, code: 0, blockMs: Math.round(secs * 1000) };
}
