// The Kubernetes components as the cluster view shows them: the control plane (API server, etcd,
// scheduler, controller manager, CoreDNS) and, per node, kubelet, kube-proxy and the container
// runtime. Their state comes from the pods that run them (kubeadm's static pods, the kube-proxy
// DaemonSet, CoreDNS) and the Node's status; kubelet and containerd are systemd services, so
// only the Node tells about them.
import { objectKey } from '../../core/protocol.ts';
import type { KObject, Node, Pod } from '../../core/api/types.ts';
import { podStatusOfSnapshot as podStatus, type PodTone } from './status.ts';

export type ComponentRole = 'apiserver' | 'etcd' | 'scheduler' | 'controller-manager' | 'coredns';

export interface ComponentChip {
  role: ComponentRole;
  label: string;
  /** "Running", "2/2 Running", "simulated" (no pod: the engine runs it anyway). */
  status: string;
  tone: PodTone;
  /** The pod to select when the chip is clicked. */
  pod?: string;
  /** What it does, in a few words (tooltip). */
  what: string;
}

const CONTROL_PLANE: { role: ComponentRole; label: string; match: (p: Pod) => boolean; what: string }[] = [
  { role: 'apiserver', label: 'API server', match: (p) => p.metadata.labels?.component === 'kube-apiserver', what: 'kube-apiserver: validates every request, the only door to etcd' },
  { role: 'etcd', label: 'etcd', match: (p) => p.metadata.labels?.component === 'etcd', what: 'etcd: the only place cluster state is stored' },
  { role: 'scheduler', label: 'scheduler', match: (p) => p.metadata.labels?.component === 'kube-scheduler', what: 'kube-scheduler: picks a node for each new pod' },
  { role: 'controller-manager', label: 'controller manager', match: (p) => p.metadata.labels?.component === 'kube-controller-manager', what: 'kube-controller-manager: ReplicaSet, endpoint, node controllers…' },
  { role: 'coredns', label: 'CoreDNS', match: (p) => p.metadata.labels?.['k8s-app'] === 'kube-dns', what: 'CoreDNS: Service names → ClusterIPs' },
];

const worst = (tones: PodTone[]): PodTone =>
  (['bad', 'warn', 'terminating', 'progress', 'done', 'ok'] as PodTone[]).find((t) => tones.includes(t)) ?? 'ok';

export function controlPlaneChips(objects: KObject[]): ComponentChip[] {
  const pods = objects.filter((o): o is Pod => o.kind === 'Pod' && (o.metadata.namespace ?? '').startsWith('kube-'));
  return CONTROL_PLANE.map(({ role, label, match, what }) => {
    const mine = pods.filter(match);
    if (!mine.length) return { role, label, status: 'simulated', tone: 'done', what };
    const st = mine.map(podStatus);
    const running = st.filter((s) => s.status === 'Running').length;
    const status = mine.length === 1 ? st[0]!.status : `${running}/${mine.length} Running`;
    return { role, label, status, tone: worst(st.map((s) => s.tone)), pod: objectKey(mine[0]!), what };
  });
}

export interface NodeBadges {
  kubelet: { ok: boolean; text: string };
  proxy: { tone: PodTone; text: string; pod?: string };
  runtime: string;
}

/** kube-proxy pods by node name (the DaemonSet's pod on each node). */
export function proxyPods(objects: KObject[]): Map<string, Pod> {
  const out = new Map<string, Pod>();
  for (const o of objects) {
    const p = o as Pod;
    if (o.kind === 'Pod' && p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec.nodeName) out.set(p.spec.nodeName, p);
  }
  return out;
}

export function nodeBadges(n: Node, proxy: Pod | undefined): NodeBadges {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const kubeletOk = ready?.status === 'True';
  const runtime = (n.status?.nodeInfo?.['containerRuntimeVersion'] ?? 'containerd').replace('://', ' ');
  const ps = proxy ? podStatus(proxy) : undefined;
  return {
    kubelet: { ok: kubeletOk, text: kubeletOk ? 'kubelet' : ready?.status === 'Unknown' ? 'kubelet: no heartbeat' : 'kubelet: not ready' },
    proxy: ps ? { tone: ps.tone, text: ps.status === 'Running' ? 'kube-proxy' : `kube-proxy: ${ps.status}`, pod: objectKey(proxy!) } : { tone: 'done', text: 'kube-proxy' },
    runtime,
  };
}
