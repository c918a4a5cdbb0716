// Builders for scheduler plugin tests, in the spirit of upstream's st.MakePod()/MakeNode():
// a node with labels/taints/allocatable and pods bound to it, and a cycle state over them.
import type { Node, Pod, Taint, Toleration } from '../../../core/api/types.ts';
import { ObjectStore } from '../../../core/api/store.ts';
import { ServiceIndex } from '../../../core/api/serviceIndex.ts';
import type { CycleState, NodeInfo } from '../../../core/scheduler/types.ts';
import { allocatableOf } from '../../../core/scheduler/cache.ts';
import { addTo, podRequests, zero } from '../../../core/scheduler/resources.ts';
import { hostPortsOf } from '../../../core/scheduler/plugins/nodePorts.ts';

let uid = 0;
export function pod(name: string, o: { labels?: Record<string, string>; cpu?: string; memory?: string; node?: string; tolerations?: Toleration[]; spec?: Record<string, unknown>; ns?: string; priority?: number } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.ns ?? 'default', uid: `uid-${++uid}`, labels: o.labels },
    spec: {
      containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { ...(o.cpu ? { cpu: o.cpu } : {}), ...(o.memory ? { memory: o.memory } : {}) } } }],
      ...(o.node ? { nodeName: o.node } : {}), ...(o.tolerations ? { tolerations: o.tolerations } : {}), ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.spec ?? {}),
    },
    status: { phase: o.node ? 'Running' : 'Pending' },
  } as Pod;
}

export function node(name: string, o: { labels?: Record<string, string>; taints?: Taint[]; cpu?: string; memory?: string; pods?: number; unschedulable?: boolean } = {}): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: String(o.pods ?? 110), 'ephemeral-storage': '100Gi' } },
  };
}

export function nodeInfo(n: Node, pods: Pod[] = []): NodeInfo {
  const ni: NodeInfo = { node: n, pods: new Map(), requested: zero(), nonZeroRequested: zero(), allocatable: allocatableOf(n), usedPorts: new Set() };
  for (const p of pods) {
    ni.pods.set(`${p.metadata.namespace}/${p.metadata.name}`, p);
    addTo(ni.requested, podRequests(p));
    addTo(ni.nonZeroRequested, podRequests(p, true));
    for (const hp of hostPortsOf(p)) ni.usedPorts.add(hp);
  }
  return ni;
}

/** A cycle over these nodes; their pods are also put in a store (for label-indexed counting). */
export function cycle(nodes: NodeInfo[], version = { minor: 34, patch: 1 }): CycleState {
  const store = new ObjectStore();
  store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } } });
  for (const ni of nodes) {
    store.put(ni.node);
    for (const p of ni.pods.values()) store.put(p);
  }
  return { nodes, store, services: new ServiceIndex(store), images: new Map(), antiAffinityPods: [...nodes.flatMap((n) => [...n.pods.values()])].filter((p) => (p.spec.affinity as { podAntiAffinity?: unknown } | undefined)?.podAntiAffinity), version, data: new Map() };
}
