// Starting one container, as kuberuntime's startContainer does it: the crash back-off
// check (doBackOff), the image (images/image_manager.go EnsureImageExists with the pull
// policy and its own back-off), the container config (env from ConfigMaps/Secrets), then
// CreateContainer + StartContainer with their events. Messages are the kubelet's.

import type { StoredImage } from '../runtime/containerd.ts';
import { lookupImage, parseImageRef, pullMs, flavorOf, CATALOGUE } from '../runtime/images.ts';
import { compile } from '../runtime/behaviour.ts';
import { ContainerFs, type Store } from '../runtime/fs.ts';
import { bytes, milliCPU } from '../api/quantity.ts';
import { imagePullPolicyFor } from '../api/defaults.ts';
import { jitter } from './backoff.ts';
import { mountsFor, resolveEnv } from './volumes.ts';
import { Process, type ProcessHost } from '../runtime/process.ts';
import type { Timer } from '../api/clock.ts';
import { ContainerProber } from './prober.ts';
import { lifecycleOf, runHook } from './lifecycle.ts';
import { killContainer } from './termination.ts';
import { WORKER_BACKOFF_MS, RELIST_MS, waiting, type PodWorker, type Slot } from './podWorker.ts';

type Outcome = undefined | number | 'pulling';

/** Go's Duration.String() of a pull time truncated to milliseconds: 512ms, 1.063s, 2s. */
export function pullDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** Why a pull fails, as containerd answers for an image the registry does not have. */
export function pullError(ref: string): string {
  const repo = parseImageRef(ref).repo;
  const known = CATALOGUE.some((i) => i.repo === repo);
  if (!known && ref.startsWith('docker.io/'))
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** pod_workers.go's "Error syncing pod, skipping" for a failed StartContainer: klog quotes the error, which quotes the message. */
function syncError(w: PodWorker, c: Slot, reason: string, message: string): void {
  const q = (t: string) => t.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const err = `failed to "StartContainer" for "${c.spec.name}" with ${reason}: "${q(message)}"`;
  w.k.log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err="${q(err)}" pod="${w.key}" podUID="${w.pod.metadata.uid}"`);
}

/** EnsureImageExists: the stored image, 'pulling' while a pull runs, or a requeue delay after an error. */
export function ensureImage(w: PodWorker, c: Slot): StoredImage | 'pulling' | number {
  const k = w.k;
  const image = c.spec.image;
  const policy = c.spec.imagePullPolicy ?? imagePullPolicyFor(image);
  const present = k.cri.hasImage(image);
  const fp = w.fieldPath(c);
  const retry = () => jitter(WORKER_BACKOFF_MS, 0.5, () => w.rand());
  if (present && c.pulledImage === image) {
    c.pulledImage = undefined;
    return present;
  }
  if (present && policy !== 'Always') {
    k.event(w.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, fp);
    return present;
  }
  if (policy === 'Never') {
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    c.state = waiting('ErrImageNeverPull', msg);
    k.event(w.pod, 'Warning', 'ErrImageNeverPull', msg, fp);
    syncError(w, c, 'ErrImageNeverPull', msg);
    k.publish(w);
    return retry();
  }
  const key = `${w.pod.metadata.uid}_${image}`;
  const now = w.now();
  if (k.imageBackoff.isInBackOffSinceUpdate(key, now)) {
    const msg = `Back-off pulling image "${image}"`;
    c.state = waiting('ImagePullBackOff', msg);
    k.event(w.pod, 'Normal', 'BackOff', msg, fp);
    k.event(w.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fp);
    syncError(w, c, 'ImagePullBackOff', msg);
    k.publish(w);
    return retry();
  }
  k.event(w.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, fp);
  k.log('I', 'image_manager.go:222', `"Pulling image" image="${image}" pod="${w.key}"`);
  const info = lookupImage(image);
  // `Always` with the image cached only resolves the manifest; a miss is answered quickly too.
  const work = info ? (present ? 350 : pullMs(info)) : 900;
  const begin = Math.max(now, k.pullFreeAt);
  k.pullFreeAt = begin + work;
  const total = k.pullFreeAt - now;
  c.pulling = w.after(total, () => {
    c.pulling = undefined;
    if (!info) {
      const why = pullError(k.cri.refOf(image));
      k.imageBackoff.next(key, w.now(), w.now());
      c.state = waiting('ErrImagePull', why);
      k.event(w.pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${why}`, fp);
      k.event(w.pod, 'Warning', 'Failed', 'Error: ErrImagePull', fp);
      syncError(w, c, 'ErrImagePull', why);
      k.publish(w);
      // The sandbox's PLEG event is still pending after the first attempt: the worker syncs again at once.
      w.requeue(c.restartCount === 0 && !c.lastTerm && k.imageBackoff.get(key) === 10_000 ? RELIST_MS : retry());
      return;
    }
    k.cri.storeImage(image);
    c.pulledImage = image;
    k.event(w.pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${pullDuration(work)} (${pullDuration(total)} including waiting). Image size: ${info.sizeBytes} bytes.`, fp);
    w.sync();
  });
  return 'pulling';
}

function baseFiles(w: PodWorker, c: Slot, image: StoredImage): Store {
  const layer: Store = new Map();
  const pod = w.pod;
  const name = pod.metadata.name;
  const ns = pod.metadata.namespace ?? 'default';
  const dns = w.k.ctx.settings;
  layer.set('/etc/hostname', `${name}\n`);
  layer.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${w.podIP ?? ''}\t${name}\n`);
  layer.set('/etc/resolv.conf', pod.spec.dnsPolicy === 'Default' || pod.spec.hostNetwork
    ? 'nameserver 172.18.0.1\n'
    : `search ${ns}.svc.${dns.dnsDomain} svc.${dns.dnsDomain} ${dns.dnsDomain}\nnameserver ${dns.clusterDNS}\noptions ndots:5\n`);
  for (const d of ['/tmp', '/root', '/var', '/usr', '/bin', '/dev', '/proc', '/sys', '/home']) layer.set(d, null);
  // The token is the ServiceAccount admission plugin's projected volume: static pods never get one.
  if (pod.spec['automountServiceAccountToken'] !== false && pod.spec.serviceAccountName) {
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    layer.set(`${sa}/namespace`, ns);
    layer.set(`${sa}/ca.crt`, '-----BEGIN CERTIFICATE-----\n(simulated cluster CA)\n-----END CERTIFICATE-----\n');
    layer.set(`${sa}/token`, 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0.simulated.token');
  }
  const repo = image.info.repo;
  if (repo === 'nginx') {
    layer.set('/usr/share/nginx/html/index.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n');
    layer.set('/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
  } else if (repo === 'httpd') layer.set('/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n');
  return layer;
}

/** Starts (or restarts) a container: undefined when it started, 'pulling', or a requeue delay. */
export function startContainer(w: PodWorker, c: Slot): Outcome {
  const k = w.k;
  const now = w.now();
  const fp = w.fieldPath(c);
  // doBackOff runs once per exit: a restart that then waits for its image pull is not re-checked.
  if (c.finishedAt !== undefined && c.backoffPassed !== c.finishedAt) {
    const key = `${w.pod.metadata.uid}/${c.spec.name}`;
    if (k.backoff.isInBackOffSince(key, c.finishedAt, now)) {
      const b = k.backoff.get(key);
      k.event(w.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${w.formatted}`, fp);
      c.lastState = { terminated: c.lastTerm! };
      c.state = waiting('CrashLoopBackOff', w.crashMessage(c, b));
      syncError(w, c, 'CrashLoopBackOff', w.crashMessage(c, b));
      k.publish(w);
      return w.backoffRequeue(k.backoff.expiresAt(key, c.finishedAt));
    }
    k.backoff.next(key, c.finishedAt, now);
    c.backoffPassed = c.finishedAt;
  }
  const img = ensureImage(w, c);
  if (img === 'pulling' || typeof img === 'number') return img;
  const env = resolveEnv(k.ctx, w.pod, c.spec, w.podIP, k.nodeIP);
  if ('error' in env) {
    c.state = waiting('CreateContainerConfigError', env.error);
    k.event(w.pod, 'Warning', 'Failed', `Error: ${env.error}`, fp);
    syncError(w, c, 'CreateContainerConfigError', env.error);
    k.publish(w);
    return jitter(WORKER_BACKOFF_MS, 0.5, () => w.rand());
  }
  if (!w.sandbox) return undefined;
  const rc = k.cri.createContainer(w.sandbox.id, c.spec.name, img, c.restartCount + (c.lastTerm ? 1 : 0), now);
  k.event(w.pod, 'Normal', 'Created', `Created container: ${c.spec.name}`, fp);
  k.cri.start(rc.id, now);
  k.event(w.pod, 'Normal', 'Started', `Started container ${c.spec.name}`, fp);
  k.log('I', 'kuberuntime_container.go:1191', `"Started container" containerName="${c.spec.name}" containerID="${rc.id}" pod="${w.key}"`);
  if (c.lastTerm) {
    c.lastState = { terminated: c.lastTerm };
    c.restartCount++;
  }
  c.containerID = rc.id;
  c.imageID = img.repoDigest;
  const startedAt = k.ctx.clock.iso();
  const prog = compile(c.spec, img.info, env.env);
  const fs = new ContainerFs(baseFiles(w, c, img), mountsFor(c.spec, w.volumes));
  rc.fs = fs;
  const memLimit = bytes(c.spec.resources?.limits?.memory) || k.nodeMemoryBytes;
  const proc = new Process(new ContainerHost(w, c, rc.id), prog, img.info, { fs, env: env.env, hostname: w.pod.metadata.name, flavor: flavorOf(c.spec.image, img.info), memLimit, cpuLimit: milliCPU(c.spec.resources?.limits?.cpu) });
  c.proc = proc;
  rc.proc = proc;
  if (prog.note) k.cri.log(rc.id, now, `[kubeplay] ${prog.note}`, 'stderr');
  const postStart = lifecycleOf(c.spec)?.postStart;
  if (!postStart) {
    running(w, c, startedAt);
    proc.start();
    return undefined;
  }
  // Step 4 of startContainer: the hook runs synchronously, so the container is reported (and
  // probed) as running only once it returns, and the worker starts nothing else meanwhile.
  c.hooking = true;
  proc.start();
  if (proc.done) return undefined;
  const r = runHook(postStart, c.spec, proc, w.podIP ?? '', w.formatted);
  w.after(r.ms, () => {
    if (proc.done || c.killing) return;
    if (!r.error) {
      c.hooking = false;
      running(w, c, startedAt);
      w.sync();
      return;
    }
    k.log('E', 'kuberuntime_container.go:303', `"Failed to execute PostStartHook" err="${r.error.replace(/"/g, '\\"')}" pod="${w.key}" podUID="${w.pod.metadata.uid}" containerName="${c.spec.name}" containerID="containerd://${rc.id}"`);
    // The event leaves the message out so that secrets cannot leak; the status carries it.
    k.event(w.pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', fp);
    c.startError = { reason: 'PostStartHookError', message: r.message ?? '' };
    killContainer(w, c, w.graceMs(), 'FailedPostStartHook');
  });
  return undefined;
}

/** What a container's process asks of the kubelet and containerd: one small object per container, its methods shared. */
class ContainerHost implements ProcessHost {
  constructor(private w: PodWorker, private c: Slot, private id: string) {}
  now(): number {
    return this.w.now();
  }
  date(): string {
    return busyboxDate(this.w.k.ctx.clock.iso());
  }
  after(ms: number, fn: () => void): Timer {
    return this.w.after(ms, fn);
  }
  cancel(t: Timer): void {
    this.w.k.ctx.clock.cancel(t);
  }
  log(line: string, stream: 'stdout' | 'stderr'): void {
    this.w.k.cri.log(this.id, this.w.now(), line, stream);
  }
  exited(code: number, reason: 'Completed' | 'Error' | 'OOMKilled'): void {
    this.w.onExit(this.c, code, reason);
  }
  changed(): void {
    this.c.prober?.rearm();
  }
}

/** The container runs (and its hook, if any, returned): status running, probes start. */
function running(w: PodWorker, c: Slot, startedAt: string): void {
  const k = w.k;
  c.state = { running: { startedAt } };
  if ((!c.init || c.sidecar) && (c.spec.livenessProbe || c.spec.readinessProbe || c.spec.startupProbe)) {
    c.prober ??= new ContainerProber({
      now: () => w.now(),
      after: (ms, fn, bg) => w.after(ms, fn, bg),
      cancel: (t) => k.ctx.clock.cancel(t),
      event: (type, reason, message) => k.event(w.pod, type, reason, message, w.fieldPath(c)),
      target: () => (c.proc && !c.proc.done && !c.killing && w.podIP ? { proc: c.proc, ip: w.podIP, startedAt: c.proc.startedAt, id: c.containerID ?? '' } : undefined),
      changed: (kind, ok) => w.onProbe(c, kind, ok),
    }, c.spec, w.addedAt);
    c.prober.reset(c.containerID ?? '');
  }
  w.updateReadiness(c);
  k.publish(w);
}

/** `date` as busybox and coreutils print it in UTC: "Thu Jan  1 00:00:05 UTC 2026". */
export function busyboxDate(iso: string): string {
  const d = new Date(iso);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
