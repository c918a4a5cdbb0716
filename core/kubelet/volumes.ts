// The kubelet's volume manager and container config, as far as a pod's start depends on
// them: each volume is set up under /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name>
// (emptyDir, configMap, secret, projected, downwardAPI; hostPath on the node; PVCs must be
// bound), and each container's environment is resolved from env/envFrom. A missing
// ConfigMap or Secret gives the kubelet's own messages:
//   volume:  MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found
//   env:     CreateContainerConfigError, `configmap "app-config" not found`
//            (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables).

import type { Container, KObject, Pod, Service } from '../api/types.ts';
import type { Context } from '../api/context.ts';
import { storeBytes, type Mount, type Store } from '../runtime/fs.ts';
import type { Env, EnvPair } from '../runtime/env.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { goDuration } from './backoff.ts';

interface KeyToPath { key: string; path: string }
interface Volume {
  name: string;
  emptyDir?: { medium?: string };
  hostPath?: { path: string; type?: string };
  configMap?: { name?: string; optional?: boolean; items?: KeyToPath[] };
  secret?: { secretName?: string; optional?: boolean; items?: KeyToPath[] };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  downwardAPI?: { items?: { path: string; fieldRef?: { fieldPath: string } }[] };
  projected?: { sources?: { configMap?: { name?: string; optional?: boolean; items?: KeyToPath[] }; secret?: { name?: string; optional?: boolean; items?: KeyToPath[] }; serviceAccountToken?: { path?: string }; downwardAPI?: { items?: { path: string; fieldRef?: { fieldPath: string } }[] } }[] };
}
interface VolumeMount { name: string; mountPath: string; readOnly?: boolean; subPath?: string }

export interface PodVolume {
  name: string;
  plugin: string;
  store: Store;
  /** Where the kubelet keeps it on the node. */
  hostPath: string;
  /** Disk the volume uses on the node's filesystem (emptyDir on disk; not tmpfs, configMaps or hostPath). */
  usedBytes?: () => number;
}

export interface VolumeFailure {
  volume: string;
  /** The event's text: `MountVolume.SetUp failed for volume "v" : <error>`. */
  message: string;
  /** The volume's unique name (kubernetes.io/configmap/<uid>-<volume>) and the plugin's own error, for the reconciler's log line. */
  uniqueName: string;
  error: string;
}

/** Go's time.Time.String() for a simulated instant (fraction without trailing zeros) and its m=+ monotonic reading since the kubelet started. */
function goTime(ms: number, sinceStartMs: number): string {
  const iso = new Date(EPOCH_MS + ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? '.' + frac : ''} +0000 UTC m=+${(sinceStartMs / 1000).toFixed(9)}`;
}

/**
 * nestedpendingoperations.go's error line for a failed SetUp: the retry is not permitted before
 * the operation's exponential back-off (500 ms doubling to 2m2s) has passed.
 */
export function setUpFailedLog(f: VolumeFailure, pod: Pod, now: number, kubeletStart: number, backoffMs: number): string {
  const uid = pod.metadata.uid ?? '';
  return `Operation for "{volumeName:${f.uniqueName} podName:${uid} nodeName:}" failed. No retries permitted until ${goTime(now + backoffMs, now + backoffMs - kubeletStart)} (durationBeforeRetry ${goDuration(backoffMs)}). Error: MountVolume.SetUp failed for volume "${f.volume}" (UniqueName: "${f.uniqueName}") pod "${pod.metadata.name}" (UID: "${uid}") : ${f.error}`;
}

/** A PVC the desired-state populator could not process (desired_state_of_world_populator.go createVolumeSpec / getPVCExtractPV). */
export interface UnprocessedVolume {
  volume: string;
  error: string;
}

const dataOf = (o: KObject | undefined, secret: boolean): Record<string, string> => {
  const out: Record<string, string> = {};
  const data = (o?.['data'] ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(data)) out[k] = secret ? b64decode(String(v)) : String(v);
  for (const [k, v] of Object.entries((o?.['stringData'] ?? {}) as Record<string, string>)) out[k] = String(v);
  return out;
};

function b64decode(s: string): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0, acc = 0, out = '';
  for (const ch of s.replace(/=+$/, '')) {
    const v = abc.indexOf(ch);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 255);
    }
  }
  return out;
}

/** Plugin directory names as the kubelet escapes them (kubernetes.io/empty-dir → kubernetes.io~empty-dir). */
function pluginOf(v: Volume): string {
  if (v.emptyDir) return 'kubernetes.io~empty-dir';
  if (v.configMap) return 'kubernetes.io~configmap';
  if (v.secret) return 'kubernetes.io~secret';
  if (v.projected) return 'kubernetes.io~projected';
  if (v.downwardAPI) return 'kubernetes.io~downward-api';
  if (v.persistentVolumeClaim) return 'kubernetes.io~csi';
  return 'kubernetes.io~unknown';
}

export function fieldValue(pod: Pod, path: string, podIP: string | undefined, hostIP: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1] as 'labels' | 'annotations'] ?? {})[m[2]!] ?? '';
  const byPath: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name, 'metadata.namespace': pod.metadata.namespace, 'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec.nodeName, 'spec.serviceAccountName': (pod.spec['serviceAccountName'] as string | undefined) ?? 'default',
    'status.hostIP': hostIP, 'status.hostIPs': hostIP, 'status.podIP': podIP, 'status.podIPs': podIP,
  };
  return byPath[path] ?? '';
}

function project(items: KeyToPath[] | undefined, data: Record<string, string>, store: Store): string | undefined {
  if (!items?.length) {
    for (const [k, v] of Object.entries(data)) store.set('/' + k, v);
    return undefined;
  }
  for (const it of items) {
    if (!(it.key in data)) return it.key;
    store.set('/' + it.path, data[it.key]!);
  }
  return undefined;
}

/** A service-account token as the kubelet projects it (a JWT-shaped stand-in, never a real credential). */
const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0.eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbCIsInN1YiI6InNpbXVsYXRlZCJ9.c2ltdWxhdGVk';

/** Sets up every volume of the pod; failures are reported per volume, as the volume manager does. */
export function setupVolumes(ctx: Context, pod: Pod, hostFs: Map<string, Store>, podIP: string | undefined, hostIP: string): { volumes: PodVolume[]; failures: VolumeFailure[]; unbound: UnprocessedVolume[] } {
  const ns = pod.metadata.namespace ?? 'default';
  const uid = pod.metadata.uid ?? '';
  const volumes: PodVolume[] = [];
  const failures: VolumeFailure[] = [];
  const unbound: UnprocessedVolume[] = [];
  for (const v of (pod.spec.volumes ?? []) as unknown as Volume[]) {
    const store: Store = new Map();
    const plugin = pluginOf(v);
    let hostPath = `/var/lib/kubelet/pods/${uid}/volumes/${plugin}/${v.name}`;
    const fail = (error: string) => failures.push({ volume: v.name, message: `MountVolume.SetUp failed for volume "${v.name}" : ${error}`, uniqueName: `${(v.hostPath ? 'kubernetes.io~host-path' : plugin).replace('~', '/')}/${uid}-${v.name}`, error });
    if (v.hostPath) {
      hostPath = v.hostPath.path;
      const t = v.hostPath.type ?? '';
      const existing = hostFs.get(hostPath);
      if (!existing && (t === 'Directory' || t === 'File' || t === 'Socket')) {
        fail(`hostPath type check failed: ${hostPath} is not a ${t === 'Directory' ? 'directory' : t === 'File' ? 'file' : 'socket'}`);
        continue;
      }
      if (!existing) hostFs.set(hostPath, new Map());
      volumes.push({ name: v.name, plugin: 'hostPath', store: hostFs.get(hostPath)!, hostPath });
      continue;
    }
    if (v.configMap || v.secret) {
      const secret = !!v.secret;
      const name = (secret ? v.secret!.secretName : v.configMap!.name) ?? '';
      const o = ctx.api.get(secret ? 'Secret' : 'ConfigMap', ns, name);
      const optional = (secret ? v.secret!.optional : v.configMap!.optional) ?? false;
      if (!o && !optional) {
        fail(`${secret ? 'secret' : 'configmap'} "${name}" not found`);
        continue;
      }
      const missing = project((secret ? v.secret!.items : v.configMap!.items), dataOf(o, secret), store);
      if (missing && !optional) {
        fail(`configmap references non-existent config key: ${missing}`);
        continue;
      }
    } else if (v.projected) {
      let bad = false;
      for (const s of v.projected.sources ?? []) {
        if (s.configMap || s.secret) {
          const secret = !!s.secret;
          const ref = (s.configMap ?? s.secret)!;
          const o = ctx.api.get(secret ? 'Secret' : 'ConfigMap', ns, ref.name ?? '');
          if (!o && !ref.optional) {
            fail(`${secret ? 'secret' : 'configmap'} "${ref.name ?? ''}" not found`);
            bad = true;
            break;
          }
          project(ref.items, dataOf(o, secret), store);
        } else if (s.serviceAccountToken) store.set('/' + (s.serviceAccountToken.path ?? 'token'), TOKEN);
        else if (s.downwardAPI) for (const it of s.downwardAPI.items ?? []) store.set('/' + it.path, fieldValue(pod, it.fieldRef?.fieldPath ?? '', podIP, hostIP));
      }
      if (bad) continue;
    } else if (v.downwardAPI) {
      for (const it of v.downwardAPI.items ?? []) store.set('/' + it.path, fieldValue(pod, it.fieldRef?.fieldPath ?? '', podIP, hostIP));
    } else if (v.persistentVolumeClaim) {
      const claim = v.persistentVolumeClaim.claimName;
      const pvc = ctx.api.get('PersistentVolumeClaim', ns, claim);
      const phase = (pvc?.status as { phase?: string } | undefined)?.phase;
      if (!pvc || phase !== 'Bound') {
        const why = !pvc ? `failed to fetch PVC from API server: persistentvolumeclaims "${claim}" not found` : pvc.metadata.deletionTimestamp ? 'PVC is being deleted' : 'PVC is not bound';
        unbound.push({ volume: v.name, error: `error processing PVC ${ns}/${claim}: ${why}` });
        continue;
      }
    }
    // An emptyDir on the node's disk counts against nodefs; medium Memory is tmpfs (memory).
    const onDisk = !!v.emptyDir && v.emptyDir.medium !== 'Memory';
    volumes.push({ name: v.name, plugin, store, hostPath, ...(onDisk ? { usedBytes: () => storeBytes(store) } : {}) });
  }
  return { volumes, failures, unbound };
}

/** The container's mounts over the pod's volumes. */
export function mountsFor(c: Container, volumes: PodVolume[]): Mount[] {
  const out: Mount[] = [];
  for (const m of (c['volumeMounts'] as VolumeMount[] | undefined) ?? []) {
    const v = volumes.find((x) => x.name === m.name);
    if (v) out.push({ path: m.mountPath, store: v.store, readOnly: !!m.readOnly || v.plugin === 'kubernetes.io~configmap' || v.plugin === 'kubernetes.io~secret' || v.plugin === 'kubernetes.io~projected', volume: m.name });
  }
  return out;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}
interface EnvFrom { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }

/** Docker-link style variables for every Service in the pod's namespace (enableServiceLinks), plus the master service. */
// Service links are the same for every container of a namespace until a Service changes:
// cached per store, cleared on any Service event (otherwise each start costs O(services)).
const envCache = new WeakMap<object, Map<string, EnvPair[]>>();

function serviceEnv(ctx: Context, pod: Pod): readonly EnvPair[] {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec['enableServiceLinks'] !== false;
  const store = ctx.api.store;
  let cache = envCache.get(store);
  if (!cache) {
    const m = (cache = new Map());
    envCache.set(store, m);
    store.watch(['Service'], () => m.clear());
  }
  const key = `${links ? 1 : 0}/${ns}`;
  let env = cache.get(key);
  if (!env) cache.set(key, (env = computeServiceEnv(ctx, ns, links)));
  return env;
}

function computeServiceEnv(ctx: Context, ns: string, links: boolean): EnvPair[] {
  const kubernetes = ctx.api.get<Service>('Service', 'default', 'kubernetes');
  const svcs = links ? ctx.api.list<Service>('Service', ns) : [];
  if (kubernetes && !svcs.includes(kubernetes)) svcs.push(kubernetes);
  const out: EnvPair[] = [];
  for (const s of svcs.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const ip = s.spec.clusterIP;
    if (!ip || ip === 'None') continue;
    const p = s.spec.ports?.[0];
    const n = s.metadata.name.toUpperCase().replace(/-/g, '_');
    out.push([`${n}_SERVICE_HOST`, ip]);
    if (!p) continue;
    out.push([`${n}_SERVICE_PORT`, String(p.port)]);
    for (const q of s.spec.ports ?? []) if (q.name) out.push([`${n}_SERVICE_PORT_${q.name.toUpperCase().replace(/-/g, '_')}`, String(q.port)]);
    out.push([`${n}_PORT`, `${(p.protocol ?? 'TCP').toLowerCase()}://${ip}:${p.port}`]);
    for (const q of s.spec.ports ?? []) {
      const pre = `${n}_PORT_${q.port}_${(q.protocol ?? 'TCP')}`;
      out.push([pre, `${(q.protocol ?? 'TCP').toLowerCase()}://${ip}:${q.port}`], [`${pre}_PROTO`, (q.protocol ?? 'TCP').toLowerCase()], [`${pre}_PORT`, String(q.port)], [`${pre}_ADDR`, ip]);
    }
  }
  return out;
}

const PATH: EnvPair = ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
const HOME: readonly EnvPair[] = [['HOME', '/root']];

/** The container's environment, or the CreateContainerConfigError message. */
export function resolveEnv(ctx: Context, pod: Pod, c: Container, podIP: string | undefined, hostIP: string): { env: Env } | { error: string } {
  const ns = pod.metadata.namespace ?? 'default';
  const env: EnvPair[] = [PATH, ['HOSTNAME', pod.metadata.name]];
  for (const f of (c['envFrom'] as EnvFrom[] | undefined) ?? []) {
    const secret = !!f.secretRef;
    const ref = (f.configMapRef ?? f.secretRef)!;
    if (!ref) continue;
    const o = ctx.api.get(secret ? 'Secret' : 'ConfigMap', ns, ref.name);
    if (!o) {
      if (ref.optional) continue;
      return { error: `${secret ? 'secret' : 'configmap'} "${ref.name}" not found` };
    }
    for (const [k, v] of Object.entries(dataOf(o, secret))) env.push([(f.prefix ?? '') + k, v]);
  }
  for (const e of (c['env'] as EnvVar[] | undefined) ?? []) {
    const from = e.valueFrom;
    if (!from) {
      env.push([e.name, e.value ?? '']);
      continue;
    }
    if (from.fieldRef) env.push([e.name, fieldValue(pod, from.fieldRef.fieldPath, podIP, hostIP)]);
    else if (from.resourceFieldRef) {
      const [kind, res] = from.resourceFieldRef.resource.split('.') as ['limits' | 'requests', string];
      env.push([e.name, String(c.resources?.[kind]?.[res] ?? '0')]);
    } else if (from.configMapKeyRef || from.secretKeyRef) {
      const secret = !!from.secretKeyRef;
      const ref = (from.configMapKeyRef ?? from.secretKeyRef)!;
      const o = ctx.api.get(secret ? 'Secret' : 'ConfigMap', ns, ref.name);
      if (!o) {
        if (ref.optional) continue;
        return { error: `${secret ? 'secret' : 'configmap'} "${ref.name}" not found` };
      }
      const data = dataOf(o, secret);
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return { error: `couldn't find key ${ref.key} in ${secret ? 'Secret' : 'ConfigMap'} ${ns}/${ref.name}` };
      }
      env.push([e.name, data[ref.key]!]);
    }
  }
  // The Service links are shared with every container of the namespace, not copied.
  return { env: [env, serviceEnv(ctx, pod), HOME] };
}
