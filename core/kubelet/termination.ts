// killContainer as kuberuntime does it (kuberuntime_container.go): a Killing event, the
// preStop hook (exec, httpGet or sleep) eating into the grace period, then — for a sidecar —
// waiting its turn (kuberuntime_termination_order.go: after every app container and every
// later sidecar has exited, or the grace period ran out), then StopContainer with what is
// left: SIGTERM, and SIGKILL when it runs out. What is left is never below
// minimumGracePeriodInSeconds (2 s). The container keeps its readiness until it exits (the
// prober manager only looks at probe results and the running state), so a deleted pod reads
// `1/1 Terminating` until its container stops, then `0/1`.

import type { PodWorker, Slot } from './podWorker.ts';
import { lifecycleOf, runHook } from './lifecycle.ts';

const MIN_GRACE_MS = 2000;

export function killContainer(w: PodWorker, c: Slot, graceMs: number, message: string, prereqs: Slot[] = []): void {
  const proc = c.proc;
  if (!proc || proc.done || c.killing) return;
  const k = w.k;
  const fp = w.fieldPath(c);
  c.killing = true;
  k.event(w.pod, 'Normal', 'Killing', message, fp);
  k.log('I', 'kuberuntime_container.go:809', `"Killing container with a grace period" pod="${w.key}" podUID="${w.pod.metadata.uid}" containerName="${c.spec.name}" containerID="containerd://${c.containerID}" gracePeriod=${Math.round(graceMs / 1000)}`);
  k.publish(w);
  const start = w.now();
  let hookMs = 0;
  const pre = lifecycleOf(c.spec)?.preStop;
  if (pre && graceMs > 0) {
    const r = runHook(pre, c.spec, proc, w.podIP ?? '', w.formatted);
    hookMs = Math.min(r.ms, graceMs);
    if (r.error) k.event(w.pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', fp);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const rest = Math.max(graceMs - (w.now() - start), MIN_GRACE_MS);
    proc.sigterm();
    w.after(rest, () => proc.sigkill());
  };
  const turn = () => {
    if (prereqs.every((p) => !p.proc || p.proc.done) || w.now() - start >= graceMs) return stop();
    w.exitWaiters.push(turn);
  };
  w.after(hookMs, () => {
    turn();
    if (!stopped) w.after(Math.max(graceMs - (w.now() - start), 0), stop);
  });
}
