// The command interpreter shared by the page's terminal and the CLI: kubectl on the
// user's machine, `ssh NODE [CMD]` onto a node, `sleep` to move simulated time.

import type { Simulation } from '../simulation.ts';
import { endWatch, kubectl, watchOutput, type KubectlSession } from './kubectl.ts';
import { controlPlaneSsh, journey } from './controlPlane.ts';
import { onNode } from './node.ts';
import { traceCommand } from './trace.ts';
import { parseDurationMs } from './args.ts';
import { shellTokens } from '../runtime/words.ts';
import { fail, ok, type CommandResult, type FileSource } from './types.ts';
import { filterFor, type ReadFile } from './coreutils.ts';
import { splitPipe, splitScript, takeRedirects } from './pipeline.ts';

export type { CommandResult, FileSource } from './types.ts';

const NO_FILES: FileSource = { read: () => undefined };

export class Shell {
  /** The node we are ssh'd into, or undefined on the workstation. */
  host: string | undefined;
  /** kubectl's state between lines: a `kubectl get -w` keeps printing while `sleep` moves time. */
  private readonly kubectlSession: KubectlSession = {};

  constructor(private sim: Simulation, private files: FileSource = NO_FILES) {}

  /** True while a `kubectl get -w` runs: the page's terminal shows its rows as time passes. */
  get watching(): boolean {
    return this.kubectlSession.watch !== undefined;
  }

  /** What a running watch printed since the last call. */
  takeWatchOutput(): string {
    return watchOutput(this.kubectlSession);
  }

  /** Ctrl-C: stops a running watch. */
  interrupt(): void {
    endWatch(this.kubectlSession);
  }

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

  /** A line as bash runs it: statements (`;`, `&&`, `||`), each a pipeline of commands. */
  private exec(line: string): CommandResult {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return ok();
    let stdout = '';
    let stderr = '';
    let exitCode = 0;
    for (const { stmt, op } of splitScript(trimmed)) {
      if ((op === '&&' && exitCode !== 0) || (op === '||' && exitCode === 0)) continue;
      const r = this.pipeline(stmt);
      stdout += r.stdout;
      stderr += r.stderr;
      exitCode = r.exitCode;
    }
    return { stdout, stderr, exitCode };
  }

  /** `a | b | c`: each command's stdout is the next one's stdin; the last one's status counts. */
  private pipeline(stmt: string): CommandResult {
    let stdin = '';
    let stderr = '';
    let exitCode = 0;
    const segments = splitPipe(stmt);
    for (const [i, segment] of segments.entries()) {
      const taken = takeRedirects(shellTokens(segment));
      if ('error' in taken) return fail(stderr + taken.error);
      if (!taken.words.length) return fail("bash: syntax error near unexpected token `|'", 2);
      const r = this.command(taken.words, i > 0 ? stdin : '');
      let o = r.stdout;
      let e = r.stderr;
      if (taken.redirects.stderr === 'stdout') [o, e] = [o + e, ''];
      if (taken.redirects.stderr === 'null') e = '';
      if (taken.redirects.stdout === 'stderr') [o, e] = ['', e + o];
      if (taken.redirects.stdout === 'null') o = '';
      stderr += e;
      stdin = o;
      exitCode = r.exitCode;
    }
    return { stdout: stdin, stderr, exitCode };
  }

  /** Runs `line` as `ssh NODE 'line'` does: the remote shell parses it again. */
  private onHost(node: string, line: string): CommandResult {
    const saved = this.host;
    this.host = node;
    try {
      return this.exec(line);
    } finally {
      this.host = saved;
    }
  }

  /** A file operand of grep, head, cat...: the node's files when ssh'd in, else the workspace. */
  private readonly read: ReadFile = (path) => {
    if (!this.host) {
      const text = this.files.read(path);
      return text === undefined ? { error: 'No such file or directory' } : { text };
    }
    const r = onNode(this.sim, this.host, ['cat', path]);
    return r.exitCode === 0 ? { text: r.stdout } : { error: r.stderr.trim().replace(/^cat: [^:]*: /, '') };
  };

  private command(words: string[], stdin: string): CommandResult {
    const [cmd, ...args] = words as [string, ...string[]];
    if (cmd !== 'sleep') endWatch(this.kubectlSession);
    const filter = filterFor(cmd);
    // A node's own `cat` knows its files; after a pipe every filter reads the pipe.
    if (filter && !(cmd === 'cat' && this.host && args.length)) return filter(args, stdin, this.read);
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
        return this.onHost(node, rest.join(' '));
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
