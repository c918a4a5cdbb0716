// The command interpreter shared by the page's terminal and the CLI: kubectl on the
// user's machine, `ssh NODE [CMD]` onto a node, `sleep` to move simulated time.

import type { Simulation } from '../simulation.ts';
import { endWatch, kubectl, watchOutput, type KubectlSession } from './kubectl.ts';
import { controlPlaneSsh, journey } from './controlPlane.ts';
import { onNode } from './node.ts';
import { traceCommand } from './trace.ts';
import { parseDurationMs, shellWords } from './args.ts';
import { fail, ok, type CommandResult, type FileSource } from './types.ts';

export type { CommandResult, FileSource } from './types.ts';

const NO_FILES: FileSource = { read: () => undefined };

export class Shell {
  /** The node we are ssh'd into, or undefined on the workstation. */
  host: string | undefined;
  /** kubectl's state between lines: a `kubectl get -w` keeps printing while `sleep` moves time. */
  private readonly kubectlSession: KubectlSession = {};

  constructor(private sim: Simulation, private files: FileSource = NO_FILES) {}

  get prompt(): string {
    return this.host ? `root@${this.host}:~# ` : '$ ';
  }

  run(line: string): CommandResult {
    try {
      return this.exec(line);
    } catch (e) {
      // The shell never takes the page down: an engine bug becomes an error line.
      return fail(`kubeplay: internal error: ${e instanceof Error ? e.message : String(e)}`, 70);
    }
  }

  private exec(line: string): CommandResult {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return ok();
    const words = shellWords(trimmed);
    const [cmd, ...args] = words;
    if (cmd !== 'sleep') endWatch(this.kubectlSession);
    switch (cmd) {
      case 'sleep': {
        const ms = parseDurationMs(args[0] ?? '');
        if (ms === undefined) return fail(`sleep: invalid time interval '${args[0] ?? ''}'`);
        this.sim.advance(ms);
        return ok(watchOutput(this.kubectlSession));
      }
      case 'ssh': {
        const [node, ...rest] = args;
        if (!node) return fail('usage: ssh destination [command [argument ...]]', 255);
        const cp = controlPlaneSsh(this.sim, node, rest);
        if (cp) return cp;
        if (!this.sim.kubelets.has(node)) return fail(`ssh: Could not resolve hostname ${node}: Name or service not known`, 255);
        if (!rest.length) {
          this.host = node;
          return ok();
        }
        return onNode(this.sim, node, rest);
      }
      case 'exit':
      case 'logout':
        if (this.host) {
          const h = this.host;
          this.host = undefined;
          return ok(`logout\nConnection to ${h} closed.\n`);
        }
        return ok();
      case 'kubectl':
        return kubectl(this.sim, args, this.files, this.kubectlSession);
      case 'journey':
        return journey(this.sim, args);
      case 'echo':
        return ok(args.join(' ') + '\n');
      case 'trace':
        return traceCommand(this.sim, args);
    }
    if (this.host) return controlPlaneSsh(this.sim, this.host, words) ?? onNode(this.sim, this.host, words);
    return fail(`bash: ${cmd}: command not found`, 127);
  }
}

/** Runs one line in a fresh shell on the workstation. */
export function runCommand(sim: Simulation, line: string, files?: FileSource): CommandResult {
  return new Shell(sim, files).run(line);
}
