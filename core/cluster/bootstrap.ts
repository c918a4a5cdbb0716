// The cluster a workspace runs on: system namespaces, the `kubernetes` Service, and the
// nodes — the files' Node objects, or the default kind-like cluster when there are none.

import type { KObject, Node } from '../api/types.ts';
import type { ApiServer } from '../api/apiserver.ts';
import { intToIp, parseCidr, subnet } from '../net/ip.ts';
import type { ClusterSettings } from './settings.ts';
import { createAddons } from './addons.ts';
import { nodeAllocatable } from '../kubelet/thresholds.ts';

export const DEFAULT_NODES = ['control-plane', 'worker-1', 'worker-2'];
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';


/** A node's status as a kind node reports it: capacity from the host, allocatable less eviction reserve. */
export function nodeStatusDefaults(n: Node, internalIP: string, s: ClusterSettings): Node['status'] {
  const st = n.status ?? {};
  const capacity = st.capacity ?? { cpu: '4', memory: '8148440Ki', pods: String(s.kubelet.maxPods), 'ephemeral-storage': '102626232Ki', 'hugepages-2Mi': '0', 'hugepages-1Gi': '0' };
  // allocatable = capacity - kube-reserved - system-reserved - eviction-hard, as the kubelet reports it
  const allocatable = st.allocatable ?? nodeAllocatable(capacity, s);
  return {
    ...st,
    capacity,
    allocatable,
    addresses: st.addresses ?? [{ type: 'InternalIP', address: internalIP }, { type: 'Hostname', address: n.metadata.name }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '', systemUUID: '', bootID: '',
      kernelVersion: '6.8.0-48-generic',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://2.1.3',
      kubeletVersion: s.kubernetesVersion,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
      ...(st.nodeInfo ?? {}),
    },
    conditions: st.conditions ?? [],
  };
}

export function defaultNodes(s: ClusterSettings): Node[] {
  return DEFAULT_NODES.map((name, i) => {
    const cp = name === 'control-plane';
    const n: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
          ...(cp ? { [CONTROL_PLANE_LABEL]: '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
        },
        annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: { ...(cp ? { taints: [{ key: CONTROL_PLANE_LABEL, effect: 'NoSchedule' as const }] } : {}) },
    };
    n.spec.podCIDR = podCidrFor(s, i);
    n.spec.podCIDRs = [n.spec.podCIDR!];
    n.status = nodeStatusDefaults(n, `172.18.0.${i + 2}`, s);
    return n;
  });
}

/** node-ipam-controller: the i-th /24 of the pod subnet. */
export function podCidrFor(s: ClusterSettings, i: number): string | undefined {
  const c = parseCidr(s.podSubnet);
  return c ? subnet(c, Math.max(c.bits, 24), i)?.text : undefined;
}

/** Fills what a user-written Node leaves out: podCIDR, addresses, capacity, nodeInfo. */
export function completeNode(n: Node, i: number, s: ClusterSettings): Node {
  const out: Node = JSON.parse(JSON.stringify(n));
  out.spec ??= {};
  out.metadata.labels = { 'kubernetes.io/hostname': n.metadata.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...(n.metadata.labels ?? {}) };
  if (!out.spec.podCIDR) {
    out.spec.podCIDR = podCidrFor(s, i);
    if (out.spec.podCIDR) out.spec.podCIDRs = [out.spec.podCIDR];
  }
  const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? `172.18.0.${i + 2}`;
  out.status = nodeStatusDefaults(out, ip, s);
  return out;
}

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function bootstrapObjects(api: ApiServer, s: ClusterSettings, nodes: Node[]): void {
  for (const ns of SYSTEM_NAMESPACES)
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  for (const n of nodes) api.create(n);
  const cidr = parseCidr(s.serviceSubnet);
  const first = cidr ? intToIp(cidr.base + 1) : '10.96.0.1';
  api.create({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: first, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  } as KObject);
  const cp = nodes.find((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined) ?? nodes[0];
  const cpIP = cp?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (cpIP)
    api.create({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [cpIP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    } as KObject);
  if (cpIP)
    api.create({
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: cpIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    } as KObject);
  createAddons(api, s);
}
