// `kubectl describe pod`, after upstream describePod / describeContainers (describe.go).
import type { Container, ContainerState, ContainerStatus, KEvent, Pod, Probe, Toleration } from '../../api/types.ts';
import { since } from '../duration.ts';
import { byteCompare } from '../labelFormat.ts';
import { DescribeWriter, rfc1123z, writeAnnotations, writeEvents, writeLabels, writeMultiline } from './common.ts';
import { describeVolumes } from './volumes.ts';
import { podQOS, resourceMap } from './resources.ts';

// Fields the shared types leave out.
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath: string };
    resourceFieldRef?: { resource: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}
interface EnvFromSource { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }
interface VolumeMount { name: string; mountPath: string; readOnly?: boolean; subPath?: string }
interface Terminated { exitCode: number; reason?: string; message?: string; signal?: number; startedAt?: string; finishedAt?: string }

const tf = (b: boolean | undefined): string => (b ? 'True' : 'False');

/** Values a fieldRef can resolve to without the full downward-API machinery. */
function fieldValue(pod: Pod, path: string): string {
  const byPath: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec.nodeName,
    'spec.serviceAccountName': pod.spec['serviceAccountName'] as string | undefined,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return byPath[path] ?? '';
}

/** DescribeProbe: "http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s `
    + `#success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet as typeof p.httpGet & { host?: string };
    const path = h.path && !h.path.startsWith('/') ? '/' + h.path : h.path ?? '';
    return `http-get ${(h.scheme ?? 'HTTP').toLowerCase()}://${h.host ?? ''}:${h.port}${path} ${attrs}`;
  }
  if (p.tcpSocket) {
    const host = (p.tcpSocket as { host?: string }).host ?? '';
    return `tcp-socket ${host}:${p.tcpSocket.port} ${attrs}`;
  }
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(w: DescribeWriter, title: string, state: ContainerState): void {
  const t = state.terminated as Terminated | undefined;
  if (state.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (t) {
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

function describeEnv(w: DescribeWriter, pod: Pod, c: Container): void {
  const envFrom = (c['envFrom'] as EnvFromSource[] | undefined) ?? [];
  if (envFrom.length > 0) {
    w.write(2, 'Environment Variables from:\n');
    for (const e of envFrom) {
      const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : ['Secret', e.secretRef];
      const kind = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
      w.write(3, `${ref?.name ?? ''}\t${kind}\tOptional: ${ref?.optional ?? false}\n`);
    }
  }
  const env = (c['env'] as EnvVar[] | undefined) ?? [];
  w.write(2, env.length === 0 ? 'Environment:\t<none>\n' : 'Environment:\n');
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      w.write(3, `${e.name}:\t${fieldValue(pod, from.fieldRef.fieldPath)} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(3, `${e.name}:\t (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${r.optional ?? false}\n`);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${r.optional ?? false}\n`);
    }
  }
}

function describeContainer(w: DescribeWriter, pod: Pod, c: Container, status: ContainerStatus | undefined): void {
  w.write(1, `${c.name}:\n`);
  if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(2, `Image:\t${c.image}\n`);
  if (status) w.write(2, `Image ID:\t${status.imageID}\n`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`);
  w.write(2, ports.length > 1 ? `Ports:\t${ports.join(', ')}\n` : `Port:\t${ports[0] ?? '<none>'}\n`);
  w.write(2, hostPorts.length > 1 ? `Host Ports:\t${hostPorts.join(', ')}\n` : `Host Port:\t${hostPorts[0] ?? '<none>'}\n`);
  for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
    if (!list?.length) continue;
    w.write(2, `${title}:\n`);
    for (const s of list.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`);
  }
  if (status) {
    describeState(w, 'State', status.state);
    if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
    w.write(2, `Ready:\t${tf(status.ready)}\n`);
    w.write(2, `Restart Count:\t${status.restartCount}\n`);
  }
  for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    const entries = [...resourceMap(list)].sort(([a], [b]) => byteCompare(a, b));
    if (entries.length === 0) continue;
    w.write(2, `${title}:\n`);
    for (const [name, q] of entries) w.write(3, `${name}:\t${q}\n`);
  }
  if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
  describeEnv(w, pod, c);
  const mounts = [...((c['volumeMounts'] as VolumeMount[] | undefined) ?? [])].sort((a, b) => byteCompare(a.mountPath, b.mountPath));
  w.write(2, mounts.length === 0 ? 'Mounts:\t<none>\n' : 'Mounts:\n');
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

function describeContainers(w: DescribeWriter, pod: Pod, label: string, containers: Container[], statuses: ContainerStatus[] = []): void {
  w.write(0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) describeContainer(w, pod, c, statuses.find((s) => s.name === c.name));
}

/** "key=value:Effect op=Exists for 300s", sorted by key. */
export function tolerationLines(tolerations: Toleration[] | undefined): string[] {
  return [...(tolerations ?? [])].sort((a, b) => byteCompare(a.key ?? '', b.key ?? '')).map((t) => {
    let s = (t.key ?? '') + (t.value ? `=${t.value}` : '') + (t.effect ? `:${t.effect}` : '');
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    return s;
  });
}

export interface DescribePodOptions {
  /** Events whose involvedObject is this pod. */
  events: KEvent[];
  now: number;
}

export function describePod(pod: Pod, opts: DescribePodOptions): string {
  const w = new DescribeWriter();
  const { metadata: meta, spec, status } = pod;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec['priorityClassName']) w.write(0, `Priority Class Name:\t${spec['priorityClassName'] as string}\n`);
  if (spec['runtimeClassName']) w.write(0, `Runtime Class Name:\t${spec['runtimeClassName'] as string}\n`);
  if (spec['serviceAccountName']) w.write(0, `Service Account:\t${spec['serviceAccountName'] as string}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status?.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status?.phase !== 'Failed' && status?.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, opts.now)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status?.phase ?? ''}\n`);
  }
  if (status?.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status?.podIP ?? ''}\n`);
  // describe reads the v1 object as stored: no podIP→podIPs fallback here.
  const ips = status?.podIPs ?? [];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = meta.ownerReferences?.find((r) => r.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (status?.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.initContainers?.length) describeContainers(w, pod, 'Init Containers', spec.initContainers, status?.initContainerStatuses);
  describeContainers(w, pod, 'Containers', spec.containers, status?.containerStatuses);
  const gates = (spec['readinessGates'] as { conditionType: string }[] | undefined) ?? [];
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      w.write(1, `${g.conditionType} \t${status?.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`);
    }
  }
  if (status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes ?? []);
  w.write(0, `QoS Class:\t${status?.qosClass || podQOS(pod)}\n`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeMultiline(w, 'Tolerations', tolerationLines(spec.tolerations));
  writeEvents(w, opts.events, opts.now);
  return w.toString();
}
