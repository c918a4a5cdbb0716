// Lifecycle hooks (pkg/kubelet/lifecycle/handlers.go handlerRunner.Run): exec runs in the
// container through CRI ExecSync, httpGet is a plain GET to the pod IP, sleep waits. Only
// a transport error fails an httpGet hook (the status code is not checked). The messages:
//   Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod "p_default(uid)" failed - error: command 'sh -c exit 1' exited with 1: , message: ""
//   HTTP lifecycle hook (/start) for Container "app" in Pod "p_default(uid)" failed - error: Get "http://10.244.1.2:8080/start": dial tcp 10.244.1.2:8080: connect: connection refused
// ExecSync's error is cri-client's CodeExitError: "command '%s' exited with %d: %s" (stderr).

import type { Container } from '../api/types.ts';
import type { Process } from '../runtime/process.ts';

export interface Handler {
  exec?: { command?: string[] };
  httpGet?: { port: number | string; path?: string; host?: string; scheme?: string };
  sleep?: { seconds: number };
}

export interface Lifecycle {
  postStart?: Handler;
  preStop?: Handler;
}

export const lifecycleOf = (c: Container): Lifecycle | undefined => c['lifecycle'] as Lifecycle | undefined;

/** What a hook did: how long it ran, and on failure the error and the kubelet's message. */
export interface HookResult {
  ms: number;
  error?: string;
  message?: string;
}

/** Go's %q of a string (strconv.Quote): JSON's escaping matches it for printable text. */
const goQuote = (s: string): string => JSON.stringify(s);

function resolvePort(c: Container, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort ?? 0;
}

/** Runs a handler against the container's process; `pod` is format.Pod (name_namespace(uid)). */
export function runHook(h: Handler, c: Container, proc: Process, podIP: string, pod: string): HookResult {
  if (h.exec?.command) {
    const cmd = h.exec.command;
    const r = proc.exec(cmd);
    const ms = r.blockMs ?? 0;
    // containerd answers an exec of a missing binary with exit code 126 and runc's error as output.
    const missing = !!r.unknown && !['sh', 'bash', 'ash'].includes(cmd[0]?.split('/').pop() ?? '');
    const code = missing ? 126 : r.code;
    if (code === 0) return { ms };
    const output = missing ? `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0] ?? ''}": executable file not found in $PATH: unknown\r\n` : r.stdout + r.stderr;
    const error = `command '${cmd.join(' ')}' exited with ${code}: ${missing ? '' : r.stderr}`;
    return { ms, error, message: `Exec lifecycle hook ([${cmd.join(' ')}]) for Container "${c.name}" in Pod "${pod}" failed - error: ${error}, message: ${goQuote(output)}` };
  }
  if (h.httpGet) {
    const port = resolvePort(c, h.httpGet.port);
    const host = h.httpGet.host || podIP;
    const path = h.httpGet.path ?? '';
    if (proc.http(port, path || '/') !== undefined) return { ms: 5 };
    const url = `${(h.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path.startsWith('/') ? path : '/' + path}`;
    const error = `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`;
    return { ms: 1, error, message: `HTTP lifecycle hook (${path}) for Container "${c.name}" in Pod "${pod}" failed - error: ${error}` };
  }
  if (h.sleep) return { ms: h.sleep.seconds * 1000 };
  return { ms: 0 };
}
