// Commands run on a node (after `ssh NODE`): systemctl/journalctl for the kubelet,
// crictl, ip, and files — printed as on a real Debian node with containerd.

import type { Simulation } from '../simulation.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { crictl } from './crictl.ts';
import { ipCommand } from './ip.ts';
import { proxyCommand } from './proxy.ts';

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
    const since = new Date(EPOCH_MS + (unit === 'kubelet' ? k.startedAt : 0)).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $4-$3-$2 $5 UTC');
    const head = unit === 'kubelet'
      ? `● kubelet.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)\n    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf\n`
      : `● containerd.service - containerd container runtime\n     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)\n`;
    const state = active ? `     Active: active (running) since ${since}\n` : `     Active: inactive (dead) since ${since}\n`;
    const docs = unit === 'kubelet' ? '       Docs: https://kubernetes.io/docs/\n' : '       Docs: https://containerd.io\n';
    const pid = unit === 'kubelet' ? k.journal.pid : 212;
    const main = active ? ` Main PID: ${pid} (${unit})\n` : '';
    const tail = unit === 'kubelet' ? k.journal.lines.slice(-5).map((l) => l.text + '\n').join('') : '';
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
