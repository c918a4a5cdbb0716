// `kubectl rollout status|history|undo|restart|pause|resume` and `kubectl scale`, after
// kubectl/pkg/polymorphichelpers (rollout_status.go, history.go, rollback.go). `status`
// watches: it moves simulated time until the rollout is done, printing each new message.

import type { Deployment, KObject, ReplicaSet } from '../api/types.ts';
import { lookupResource } from '../api/resources.ts';
import { clone } from '../api/store.ts';
import type { Simulation } from '../simulation.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { flag, parseDurationMs, type Parsed } from './args.ts';
import { CHANGE_CAUSE, REVISION } from '../controllers/deployment.ts';
import { revisionsOf, type ControllerRevision } from '../controllers/revisions.ts';
import type { DaemonSet } from '../controllers/daemonset.ts';
import type { StatefulSet } from '../controllers/statefulset.ts';
import type { Context } from '../api/context.ts';

const KINDS: Record<string, string> = { Deployment: 'deployment.apps', DaemonSet: 'daemonset.apps', StatefulSet: 'statefulset.apps' };

const isResult = (x: KObject | CommandResult): x is CommandResult => typeof (x as CommandResult).exitCode === 'number' && !('kind' in x);

function target(sim: Simulation, args: string[], ns: string): KObject | CommandResult {
  let [typeSpec, name] = args;
  if (typeSpec?.includes('/')) [typeSpec, name] = typeSpec.split('/') as [string, string];
  const r = typeSpec ? lookupResource(typeSpec) : undefined;
  if (!typeSpec || !name) return fail('error: required resource not specified');
  if (!r) return fail(`error: the server doesn't have a resource type "${typeSpec}"`);
  if (!KINDS[r.kind]) return fail(`error: no status viewer has been implemented for ${r.kind}`);
  const o = sim.api.get(r.kind, ns, name);
  if (!o) return fail(`Error from server (NotFound): ${r.plural}.${r.group} "${name}" not found`);
  return o;
}

export function rollout(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const [sub, ...rest] = args;
  const t = target(sim, rest, ns);
  if (isResult(t)) return t;
  const o = t;
  const id = `${KINDS[o.kind]}/${o.metadata.name}`;
  switch (sub) {
    case 'status':
      return status(sim, o, p);
    case 'history':
      return history(sim, o, p);
    case 'undo':
      return undo(sim, o, p, id);
    case 'restart': {
      if ((o.spec as { paused?: boolean }).paused) return fail(`error: ${id} can't restart paused deployment (run rollout resume first)`);
      const next = clone(o);
      const t = (next.spec as { template: { metadata?: { annotations?: Record<string, string> } } }).template;
      t.metadata ??= {};
      t.metadata.annotations = { ...(t.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': sim.clock.iso() };
      sim.api.apply(next);
      sim.settle(0);
      return ok(`${id} restarted\n`);
    }
    case 'pause':
    case 'resume': {
      if (o.kind !== 'Deployment') return fail(`error: ${KINDS[o.kind]} "${o.metadata.name}" ${sub}ing is not supported`);
      const want = sub === 'pause';
      if (!!(o.spec as { paused?: boolean }).paused === want) return fail(`error: ${id} is already ${want ? 'paused' : 'resumed'}`);
      const next = clone(o);
      if (want) (next.spec as { paused?: boolean }).paused = true;
      else delete (next.spec as { paused?: boolean }).paused;
      sim.api.apply(next);
      sim.settle(0);
      return ok(`${id} ${want ? 'paused' : 'resumed'}\n`);
    }
    default:
      return fail(`error: unknown command "${sub ?? ''}" for "kubectl rollout"`);
  }
}

/** One status line, or done / error, as the StatusViewer for the kind says. */
export function rolloutMessage(o: KObject): { msg: string; done: boolean; error?: boolean } {
  if (o.kind === 'Deployment') {
    const d = o as Deployment;
    const s = d.status ?? {};
    const name = d.metadata.name;
    if ((d.metadata.generation ?? 1) > (s.observedGeneration ?? 0)) return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
    const prog = (s.conditions ?? []).find((c) => c.type === 'Progressing') as { reason?: string } | undefined;
    if (prog?.reason === 'ProgressDeadlineExceeded') return { msg: `error: deployment "${name}" exceeded its progress deadline\n`, done: true, error: true };
    const want = d.spec.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    if (updated < want) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
    if ((s.replicas ?? 0) > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((s.availableReplicas ?? 0) < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  if (o.kind === 'DaemonSet') {
    const s = (o as DaemonSet).status as Record<string, number> | undefined ?? {};
    const name = o.metadata.name;
    if ((o.metadata.generation ?? 1) > (s.observedGeneration ?? 0)) return { msg: 'Waiting for daemon set spec update to be observed...\n', done: false };
    if ((s.updatedNumberScheduled ?? 0) < (s.desiredNumberScheduled ?? 0))
      return { msg: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${s.desiredNumberScheduled ?? 0} new pods have been updated...\n`, done: false };
    if ((s.numberAvailable ?? 0) < (s.desiredNumberScheduled ?? 0))
      return { msg: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled ?? 0} updated pods are available...\n`, done: false };
    return { msg: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  const set = o as StatefulSet;
  const s = (set.status ?? {}) as Record<string, number | string>;
  const want = set.spec.replicas ?? 1;
  if ((o.metadata.generation ?? 1) > Number(s.observedGeneration ?? 0)) return { msg: 'Waiting for statefulset spec update to be observed...\n', done: false };
  if (Number(s.readyReplicas ?? 0) < want) return { msg: `Waiting for ${want - Number(s.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  if (s.updateRevision !== s.currentRevision)
    return { msg: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...\n`, done: false };
  return { msg: `statefulset rolling update complete ${s.currentReplicas ?? want} pods at revision ${s.currentRevision}...\n`, done: true };
}

function status(sim: Simulation, o: KObject, p: Parsed): CommandResult {
  const timeoutRaw = flag(p, '--timeout');
  const timeout = typeof timeoutRaw === 'string' ? parseDurationMs(timeoutRaw) ?? 0 : 0;
  const watch = flag(p, '--watch', '-w') !== 'false';
  const limit = sim.clock.now() + (timeout || 10 * 60_000);
  let out = '';
  let last = '';
  for (;;) {
    const cur = sim.api.get(o.kind, o.metadata.namespace, o.metadata.name);
    if (!cur) return { stdout: out, stderr: `error: ${o.kind.toLowerCase()}s.apps "${o.metadata.name}" not found\n`, exitCode: 1 };
    const m = rolloutMessage(cur);
    if (m.error) return { stdout: out, stderr: m.msg, exitCode: 1 };
    if (m.msg !== last) out += m.msg;
    last = m.msg;
    if (m.done || !watch) return ok(out);
    if (sim.clock.now() >= limit) return { stdout: out, stderr: 'error: timed out waiting for the condition\n', exitCode: 1 };
    sim.advance(1000);
  }
}

interface Rev { revision: number; cause: string; template: unknown; name: string }

function revisions(sim: Simulation, o: KObject): Rev[] {
  if (o.kind === 'Deployment') {
    return sim.store.dependents<ReplicaSet>(o.metadata.uid, 'ReplicaSet')
      .map((rs) => ({ revision: Number(rs.metadata.annotations?.[REVISION] ?? 0), cause: rs.metadata.annotations?.[CHANGE_CAUSE] ?? '', template: rs.spec.template, name: rs.metadata.name }))
      .sort((a, b) => a.revision - b.revision);
  }
  const ctx = { api: sim.api } as Context;
  return revisionsOf(ctx, o).map((r: ControllerRevision) => ({ revision: r.revision, cause: r.metadata.annotations?.[CHANGE_CAUSE] ?? '', template: r.data.spec.template, name: r.metadata.name }));
}

function history(sim: Simulation, o: KObject, p: Parsed): CommandResult {
  const id = `${KINDS[o.kind]}/${o.metadata.name}`;
  const revs = revisions(sim, o);
  const wantRaw = flag(p, '--revision');
  if (typeof wantRaw === 'string' && Number(wantRaw) > 0) {
    const r = revs.find((x) => x.revision === Number(wantRaw));
    if (!r) return fail(`error: unable to find the specified revision`);
    const t = r.template as { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { name: string; image: string }[] } };
    const labels = Object.entries(t.metadata?.labels ?? {}).sort().map(([k, v]) => `${k}=${v}`);
    let s = `${id} with revision #${r.revision}\nPod Template:\n  Labels:\t${labels[0] ?? '<none>'}\n${labels.slice(1).map((l) => `\t${l}\n`).join('')}`;
    s += '  Containers:\n';
    for (const c of t.spec?.containers ?? []) s += `   ${c.name}:\n    Image:\t${c.image}\n`;
    return ok(s + '\n');
  }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision), r.cause || '<none>'])];
  const w = Math.max(...rows.map((r) => r[0]!.length)) + 2;
  return ok(`${id} \n${rows.map((r) => r[0]!.padEnd(w) + r[1]).join('\n')}\n\n`);
}

function undo(sim: Simulation, o: KObject, p: Parsed, id: string): CommandResult {
  const revs = revisions(sim, o);
  const toRaw = flag(p, '--to-revision');
  const to = typeof toRaw === 'string' ? Number(toRaw) : 0;
  const current = Math.max(0, ...revs.map((r) => r.revision));
  let target: Rev | undefined;
  if (to > 0) {
    target = revs.find((r) => r.revision === to);
    if (!target) return fail(`error: unable to find specified revision ${to} in history`);
  } else {
    target = [...revs].reverse().find((r) => r.revision < current);
    if (!target) return fail(`error: no rollout history found for ${o.kind.toLowerCase()} "${o.metadata.name}"`);
  }
  if (target.revision === current) return ok(`${id} skipped rollback (current template already matches revision ${target.revision})\n`);
  const next = clone(o);
  const tpl = clone(target.template) as { metadata?: { labels?: Record<string, string> } };
  if (tpl.metadata?.labels) delete tpl.metadata.labels['pod-template-hash'];
  (next.spec as { template: unknown }).template = tpl;
  sim.api.apply(next);
  sim.settle(0);
  return ok(`${id} rolled back\n`);
}
