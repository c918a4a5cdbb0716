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
  R('Endpoints', 'endpoints', ['ep'], true, ''),
  R('ServiceAccount', 'serviceaccounts', ['sa'], true, '', false),
  R('PersistentVolumeClaim', 'persistentvolumeclaims', ['pvc'], true, '', false),
  R('PersistentVolume', 'persistentvolumes', ['pv'], false, '', false),
  R('Deployment', 'deployments', ['deploy'], true, 'apps'),
  R('ReplicaSet', 'replicasets', ['rs'], true, 'apps'),
  R('DaemonSet', 'daemonsets', ['ds'], true, 'apps'),
  R('StatefulSet', 'statefulsets', ['sts'], true, 'apps'),
  R('ControllerRevision', 'controllerrevisions', [], true, 'apps'),
  R('Job', 'jobs', [], true, 'batch'),
  R('CronJob', 'cronjobs', ['cj'], true, 'batch', false),
  R('EndpointSlice', 'endpointslices', [], true, 'discovery.k8s.io'),
  R('Lease', 'leases', [], true, 'coordination.k8s.io'),
  R('PriorityClass', 'priorityclasses', ['pc'], false, 'scheduling.k8s.io'),
  R('PodDisruptionBudget', 'poddisruptionbudgets', ['pdb'], true, 'policy', false),
  R('Role', 'roles', [], true, 'rbac.authorization.k8s.io', false),
  R('RoleBinding', 'rolebindings', [], true, 'rbac.authorization.k8s.io', false),
  R('ClusterRole', 'clusterroles', [], false, 'rbac.authorization.k8s.io', false),
  R('ClusterRoleBinding', 'clusterrolebindings', [], false, 'rbac.authorization.k8s.io', false),
  R('StorageClass', 'storageclasses', ['sc'], false, 'storage.k8s.io', false),
  R('CustomResourceDefinition', 'customresourcedefinitions', ['crd', 'crds'], false, 'apiextensions.k8s.io', false),
  R('HorizontalPodAutoscaler', 'horizontalpodautoscalers', ['hpa'], true, 'autoscaling', false),
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

/** Where kube-apiserver's storage differs from /registry/<resource> (historic names). */
const ETCD_PREFIX: Record<string, string> = {
  Node: 'minions',
  Service: 'services/specs',
  Endpoints: 'services/endpoints',
  Ingress: 'ingress',
  CustomResourceDefinition: 'apiextensions.k8s.io/customresourcedefinitions',
};

/**
 * The key kube-apiserver uses in etcd: /registry/<resource>/<ns>/<name> for built-in kinds
 * (no group: /registry/deployments/default/web), historic names for a few
 * (/registry/minions/worker-1, /registry/services/specs/default/web), and
 * /registry/<group>/<resource>/... for custom resources.
 */
export function etcdKey(kind: string, namespace: string | undefined, name: string): string {
  const known = byKind.get(kind);
  const r = resourceForKind(kind);
  const prefix = ETCD_PREFIX[kind] ?? (known ? r.plural : r.group ? `${r.group}/${r.plural}` : r.plural);
  return r.namespaced ? `/registry/${prefix}/${namespace ?? 'default'}/${name}` : `/registry/${prefix}/${name}`;
}
