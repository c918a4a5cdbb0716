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
import type { Message, Said } from './message.ts';
import { sayWhy } from './whyMessages.ts';
import { verdictsOf } from '../scheduler/verdicts.ts';

/** A scheduler filter reason in plain words, with the labels or taints involved. */
function plain(reason: string, pod: Pod, node: Node | undefined): Message {
  const labels = node?.metadata.labels ?? {};
  if (reason.includes('node affinity/selector')) {
    const missing = Object.entries(pod.spec.nodeSelector ?? {}).filter(([k, v]) => labels[k] !== v).map(([k, v]) => `${k}=${v}`);
    return missing.length ? sayWhy('why.reason.nodeSelector', { labels: missing.join(', ') }).msg : sayWhy('why.reason.nodeAffinity').msg;
  }
  if (reason.includes('untolerated taint')) {
    const taints = (node?.spec.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
    return sayWhy('why.reason.taint', { taints: taints.join(', ') || '(NoSchedule)' }).msg;
  }
  if (reason.startsWith('Insufficient ')) return sayWhy('why.reason.insufficient', { resource: reason.slice(13), reason }).msg;
  if (reason.includes('were unschedulable')) return sayWhy('why.reason.cordoned').msg;
  if (reason === 'Too many pods') return sayWhy('why.reason.tooManyPods').msg;
  if (reason.includes('free ports')) return sayWhy('why.reason.hostPort').msg;
  if (reason.includes('requested node name')) return sayWhy('why.reason.nodeName').msg;
  return sayWhy('why.reason.other', { reason }).msg;
}

function podWhy(sim: Simulation, pod: Pod): Said[] {
  const why: Said[] = [];
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const d = sim.scheduler.decisions.get(key);
  if (!pod.spec.nodeName && d) {
    why.push(d.message ? sayWhy('why.scheduler.message', { message: d.message }) : sayWhy('why.scheduler.waiting'));
    for (const [node, st] of verdictsOf(d.filters)) {
      const reasons = st.reasons.map((r) => plain(r, pod, sim.api.get<Node>('Node', undefined, node)));
      why.push(st.code === 'Success' ? sayWhy('why.node.fits', { node })
        : st.plugin ? sayWhy('why.node.rejected', { node, plugin: st.plugin, reasons }) : sayWhy('why.node.rejectedByFilter', { node, reasons }));
    }
  } else if (d?.node) {
    why.push(sayWhy('why.scheduled', { node: d.node }));
    for (const [node, scores] of Object.entries(d.scores))
      why.push(sayWhy('why.node.scores', { node, scores: Object.entries(scores).map(([p, v]) => `${p} ${v}`).join(', ') }));
  }
  for (const svc of sim.api.list<Service>('Service', pod.metadata.namespace)) {
    if (!svc.spec.selector) continue;
    const service = svc.metadata.name;
    if (!matchesMap(svc.spec.selector, pod.metadata.labels)) continue;
    if (pod.metadata.deletionTimestamp) why.push(sayWhy('why.service.terminating', { service }));
    else if (!pod.status?.podIP) why.push(sayWhy('why.service.noIP', { service }));
    else if (!pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) why.push(sayWhy('why.service.notReady', { service }));
    else why.push(sayWhy('why.service.ready', { service, ip: pod.status.podIP }));
  }
  return why;
}

function serviceWhy(sim: Simulation, svc: Service): Said[] {
  if (!svc.spec.selector) return [sayWhy('why.service.noSelector')];
  const why: Said[] = [];
  for (const p of sim.api.list<Pod>('Pod', svc.metadata.namespace)) {
    const labels = Object.entries(svc.spec.selector);
    const missing = labels.filter(([k, v]) => p.metadata.labels?.[k] !== v);
    if (missing.length === labels.length) continue;
    if (missing.length) why.push(sayWhy('why.service.notSelected', { pod: p.metadata.name, labels: missing.map(([k, v]) => `${k}=${v}`).join(', ') }));
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
