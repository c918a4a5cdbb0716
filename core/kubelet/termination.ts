// killContainer as kuberuntime does it (kuberuntime_container.go): a Killing event, the
// preStop hook (exec, httpGet or sleep) eating into the grace period, then StopContainer
// with what is left — SIGTERM, and SIGKILL when the grace period runs out. The time left
// after the hook is never below minimumGracePeriodInSeconds (2 s).

import type { PodWorker, Slot } from './podWorker.ts';

const MIN_GRACE_MS = 2000;

interface Lifecycle {
  preStop?: { exec?: { command?: string[] }; httpGet?: { port: number | string; path?: string }; sleep?: { seconds: number } };
}

export function killContainer(w: PodWorker, c: Slot, graceMs: number, message: string): void {
  const proc = c.proc;
  if (!proc || proc.done || c.killing) return;
  const k = w.k;
  const fp = w.fieldPath(c);
  c.killing = true;
  c.ready = false;
  k.event(w.pod, 'Normal', 'Killing', message, fp);
  k.log('I', 'kuberuntime_container.go:809', `"Killing container with a grace period" pod="${w.key}" podUID="${w.pod.metadata.uid}" containerName="${c.spec.name}" containerID="containerd://${c.containerID}" gracePeriod=${Math.round(graceMs / 1000)}`);
  k.publish(w);
  let hookMs = 0;
  const pre = (c.spec['lifecycle'] as Lifecycle | undefined)?.preStop;
  if (pre?.exec?.command) {
    const r = proc.exec(pre.exec.command);
    hookMs = r.blockMs ?? 0;
    if (r.code !== 0 || r.unknown) k.event(w.pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', fp);
  } else if (pre?.sleep) hookMs = pre.sleep.seconds * 1000;
  else if (pre?.httpGet) hookMs = 10;
  hookMs = Math.min(hookMs, graceMs);
  const rest = Math.max(graceMs - hookMs, MIN_GRACE_MS);
  w.after(hookMs, () => {
    proc.sigterm();
    w.after(rest, () => proc.sigkill());
  });
}
