// The pod's journey in 8 steps, recorded from the watch stream as it happens:
//   1 kubectl → 2 kube-apiserver → 3 etcd → 4 controller → 5 scheduler → 6 kubelet
//   → 7 container runtime + CNI → 8 Ready
// Every step keeps the component, the object it acted on and the simulated time, for the
// page's animation and the `journey POD` command. Nothing here changes the cluster.

import type { KObject, Pod } from '../api/types.ts';
import type { Context } from '../api/context.ts';
import { etcdKey, resourceForKind } from '../api/resources.ts';
import { controllerRef } from '../controllers/owners.ts';
import type { Decision } from '../scheduler/types.ts';
import { feasibleCount } from '../scheduler/verdicts.ts';
import type { Message, Said } from '../views/message.ts';
import { JOURNEY, sayJourney } from './messages.ts';

export interface JourneyStep {
  step: number;
  /** "kubectl", "kube-apiserver", "etcd", "replicaset-controller", "default-scheduler", "kubelet", "containerd", ... */
  component: string;
  /** The object acted on, "pod/web-1", "deployment.apps/web". */
  object: string;
  /** What happened, in a few words. */
  action: string;
  /** `action` as a message, for the page to translate. */
  msg: Message;
  /** Simulated milliseconds since t=0. */
  time: number;
}

export interface Journey {
  pod: string;
  uid: string;
  steps: JourneyStep[];
}

const MAX_JOURNEYS = 5000;
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob']);

const ref = (o: { kind: string; metadata: { name: string } }) => {
  const r = resourceForKind(o.kind);
  return `${r.group && r.group !== '' ? `${o.kind.toLowerCase()}.${r.group}` : o.kind.toLowerCase()}/${o.metadata.name}`;
};
const controllerName = (kind: string) => `${kind.toLowerCase()}-controller`;

export class JourneyRecorder {
  /** pod uid → journey (insertion-ordered, oldest dropped first) */
  private journeys = new Map<string, Journey>();
  /** workload uid → when its spec last changed (the request that started a rollout) */
  private lastSpecChange = new Map<string, number>();
  /** Filled by the scheduler owner: its kept decision for a pod key. */
  decision?: (podKey: string) => Decision | undefined;

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    store.watch([...WORKLOADS], (e) => {
      if (e.type === 'DELETED') {
        this.lastSpecChange.delete(e.object.metadata.uid ?? '');
        return;
      }
      if (!e.old || e.old.metadata.generation !== e.object.metadata.generation) this.lastSpecChange.set(e.object.metadata.uid ?? '', ctx.clock.now());
    });
    store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      const uid = p.metadata.uid ?? '';
      if (e.type === 'DELETED') return;
      if (e.type === 'ADDED') this.started(p);
      const j = this.journeys.get(uid);
      if (j) this.progress(j, p, e.old as Pod | undefined);
    });
  }

  /** The journey of a pod by namespace/name (the latest pod of that name). */
  get(ns: string, name: string): Journey | undefined {
    const p = this.ctx.api.get<Pod>('Pod', ns, name);
    if (p?.metadata.uid) return this.journeys.get(p.metadata.uid);
    for (const j of [...this.journeys.values()].reverse()) if (j.pod === `${ns}/${name}`) return j;
    return undefined;
  }

  all(): Journey[] {
    return [...this.journeys.values()];
  }

  private add(j: Journey, step: number, component: string, object: string, action: Said, time = this.ctx.clock.now()): void {
    if (j.steps.some((s) => s.step === step)) return;
    j.steps.push({ step, component, object, action: action.text, msg: action.msg, time });
    j.steps.sort((a, b) => a.step - b.step);
  }

  /** Root owner of an object (pod → ReplicaSet → Deployment). */
  private root(o: KObject): KObject {
    let cur = o;
    for (let i = 0; i < 5; i++) {
      const r = controllerRef(cur);
      const owner = r ? this.ctx.api.store.byUID(r.uid) : undefined;
      if (!owner) break;
      cur = owner;
    }
    return cur;
  }

  private started(p: Pod): void {
    const uid = p.metadata.uid ?? '';
    const j: Journey = { pod: `${p.metadata.namespace}/${p.metadata.name}`, uid, steps: [] };
    this.journeys.set(uid, j);
    if (this.journeys.size > MAX_JOURNEYS) this.journeys.delete(this.journeys.keys().next().value!);
    const now = this.ctx.clock.now();
    const root = this.root(p);
    const mirror = p.metadata.annotations?.['kubernetes.io/config.mirror'];
    if (mirror) this.add(j, 1, 'kubelet', `pod/${p.metadata.name}`, sayJourney('journey.staticPod'), now);
    else if (root === p) this.add(j, 1, 'kubectl', `pod/${p.metadata.name}`, sayJourney('journey.applyPod'), now);
    else this.add(j, 1, 'kubectl', ref(root), sayJourney('journey.applyWorkload', { kind: root.kind }), this.lastSpecChange.get(root.metadata.uid ?? '') ?? now);
    this.add(j, 2, 'kube-apiserver', `pod/${p.metadata.name}`, sayJourney('journey.accepted'), now);
    this.add(j, 3, 'etcd', etcdKey('Pod', p.metadata.namespace, p.metadata.name), sayJourney('journey.stored', { revision: p.metadata.resourceVersion ?? '' }), now);
    const owner = controllerRef(p);
    if (owner) this.add(j, 4, controllerName(owner.kind), `${owner.kind.toLowerCase()}/${owner.name}`, sayJourney('journey.controllerCreated'), now);
    else if (mirror) this.add(j, 4, 'kubelet', `node/${p.spec.nodeName ?? ''}`, sayJourney('journey.staticNoController'), now);
    else this.add(j, 4, '(none)', `pod/${p.metadata.name}`, sayJourney('journey.bareNoController'), now);
    if (p.spec.nodeName) this.add(j, 5, mirror ? 'kubelet' : '(none)', `node/${p.spec.nodeName}`, sayJourney('journey.nodeNameSet'), now);
  }

  private progress(j: Journey, p: Pod, old: Pod | undefined): void {
    const node = p.spec.nodeName;
    if (node && old && !old.spec.nodeName) {
      this.add(j, 5, 'default-scheduler', `pod/${p.metadata.name}`, bound(node, this.decision?.(`${p.metadata.namespace}/${p.metadata.name}`)));
    }
    if (node && (p.status?.startTime || p.status?.hostIP)) this.add(j, 6, `kubelet@${node}`, `pod/${p.metadata.name}`, sayJourney('journey.kubeletSynced'));
    if (node && p.status?.podIP && !old?.status?.podIP)
      this.add(j, 7, `containerd+cni@${node}`, `pod/${p.metadata.name}`, sayJourney('journey.sandbox', { ip: p.status.podIP }));
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready) this.add(j, 8, `kubelet@${node ?? ''}`, `pod/${p.metadata.name}`, sayJourney('journey.ready'));
  }
}

/** Step 5 in words: the node, and how many nodes were feasible and the winner's score. */
function bound(node: string, d: Decision | undefined): Said {
  if (!d) return sayJourney('journey.bound', { node });
  const total = d.filters.examined.length + d.filters.absentCount;
  const feasible = feasibleCount(d.filters);
  const score = d.node ? d.scores[d.node]?.total : undefined;
  return score === undefined ? sayJourney('journey.boundFeasible', { node, feasible, total })
    : sayJourney('journey.boundScored', { node, feasible, total, score });
}

/** `STEP_NAMES[step]`: each step's short label (index 0 unused). */
export const STEP_NAMES = ['', ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => JOURNEY[`journey.step.${n}` as keyof typeof JOURNEY])];
