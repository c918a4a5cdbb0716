// Node-side views of kube-proxy's work: iptables-save, iptables -L, ipvsadm, nft.
// Wired to the kube-proxy component of core/proxy.

import type { Simulation } from '../simulation.ts';
import { fail, type CommandResult } from './types.ts';

export function proxyCommand(sim: Simulation, node: string, cmd: string, args: string[]): CommandResult {
  const kp = sim.kubeProxies.get(node);
  if (!kp) return fail(`bash: ${cmd}: command not found`, 127);
  return kp.command(cmd, args, sim.clock.now());
}
