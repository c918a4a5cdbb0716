// `kubectl describe node`, after upstream describeNode / describeNodeResource (describe.go).
import type { KEvent, KObject, Node, Pod, ResourceList, Taint } from '../../api/types.ts';
import { sortLikeAPIServer } from '../get.ts';
import { since } from '../duration.ts';
import { byteCompare } from '../labelFormat.ts';
import { nodeRoles } from '../printers/node.ts';
import { ZERO, formatQuantity, parseQuantity, type Quantity } from '../quantityFormat.ts';
import { DescribeWriter, rfc1123z, writeAnnotations, writeEvents, writeLabels, writeMultiline } from './common.ts';
import { podRequestsAndLimits } from './resources.ts';

interface LeaseSpec { holderIdentity?: string; acquireTime?: string; renewTime?: string }

export interface DescribeNodeOptions {
  /** All pods; those bound to this node and not finished are listed. */
  pods: Pod[];
  /** Events about this node. */
  events: KEvent[];
  /** The node's Lease in kube-node-lease, if it exists. */
  lease?: KObject;
  now: number;
}

/** Taint.ToString(), in upstream's order (effect, then key). */
export function taintLines(taints: Taint[] | undefined): string[] {
  const key = (t: Taint): string => `${t.effect},${t.key}`;
  return [...(taints ?? [])].sort((a, b) => byteCompare(key(a), key(b))).map((t) =>
    !t.effect ? (t.value ? `${t.key}=${t.value}:` : t.key) : t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`,
  );
}

/** Go's int64(float): truncation, 0 when the node reports no such resource. */
const percent = (part: Quantity, whole: Quantity): number => (whole.milli === 0 ? 0 : Math.trunc((part.milli / whole.milli) * 100));
const q = (list: ResourceList | undefined, name: string): Quantity => parseQuantity(list?.[name]);
const cell = (part: Quantity, whole: Quantity): string => `${formatQuantity(part)} (${percent(part, whole)}%)`;

function describeNodeResource(w: DescribeWriter, node: Node, pods: Pod[], now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity;
  const cpu = q(alloc, 'cpu');
  const memory = q(alloc, 'memory');
  const reqs = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  const add = (m: Map<string, Quantity>, k: string, v: Quantity): void => {
    const prev = m.get(k);
    m.set(k, prev ? { milli: prev.milli + v.milli, binary: prev.binary } : v);
  };
  for (const pod of pods) {
    const { requests, limits: lim } = podRequestsAndLimits(pod);
    requests.forEach((v, k) => add(reqs, k, v));
    lim.forEach((v, k) => add(limits, k, v));
    const g = (m: Map<string, Quantity>, k: string): Quantity => m.get(k) ?? ZERO;
    w.write(1, `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cell(g(requests, 'cpu'), cpu)}\t${cell(g(lim, 'cpu'), cpu)}\t`
      + `${cell(g(requests, 'memory'), memory)}\t${cell(g(lim, 'memory'), memory)}\t${since(pod.metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const names = Object.keys(alloc ?? {}).sort(byteCompare);
  const hugePages = names.filter((n) => n.startsWith('hugepages-'));
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  const extended = names.filter((n) => !standard.has(n) && !n.startsWith('hugepages-'));
  for (const name of ['cpu', 'memory', 'ephemeral-storage', ...hugePages]) {
    const whole = q(alloc, name);
    w.write(1, `${name}\t${cell(reqs.get(name) ?? ZERO, whole)}\t${cell(limits.get(name) ?? ZERO, whole)}\n`);
  }
  for (const name of extended) {
    w.write(1, `${name}\t${formatQuantity(reqs.get(name) ?? ZERO)}\t${formatQuantity(limits.get(name) ?? ZERO)}\n`);
  }
}

function writeResourceList(w: DescribeWriter, title: string, list: ResourceList | undefined): void {
  const names = Object.keys(list ?? {}).sort(byteCompare);
  if (names.length === 0) return;
  w.write(0, `${title}:\n`);
  for (const n of names) w.write(0, `  ${n}:\t${formatQuantity(parseQuantity(list![n]))}\n`);
}

export function describeNode(node: Node, opts: DescribeNodeOptions): string {
  const w = new DescribeWriter();
  const name = node.metadata.name;
  w.write(0, `Name:\t${name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  writeMultiline(w, 'Taints', taintLines(node.spec.taints));
  w.write(0, `Unschedulable:\t${node.spec.unschedulable ?? false}\n`);
  if (opts.lease) {
    const spec = (opts.lease.spec ?? {}) as LeaseSpec;
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
  } else {
    w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason} \t${c.message}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  writeResourceList(w, 'Capacity', node.status?.capacity);
  writeResourceList(w, 'Allocatable', node.status?.allocatable);
  const info = node.status?.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion'],
  ] as const) {
    w.write(0, `  ${label}:\t${info[key] ?? ''}\n`);
  }
  if (node.spec.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec['providerID']) w.write(0, `ProviderID:\t${node.spec['providerID'] as string}\n`);
  const pods = sortLikeAPIServer(opts.pods.filter((p) => p.spec.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'));
  describeNodeResource(w, node, pods, opts.now);
  writeEvents(w, opts.events, opts.now);
  return w.toString();
}
