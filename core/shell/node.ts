// Commands run on a node (after `ssh NODE`): systemctl/journalctl for the kubelet,
// crictl, ip, and files — printed as on a real Debian node with containerd.

import type { Simulation } from '../simulation.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { crictl } from './crictl.ts';
import { ipCommand } from './ip.ts';
import { proxyCommand } from './proxy.ts';
import { nodeFiles } from '../kubelet/nodeFiles.ts';
import { kubeletCpuMs, systemdTimespan } from '../kubelet/stats.ts';

export function onNode(sim: Simulation, node: string, words: string[]): CommandResult {
  const k = sim.kubelets.get(node);
  if (!k) return fail(`ssh: Could not resolve hostname ${node}: Name or service not known`, 255);
  const [cmd, ...args] = words;
  switch (cmd) {
    case 'hostname':
      return ok(`${node}\n`);
    case 'systemctl':
      return systemctl(sim, k, args);
    case 'journalctl':
      return journalctl(k, args);
    case 'crictl':
      return crictl(sim, k, args);
    case 'ip':
      return ipCommand(sim, k, args);
    case 'iptables-save':
    case 'iptables':
    case 'ipvsadm':
    case 'nft':
    case 'ipset':
    case 'conntrack':
    case 'kube-proxy-restore':
      return proxyCommand(sim, node, cmd, args);
    case 'ls':
      return ls(k, args);
    case 'cat':
      return cat(k, args);
    case 'uname':
      return ok(args.includes('-r') ? '6.8.0-48-generic\n' : args.includes('-a') ? `Linux ${node} 6.8.0-48-generic #48-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : 'Linux\n');
    default:
      return fail(`bash: ${cmd}: command not found`, 127);
  }
}

function systemctl(sim: Simulation, k: Kubelet, args: string[]): CommandResult {
  const [verb, unit0] = args;
  const unit = (unit0 ?? '').replace(/\.service$/, '');
  if (!verb) return fail('systemctl: missing verb');
  if (unit !== 'kubelet' && unit !== 'containerd') return fail(`Unit ${unit0 ?? ''}.service could not be found.`, 4);
  if (verb === 'status') {
    const active = unit === 'containerd' || k.running;
    const since = unit === 'kubelet' ? (active ? k.startedAt : k.stoppedAt) : 0;
    const head = unit === 'kubelet'
      ? `${active ? '●' : '○'} kubelet.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)\n    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf\n`
      : `● containerd.service - containerd container runtime\n     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)\n`;
    const when = `${systemdTime(since)}; ${systemdAgo(sim.clock.now() - since)} ago`;
    const state = active ? `     Active: active (running) since ${when}\n` : `     Active: inactive (dead) since ${when}\n   Duration: ${systemdTimespan(k.stoppedAt - k.startedAt)}\n`;
    const docs = unit === 'kubelet' ? '       Docs: https://kubernetes.io/docs/\n' : '       Docs: https://containerd.io\n';
    const pid = unit === 'kubelet' ? k.journal.pid : 212;
    const main = active
      ? `   Main PID: ${pid} (${unit})\n      Tasks: ${unit === 'kubelet' ? 14 : 11} (limit: 9830)\n     Memory: ${unit === 'kubelet' ? '42.1M' : '38.6M'}\n${unit === 'kubelet' ? `        CPU: ${systemdTimespan(kubeletCpuMs(k, sim.clock.now()))}\n` : ''}     CGroup: /system.slice/${unit}.service\n             └─${pid} ${unit === 'kubelet' ? '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip=' + k.nodeIP : '/usr/local/bin/containerd'}\n`
      // The kubelet exits 0 on SIGTERM; systemd then reports the ExecStart process and its CPU time.
      : `    Process: ${pid} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)\n   Main PID: ${pid} (code=exited, status=0/SUCCESS)\n        CPU: ${systemdTimespan(kubeletCpuMs(k, k.stoppedAt))}\n`;
    const tail = unit === 'kubelet' ? k.journal.lines.slice(-10).map((l) => l.text + '\n').join('') : '';
    return { stdout: head + state + docs + main + (tail ? '\n' + tail : ''), stderr: '', exitCode: active ? 0 : 3 };
  }
  if (unit !== 'kubelet') return ok();
  if (verb === 'stop') k.stop();
  else if (verb === 'start' || verb === 'restart') k.start();
  else return fail(`Unknown command verb ${verb}.`);
  sim.settle(0);
  return ok();
}

function journalctl(k: Kubelet, args: string[]): CommandResult {
  const ui = args.indexOf('-u');
  const unit = ui >= 0 ? args[ui + 1]?.replace(/\.service$/, '') : undefined;
  if (unit !== undefined && unit !== 'kubelet') return ok('-- No entries --\n');
  const ni = args.indexOf('-n');
  const n = ni >= 0 ? Number(args[ni + 1]) : undefined;
  const lines = k.journal.lines.map((l) => l.text);
  return ok((n !== undefined ? lines.slice(-n) : lines).join('\n') + '\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** systemd's timestamp: "Thu 2026-01-01 00:00:00 UTC". */
function systemdTime(ms: number): string {
  const d = new Date(EPOCH_MS + ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

/** systemd's format_timestamp_relative: "45s", "3min 20s", "12min", "1h 5min", "7h", "2 days". */
export function systemdAgo(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s >= 2 * 86400) return `${Math.floor(s / 86400)} days`;
  if (s >= 25 * 3600) return `1 day ${Math.floor((s - 86400) / 3600)}h`;
  if (s >= 6 * 3600) return `${Math.floor(s / 3600)}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}min`;
  if (s >= 300) return `${Math.floor(s / 60)}min`;
  if (s >= 60) return `${Math.floor(s / 60)}min ${s % 60}s`;
  if (s >= 1) return `${s}s`;
  return `${ms}ms`;
}

function ls(k: Kubelet, args: string[]): CommandResult {
  const files = nodeFiles(k);
  const long = args.some((a) => /^-\w*l/.test(a));
  const all = args.some((a) => /^-\w*a/.test(a));
  const paths = args.filter((a) => !a.startsWith('-'));
  let out = '';
  let err = '';
  for (const raw of paths.length ? paths : ['/root']) {
    const p = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
    const f = files.get(p);
    if (!f && p !== '/' && p !== '/root') {
      err += `ls: cannot access '${raw}': No such file or directory\n`;
      continue;
    }
    if (f && !f.dir) {
      out += long ? `-rw-r--r-- 1 root root ${String(f.text.length).padStart(5)} Jan  1 00:00 ${raw}\n` : `${raw}\n`;
      continue;
    }
    const prefix = p === '/' ? '/' : p + '/';
    const names = [...files.keys()].filter((x) => x.startsWith(prefix) && !x.slice(prefix.length).includes('/')).map((x) => x.slice(prefix.length)).filter((n) => n && (all || !n.startsWith('.'))).sort();
    if (paths.length > 1) out += `${out ? '\n' : ''}${raw}:\n`;
    if (long) {
      out += `total ${names.length * 4}\n`;
      for (const n of names) {
        const e = files.get(prefix + n)!;
        out += e.dir ? `drwxr-xr-x 2 root root  4096 Jan  1 00:00 ${n}\n` : `-rw-${p.includes('/etc/kubernetes/manifests') ? '------' : 'r--r--'} 1 root root ${String(e.text.length).padStart(5)} Jan  1 00:00 ${n}\n`;
      }
    } else out += names.map((n) => n + '\n').join('');
  }
  return { stdout: out, stderr: err, exitCode: err ? 2 : 0 };
}

function cat(k: Kubelet, args: string[]): CommandResult {
  const files = nodeFiles(k);
  let out = '';
  let err = '';
  for (const p of args.filter((a) => !a.startsWith('-'))) {
    const f = files.get(p.length > 1 ? p.replace(/\/+$/, '') : p);
    if (!f) err += `cat: ${p}: No such file or directory\n`;
    else if (f.dir) err += `cat: ${p}: Is a directory\n`;
    else out += f.text;
  }
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
}
