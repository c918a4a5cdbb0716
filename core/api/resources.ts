// The kinds the API server knows: resource (plural) names, short names and scope,
// as `kubectl api-resources` lists them. Unknown kinds are still stored ("not simulated").

export interface ResourceInfo {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  group: string; // '' for core
  simulated: boolean;
}

const R = (kind: string, plural: string, shortNames: string[], namespaced: boolean, group: string, simulated = true): ResourceInfo => ({
  kind, plural, singular: kind.toLowerCase(), shortNames, namespaced, group, simulated,
});

export const RESOURCES: ResourceInfo[] = [
  R('Pod', 'pods', ['po'], true, ''),
  R('Node', 'nodes', ['no'], false, ''),
  R('Service', 'services', ['svc'], true, ''),
  R('Namespace', 'namespaces', ['ns'], false, ''),
  R('Event', 'events', ['ev'], true, ''),
  R('ConfigMap', 'configmaps', ['cm'], true, ''),
  R('Secret', 'secrets', [], true, ''),
  R('Endpoints', 'endpoints', ['ep'], true, '', false),
  R('ServiceAccount', 'serviceaccounts', ['sa'], true, '', false),
  R('PersistentVolumeClaim', 'persistentvolumeclaims', ['pvc'], true, '', false),
  R('PersistentVolume', 'persistentvolumes', ['pv'], false, '', false),
  R('Deployment', 'deployments', ['deploy'], true, 'apps'),
  R('ReplicaSet', 'replicasets', ['rs'], true, 'apps'),
  R('DaemonSet', 'daemonsets', ['ds'], true, 'apps', false),
  R('StatefulSet', 'statefulsets', ['sts'], true, 'apps', false),
  R('Job', 'jobs', [], true, 'batch', false),
  R('CronJob', 'cronjobs', ['cj'], true, 'batch', false),
  R('EndpointSlice', 'endpointslices', [], true, 'discovery.k8s.io'),
  R('Lease', 'leases', [], true, 'coordination.k8s.io', false),
  R('Ingress', 'ingresses', ['ing'], true, 'networking.k8s.io', false),
  R('NetworkPolicy', 'networkpolicies', ['netpol'], true, 'networking.k8s.io', false),
];

const byKind = new Map(RESOURCES.map((r) => [r.kind, r]));

/** Finds a resource by what a user types after `kubectl get`: pods, pod, po, deployments.apps ... */
export function lookupResource(name: string): ResourceInfo | undefined {
  const n = name.toLowerCase().split('.')[0]!;
  return RESOURCES.find((r) => r.plural === n || r.singular === n || r.shortNames.includes(n));
}

export function resourceForKind(kind: string): ResourceInfo {
  return byKind.get(kind) ?? {
    kind, plural: kind.toLowerCase() + 's', singular: kind.toLowerCase(), shortNames: [],
    namespaced: true, group: '', simulated: false,
  };
}

/** The key kube-apiserver would use in etcd: /registry/<resource>/<ns>/<name>. */
export function etcdKey(kind: string, namespace: string | undefined, name: string): string {
  const r = resourceForKind(kind);
  const prefix = r.group === 'apps' || r.group === '' ? r.plural : `${r.group}/${r.plural}`;
  const plural = kind === 'EndpointSlice' ? 'endpointslices' : prefix;
  return r.namespaced ? `/registry/${plural}/${namespace ?? 'default'}/${name}` : `/registry/${plural}/${name}`;
}
