// Network-namespace plumbing for the netfilter tests: a node namespace routing between
// pod namespaces and a client namespace over veth pairs (private addresses only).
// Every namespace is named `kpt<pid><lab>-...`; sweep() removes those of dead test runs.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { JUMP_RULES, jumpRuleArgs, KUBE_PROXY_CANARY } from '../../core/proxy/iptables/chains.ts';

const IP = '/usr/sbin/ip';
const PREFIX = 'kpt';
const tag = `${PREFIX}${process.pid}`;

/** Deletes namespaces left behind by earlier runs that died before their teardown. */
export function sweep(): void {
  let names: string[] = [];
  try { names = execFileSync(IP, ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean); } catch { return; }
  for (const n of names) {
    const pid = new RegExp(`^${PREFIX}(\\d+)`).exec(n)?.[1];
    if (!pid || Number(pid) === process.pid) continue;
    try { process.kill(Number(pid), 0); continue; } catch { /* that run is gone */ }
    try { execFileSync(IP, ['netns', 'del', n], { stdio: 'pipe' }); } catch { /* already gone */ }
  }
}

/** Why the kernel tests cannot run here, or null when they can. */
export function unavailable(extraBins: string[] = []): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not running as root';
  for (const bin of [IP, '/usr/sbin/iptables-restore', '/usr/sbin/iptables-save', '/usr/sbin/iptables', ...extraBins]) {
    if (!existsSync(bin)) return `${bin} missing`;
  }
  try {
    execFileSync(IP, ['netns', 'add', `${tag}-probe`], { stdio: 'pipe' });
    execFileSync(IP, ['netns', 'del', `${tag}-probe`], { stdio: 'pipe' });
  } catch (e) {
    return `cannot create network namespaces (${(e as Error).message.split('\n')[0]})`;
  }
  return null;
}

/** unavailable(), said loudly: a skip is printed, and is an error under KUBEPLAY_REQUIRE_NETFILTER=1. */
export function skipReason(what: string, extraBins: string[] = []): string | null {
  const reason = unavailable(extraBins);
  if (!reason) return null;
  const msg = `\n*** SKIPPED ${what}: ${reason}. Kernel behaviour was NOT checked. ***\n`;
  if (process.env.KUBEPLAY_REQUIRE_NETFILTER === '1') throw new Error(msg);
  console.warn(msg);
  return reason;
}

export const run = (ns: string, cmd: string[], input?: string, timeout = 20_000): string =>
  execFileSync(IP, ['netns', 'exec', ns, ...cmd], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout });
const ip = (...args: string[]) => execFileSync(IP, args, { stdio: 'pipe' });

export class Lab {
  readonly node: string;
  readonly client: string;
  readonly pods: string[] = [];
  private readonly namespaces: string[] = [];
  private readonly procs: ChildProcess[] = [];
  private readonly tag: string;

  /** `lab` (one letter) keeps two labs of one process apart. */
  constructor(lab = 'a') {
    this.tag = tag + lab;
    this.node = `${this.tag}-node`;
    this.client = `${this.tag}-client`;
  }

  private addNs(name: string): void {
    ip('netns', 'add', name);
    this.namespaces.push(name);
    run(name, [IP, 'link', 'set', 'lo', 'up']);
  }

  /** A veth pair between the node and `ns`, addressed nodeAddr/peerAddr in one /24; peer's default route via the node. */
  private link(ns: string, idx: number, nodeAddr: string, peerAddr: string): void {
    const a = `${this.tag}n${idx}`, b = `${this.tag}p${idx}`;
    ip('link', 'add', a, 'netns', this.node, 'type', 'veth', 'peer', 'name', b, 'netns', ns);
    run(this.node, [IP, 'addr', 'add', `${nodeAddr}/24`, 'dev', a]);
    run(this.node, [IP, 'link', 'set', a, 'up']);
    run(ns, [IP, 'addr', 'add', `${peerAddr}/24`, 'dev', b]);
    run(ns, [IP, 'link', 'set', b, 'up']);
    run(ns, [IP, 'route', 'add', 'default', 'via', nodeAddr]);
  }

  /** Only the node namespace: for loading rules without traffic. */
  setupNode(): void {
    this.addNs(this.node);
  }

  /** Node 192.168.50.1 facing the client 192.168.50.2; pod i at 10.244.i.2 behind 10.244.i.1. */
  setup(podCount: number): void {
    this.addNs(this.node);
    run(this.node, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    this.addNs(this.client);
    this.link(this.client, 0, '192.168.50.1', '192.168.50.2');
    for (let i = 1; i <= podCount; i++) {
      const pod = `${this.tag}-pod${i}`;
      this.addNs(pod);
      this.pods.push(pod);
      this.link(pod, i, `10.244.${i}.1`, `10.244.${i}.2`);
    }
    // Like a real node, route everything else upstream (here: via the client).
    run(this.node, [IP, 'route', 'add', 'default', 'via', '192.168.50.2']);
  }

  /** What kube-proxy does on a sync: ensure chains + jumps (full syncs only), then iptables-restore. */
  load(restore: string, full: boolean): void {
    if (full) {
      for (const t of ['mangle', 'nat', 'filter']) {
        try { run(this.node, ['iptables', '-w', '-t', t, '-N', KUBE_PROXY_CANARY]); } catch { /* exists */ }
      }
      for (const j of JUMP_RULES) {
        try { run(this.node, ['iptables', '-w', '-t', j.table, '-N', j.dst]); } catch { /* exists */ }
        const args = jumpRuleArgs(j);
        try { run(this.node, ['iptables', '-w', '-t', j.table, '-C', j.src, ...args]); } catch {
          run(this.node, ['iptables', '-w', '-t', j.table, '-I', j.src, ...args]);
        }
      }
    }
    run(this.node, ['iptables-restore', '-w', '--noflush', '--counters'], restore);
  }

  /** Starts the echo server in every pod and waits (bounded) until each answers. */
  startServers(): void {
    this.pods.forEach((ns) => this.spawnNode(ns, SERVER, [ns]));
    const ready = `const net=require('net');let n=0;(function f(){const s=net.connect(8080,process.argv[1]);s.on('connect',()=>{s.destroy();process.exit(0)});s.on('error',()=>{if(++n>100)process.exit(1);setTimeout(f,50)})})()`;
    for (let i = 1; i <= this.pods.length; i++) this.nodeScript(this.node, ready, [`10.244.${i}.2`], 10_000);
  }

  /** N sequential connections from the client (each bounded by a 2 s timeout): {"<pod> <source the pod saw>": count, "TIMEOUT": ..., "ERR ...": ...}. */
  replies(proto: 'tcp' | 'udp', host: string, port: number, n: number, from = this.client): Record<string, number> {
    return JSON.parse(this.nodeScript(from, CLIENT, [proto, host, String(port), String(n)]));
  }

  /** The node's ICMP counters (/proc/net/snmp `Icmp:` lines: OutDestUnreachs, OutRedirects, OutRateLimitHost, ...). */
  icmp(): Record<string, number> {
    const [names = '', values = ''] = run(this.node, ['cat', '/proc/net/snmp']).split('\n').filter((l) => l.startsWith('Icmp:'));
    const v = values.split(/\s+/).slice(1).map(Number);
    return Object.fromEntries(names.split(/\s+/).slice(1).map((k, i) => [k, v[i] ?? 0]));
  }

  /** ICMP redirects from the node on (the kernel default) or off, on every interface. */
  sendRedirects(on: boolean): void {
    for (const l of run(this.node, [IP, '-o', 'link']).split('\n')) {
      const dev = /^\d+: ([^@:]+)/.exec(l)?.[1];
      if (dev) run(this.node, ['sysctl', '-qw', `net.ipv4.conf.${dev}.send_redirects=${on ? 1 : 0}`]);
    }
    run(this.node, ['sysctl', '-qw', `net.ipv4.conf.all.send_redirects=${on ? 1 : 0}`]);
  }

  /** replies() counted by pod namespace. */
  traffic(proto: 'tcp' | 'udp', host: string, port: number, n: number): Record<string, number> {
    const counts = this.replies(proto, host, port, n);
    const pods: Record<string, number> = {};
    for (const [k, v] of Object.entries(counts)) pods[k.split(' ')[0]!] = (pods[k.split(' ')[0]!] ?? 0) + v;
    return pods;
  }

  /** Runs `node -e script args` inside ns in the background (killed by teardown). */
  spawnNode(ns: string, script: string, args: string[]): void {
    const p = spawn(IP, ['netns', 'exec', ns, process.execPath, '-e', script, ...args], { stdio: 'ignore' });
    this.procs.push(p);
  }

  nodeScript(ns: string, script: string, args: string[], timeout = 60_000): string {
    return run(ns, [process.execPath, '-e', script, ...args], undefined, timeout);
  }

  teardown(): void {
    for (const p of this.procs) if (p.pid !== undefined && p.exitCode === null) p.kill('SIGKILL');
    for (const ns of this.namespaces.reverse()) {
      try { ip('netns', 'del', ns); } catch { /* already gone */ }
    }
  }
}

/** TCP server on :8080 and UDP echo on :5353 answering "<pod> <peer address>". */
export const SERVER = `
const net = require('net'), dgram = require('dgram');
const name = process.argv[1];
net.createServer((s) => { s.on('error', () => {}); s.end(name + ' ' + s.remoteAddress); }).listen(8080, '0.0.0.0');
const u = dgram.createSocket('udp4');
u.on('message', (m, r) => u.send(name + ' ' + r.address, r.port, r.address));
u.bind(5353);`;

/** Makes N sequential connections (new source port each) and prints {"<reply>": count}. */
export const CLIENT = `
const net = require('net'), dgram = require('dgram');
const [proto, host, port, n] = process.argv.slice(1);
const counts = {};
const add = (k) => { counts[k] = (counts[k] || 0) + 1; };
function tcp() {
  return new Promise((res) => {
    let data = '';
    const s = net.connect({ host, port: +port });
    const t = setTimeout(() => { s.destroy(); res('TIMEOUT'); }, 2000);
    s.on('data', (d) => (data += d));
    s.on('end', () => { clearTimeout(t); res(data); });
    s.on('error', (e) => { clearTimeout(t); res('ERR ' + e.code); });
  });
}
function udp() {
  return new Promise((res) => {
    const u = dgram.createSocket('udp4');
    const t = setTimeout(() => { u.close(); res('TIMEOUT'); }, 2000);
    u.on('message', (m) => { clearTimeout(t); u.close(); res(String(m)); });
    u.on('error', (e) => { clearTimeout(t); u.close(); res('ERR ' + e.code); });
    u.send('ping', +port, host);
  });
}
(async () => {
  for (let i = 0; i < +n; i++) add(await (proto === 'udp' ? udp() : tcp()));
  process.stdout.write(JSON.stringify(counts));
})();`;
