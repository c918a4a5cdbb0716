// Defaults filled in as kube-apiserver fills them (pkg/apis/*/v1/defaults.go) and
// admission adds them (DefaultTolerationSeconds), so `-o yaml` shows what a cluster shows.

import type { Container, KObject, PodSpec, Probe, ServiceSpec } from './types.ts';

export function imagePullPolicyFor(image: string): 'Always' | 'IfNotPresent' {
  const noDigest = !image.includes('@');
  const lastPart = image.split('/').pop() ?? image;
  const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
  return noDigest && (tag === undefined || tag === 'latest') ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ??= '/';
    p.httpGet.scheme ??= 'HTTP';
  }
}

function defaultContainer(c: Container): void {
  if (typeof c.image === 'string') c.imagePullPolicy ??= imagePullPolicyFor(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  // Limits without requests: the request defaults to the limit.
  if (c.resources.limits) {
    c.resources.requests ??= {};
    for (const [k, v] of Object.entries(c.resources.limits)) c.resources.requests[k] ??= v;
  }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

export function defaultPodSpec(s: PodSpec): void {
  s.restartPolicy ??= 'Always';
  s.terminationGracePeriodSeconds ??= 30;
  s.dnsPolicy ??= 'ClusterFirst';
  s.schedulerName ??= 'default-scheduler';
  s.securityContext ??= {};
  s.enableServiceLinks ??= true;
  s.preemptionPolicy ??= 'PreemptLowerPriority';
  s.priority ??= 0;
  for (const c of s.containers ?? []) defaultContainer(c);
  for (const c of s.initContainers ?? []) defaultContainer(c);
}

/** DefaultTolerationSeconds admission: tolerate not-ready/unreachable for 300 s unless set. */
export function admitTolerations(s: PodSpec): void {
  const tol = (s.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tol.some((t) => (t.key === key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

function defaultService(s: ServiceSpec): void {
  s.type ??= 'ClusterIP';
  s.sessionAffinity ??= 'None';
  if (s.type !== 'ExternalName') {
    s.internalTrafficPolicy ??= 'Cluster';
    s.ipFamilies ??= ['IPv4'];
    s.ipFamilyPolicy ??= 'SingleStack';
  }
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
  for (const p of s.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  if (s.sessionAffinity === 'ClientIP') {
    s.sessionAffinityConfig ??= {};
    s.sessionAffinityConfig.clientIP ??= {};
    s.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
}

/** Fills defaults in place on a mutable copy. */
export function applyDefaults(o: KObject): void {
  const spec = o.spec as Record<string, unknown> | undefined;
  switch (o.kind) {
    case 'Pod':
      defaultPodSpec(spec as unknown as PodSpec);
      admitTolerations(spec as unknown as PodSpec);
      // The ServiceAccount admission plugin, which leaves mirror pods alone (plugin/pkg/admission/serviceaccount).
      if (!o.metadata.annotations?.['kubernetes.io/config.mirror']) spec!['serviceAccountName'] ??= 'default';
      break;
    case 'Service':
      defaultService(spec as ServiceSpec);
      break;
    case 'Deployment': {
      spec!.replicas ??= 1;
      spec!.revisionHistoryLimit ??= 10;
      spec!.progressDeadlineSeconds ??= 600;
      const st = (spec!.strategy ??= {}) as { type?: string; rollingUpdate?: Record<string, unknown> };
      st.type ??= 'RollingUpdate';
      if (st.type === 'RollingUpdate') {
        st.rollingUpdate ??= {};
        st.rollingUpdate.maxSurge ??= '25%';
        st.rollingUpdate.maxUnavailable ??= '25%';
      }
      defaultTemplate(spec);
      break;
    }
    case 'ReplicaSet':
      spec!.replicas ??= 1;
      defaultTemplate(spec);
      break;
    case 'DaemonSet': {
      spec!.revisionHistoryLimit ??= 10;
      const us = (spec!.updateStrategy ??= {}) as { type?: string; rollingUpdate?: Record<string, unknown> };
      us.type ??= 'RollingUpdate';
      if (us.type === 'RollingUpdate') {
        us.rollingUpdate ??= {};
        us.rollingUpdate.maxUnavailable ??= 1;
        us.rollingUpdate.maxSurge ??= 0;
      }
      defaultTemplate(spec);
      break;
    }
    case 'StatefulSet': {
      spec!.replicas ??= 1;
      spec!.podManagementPolicy ??= 'OrderedReady';
      spec!.revisionHistoryLimit ??= 10;
      const us = (spec!.updateStrategy ??= {}) as { type?: string; rollingUpdate?: Record<string, unknown> };
      us.type ??= 'RollingUpdate';
      if (us.type === 'RollingUpdate') {
        us.rollingUpdate ??= {};
        us.rollingUpdate.partition ??= 0;
      }
      spec!.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultTemplate(spec);
      break;
    }
    case 'Job': {
      spec!.parallelism ??= 1;
      spec!.completions ??= 1;
      spec!.backoffLimit ??= 6;
      spec!.completionMode ??= 'NonIndexed';
      spec!.suspend ??= false;
      spec!.podReplacementPolicy ??= 'TerminatingOrFailed';
      spec!.manualSelector ??= undefined;
      if (spec!.manualSelector === undefined) delete spec!.manualSelector;
      defaultTemplate(spec);
      break;
    }
    case 'PersistentVolumeClaim':
      // SetDefaults_PersistentVolumeClaim(Spec) (pkg/apis/core/v1/defaults.go): a new claim is Pending.
      if (spec) spec['volumeMode'] ??= 'Filesystem';
      o.status ??= { phase: 'Pending' };
      break;
    case 'PersistentVolume':
      // SetDefaults_PersistentVolume: Retain, Filesystem, Pending until the PV controller sees it.
      if (spec) {
        spec['persistentVolumeReclaimPolicy'] ??= 'Retain';
        spec['volumeMode'] ??= 'Filesystem';
      }
      o.status ??= { phase: 'Pending' };
      break;
    case 'Namespace':
      o.spec ??= { finalizers: ['kubernetes'] };
      o.status ??= { phase: 'Active' };
      o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
      break;
  }
}

/**
 * The Job's generated selector (pkg/registry/batch/job/strategy.go generateSelector):
 * the job's uid as batch.kubernetes.io/controller-uid, on the selector and on the template.
 */
export function defaultJobSelector(o: KObject): void {
  const spec = o.spec as { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
  if (spec.manualSelector) return;
  const uid = o.metadata.uid!;
  const name = o.metadata.name;
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  const t = (spec.template ??= {});
  t.metadata ??= {};
  t.metadata.labels = {
    ...(t.metadata.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name,
  };
}

function defaultTemplate(spec: Record<string, unknown> | undefined): void {
  const t = spec?.template as { metadata?: Record<string, unknown>; spec?: PodSpec } | undefined;
  if (t) {
    t.metadata ??= {};
    t.metadata.creationTimestamp ??= null;
    if (t.spec) defaultPodSpec(t.spec);
  }
}
