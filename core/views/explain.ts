// "Why?" for a selected object: its describe text, its events, and plain-language reasons —
// the scheduler's per-node verdicts for a Pending pod, and for a pod outside a Service's
// endpoints, whether its labels, readiness or termination keep it out.

import type { Simulation } from '../simulation.ts';
import type { KEvent, Node, Pod, Service } from '../api/types.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { matchesMap } from '../api/labels.ts';
import { describePod } from '../kubectl/describe/pod.ts';
import { describeNode } from '../kubectl/describe/node.ts';
import { toGoYAML } from '../kubectl/goyaml.ts';
import { printObjects } from '../kubectl/get.ts';
import type { ExplainView } from './types.ts';

/** A scheduler filter reason in plain words, with the labels or taints involved. */
function plain(reason: string, pod: Pod, node: Node | undefined): string {
  const labels = node?.metadata.labels ?? {};
  if (reason.includes('node affinity/selector')) {
    const missing = Object.entries(pod.spec.nodeSelector ?? {}).filter(([k, v]) => labels[k] !== v).map(([k, v]) => `${k}=${v}`);
    return missing.length ? `the pod's nodeSelector wants ${missing.join(', ')}; this node has no such label` : "the pod's node affinity does not match this node's labels";
  }
  if (reason.includes('untolerated taint')) {
    const taints = (node?.spec.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
    return `the node is tainted ${taints.join(', ') || '(NoSchedule)'} and the pod has no toleration for it`;
  }
  if (reason.startsWith('Insufficient ')) return `not enough free ${reason.slice(13)} for the pod's requests (${reason})`;
  if (reason.includes('were unschedulable')) return 'the node is cordoned (SchedulingDisabled)';
  if (reason === 'Too many pods') return 'the node already runs as many pods as it may (maxPods)';
  if (reason.includes('free ports')) return 'another pod on it already uses the requested hostPort';
  if (reason.includes('requested node name')) return 'spec.nodeName names another node';
  return reason;
}

function podWhy(sim: Simulation, pod: Pod): string[] {
  const why: string[] = [];
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const d = sim.scheduler.decisions.get(key);
  if (!pod.spec.nodeName && d) {
    why.push(d.message ?? 'Waiting for the scheduler.');
    for (const [node, st] of Object.entries(d.filters))
      why.push(st.code === 'Success' ? `${node}: fits` : `${node}: rejected by ${st.plugin ?? 'a filter'} — ${st.reasons.map((r) => plain(r, pod, sim.api.get<Node>('Node', undefined, node))).join('; ')}`);
  } else if (d?.node) {
    why.push(`Scheduled to ${d.node}.`);
    for (const [node, scores] of Object.entries(d.scores))
      why.push(`${node}: scores ${Object.entries(scores).map(([p, v]) => `${p} ${v}`).join(', ')}`);
  }
  for (const svc of sim.api.list<Service>('Service', pod.metadata.namespace)) {
    if (!svc.spec.selector) continue;
    const name = `Service ${svc.metadata.name}`;
    if (!matchesMap(svc.spec.selector, pod.metadata.labels)) continue;
    if (pod.metadata.deletionTimestamp) why.push(`${name}: terminating, so not ready in its endpoints.`);
    else if (!pod.status?.podIP) why.push(`${name}: selected, but the pod has no IP yet.`);
    else if (!pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) why.push(`${name}: selected, but not Ready, so its endpoint is not ready.`);
    else why.push(`${name}: a ready endpoint (${pod.status.podIP}).`);
  }
  return why;
}

function serviceWhy(sim: Simulation, svc: Service): string[] {
  if (!svc.spec.selector) return ['No selector: its EndpointSlices are written by hand.'];
  const why: string[] = [];
  for (const p of sim.api.list<Pod>('Pod', svc.metadata.namespace)) {
    const labels = Object.entries(svc.spec.selector);
    const missing = labels.filter(([k, v]) => p.metadata.labels?.[k] !== v);
    if (missing.length === labels.length) continue;
    if (missing.length) why.push(`${p.metadata.name}: not selected — label ${missing.map(([k, v]) => `${k}=${v}`).join(', ')} does not match.`);
  }
  return why;
}

export function explain(sim: Simulation, kind: string, namespace: string | undefined, name: string): ExplainView | undefined {
  const o = sim.api.get(kind, namespace, name);
  if (!o) return undefined;
  const now = EPOCH_MS + sim.clock.now();
  const events = sim.store.list<KEvent>('Event').filter((e) => e.involvedObject.uid === o.metadata.uid);
  const describe = kind === 'Pod' ? describePod(o as Pod, { events, now })
    : kind === 'Node' ? describeNode(o as Node, { pods: sim.pods(), events, lease: sim.store.get('Lease', 'kube-node-lease', name), now })
    : toGoYAML(o);
  const why = kind === 'Pod' ? podWhy(sim, o as Pod) : kind === 'Service' ? serviceWhy(sim, o as Service) : [];
  return { object: o, describe, events, yaml: printObjects([o], 'yaml', true), why };
}
