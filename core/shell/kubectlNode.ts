// kubectl's node and label operations: drain (with its refusals for DaemonSet-managed and
// unmanaged pods, after staging/src/k8s.io/kubectl/pkg/drain), label and taint — output as
// kubectl prints it. Drain waits for evicted pods to be gone, moving simulated time.

import type { KObject, Node, Pod, Taint } from '../api/types.ts';
import { lookupResource } from '../api/resources.ts';
import { clone } from '../api/store.ts';
import type { Simulation } from '../simulation.ts';
import { kindName } from '../kubectl/get.ts';
import { fail, type CommandResult } from './types.ts';
import { flag, parseDurationMs, type Parsed } from './args.ts';

const byKey = (a: Pod, b: Pod) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);

/** Sets or clears spec.unschedulable (the API server adds no taint; the controller does). */
export function setUnschedulable(sim: Simulation, name: string, on: boolean): string {
  const n = sim.api.get<Node>('Node', undefined, name)!;
  if (!!n.spec.unschedulable === on) return `node/${name} already ${on ? 'cordoned' : 'uncordoned'}\n`;
  const next = clone(n);
  if (on) next.spec.unschedulable = true;
  else delete next.spec.unschedulable;
  const taints = (next.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/unschedulable');
  if (on) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: sim.clock.iso() });
  if (taints.length) next.spec.taints = taints;
  else delete next.spec.taints;
  sim.api.update(next);
  return `node/${name} ${on ? 'cordoned' : 'uncordoned'}\n`;
}

/** `kubectl drain NODE [--ignore-daemonsets] [--force] [--delete-emptydir-data] [--grace-period=N] [--timeout=D]` */
export function drain(sim: Simulation, p: Parsed, args: string[]): CommandResult {
  const name = args[0];
  if (!name) return fail('error: USAGE: drain NODE [flags]');
  if (!sim.api.get<Node>('Node', undefined, name)) return fail(`Error from server (NotFound): nodes "${name}" not found`);
  const ignoreDS = flag(p, '--ignore-daemonsets') !== undefined;
  const force = flag(p, '--force') !== undefined;
  const emptyDir = flag(p, '--delete-emptydir-data') !== undefined;
  const graceRaw = flag(p, '--grace-period');
  const grace = typeof graceRaw === 'string' && Number(graceRaw) >= 0 ? Number(graceRaw) : undefined;
  const timeoutRaw = flag(p, '--timeout');
  const timeout = typeof timeoutRaw === 'string' ? parseDurationMs(timeoutRaw) ?? 0 : 0;
  let stdout = setUnschedulable(sim, name, true);
  sim.settle(0);
  let stderr = '';
  const errors = new Map<string, string[]>();
  const warnings = new Map<string, string[]>();
  const toEvict: Pod[] = [];
  for (const pod of sim.store.podsOnNode<Pod>(name).sort(byKey)) {
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    const note = (m: Map<string, string[]>, msg: string) => m.set(msg, [...(m.get(msg) ?? []), id]);
    if (ref?.kind === 'DaemonSet' && !finished) {
      if (!sim.api.get('DaemonSet', pod.metadata.namespace, ref.name)) {
        if (force) {
          note(warnings, `daemonsets.apps "${ref.name}" not found`);
          toEvict.push(pod);
        } else note(errors, `daemonsets.apps "${ref.name}" not found`);
      } else if (!ignoreDS) note(errors, 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
      else note(warnings, 'ignoring DaemonSet-managed Pods');
      continue;
    }
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const local = ((pod.spec.volumes ?? []) as { emptyDir?: unknown }[]).some((v) => v.emptyDir);
    if (local && !finished && !emptyDir) {
      note(errors, 'Pods with local storage (use --delete-emptydir-data to override)');
      continue;
    }
    if (!ref && !finished) {
      if (!force) {
        note(errors, 'cannot delete Pods that declare no controller (use --force to override)');
        continue;
      }
      note(warnings, 'deleting Pods that declare no controller');
    } else if (local && !finished) note(warnings, 'deleting Pods with local storage');
    toEvict.push(pod);
  }
  if (errors.size) {
    const errs = [...errors].map(([msg, pods]) => (msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${pods.join(', ')}` : `cannot delete ${msg}: ${pods.join(', ')}`));
    const text = errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`;
    stderr += `error: unable to drain node "${name}" due to error: ${text}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${text}\n`;
    return { stdout, stderr, exitCode: 1 };
  }
  if (warnings.size) stderr += `Warning: ${[...warnings].map(([m, pods]) => `${m}: ${pods.join(', ')}`).join('; ')}\n`;
  for (const pod of toEvict) {
    stdout += `evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`;
    // The Eviction API: a graceful delete (no PodDisruptionBudget is simulated).
    sim.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: grace });
  }
  sim.settle(0);
  const pending = new Set(toEvict.map((x) => x.metadata.uid));
  const gone = () => {
    for (const pod of toEvict) {
      if (!pending.has(pod.metadata.uid)) continue;
      const cur = sim.api.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name);
      if (!cur || cur.metadata.uid !== pod.metadata.uid) {
        pending.delete(pod.metadata.uid);
        stdout += `pod/${pod.metadata.name} evicted\n`;
      }
    }
  };
  const limit = sim.clock.now() + (timeout || 10 * 60_000);
  gone();
  while (pending.size && sim.clock.now() < limit) {
    sim.advance(1000);
    gone();
  }
  if (pending.size) {
    const left = toEvict.find((x) => pending.has(x.metadata.uid))!;
    stderr += `There are pending pods in node "${name}" when an error occurred: error when waiting for pod "${left.metadata.name}" in namespace "${left.metadata.namespace}" to terminate: global timeout reached: ${timeoutRaw ?? '10m0s'}\n`;
    return { stdout, stderr, exitCode: 1 };
  }
  stdout += `node/${name} drained\n`;
  return { stdout, stderr, exitCode: 0 };
}

function targets(sim: Simulation, args: string[], ns: string): { objs: KObject[]; rest: string[] } | CommandResult {
  let typeSpec = args[0];
  const rest = args.slice(1);
  let names: string[] = [];
  if (typeSpec?.includes('/')) {
    names = [typeSpec.split('/')[1]!];
    typeSpec = typeSpec.split('/')[0]!;
  } else if (rest.length) names = [rest.shift()!];
  const r = typeSpec ? lookupResource(typeSpec) : undefined;
  if (!typeSpec) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!r) return fail(`error: the server doesn't have a resource type "${typeSpec}"`);
  const objs: KObject[] = [];
  for (const n of names) {
    const o = sim.api.get(r.kind, r.namespaced ? ns : undefined, n);
    if (!o) return fail(`Error from server (NotFound): ${r.group ? `${r.plural}.${r.group}` : r.plural} "${n}" not found`);
    objs.push(o);
  }
  return { objs, rest };
}

/** `kubectl label TYPE NAME k=v ... k- [--overwrite]` */
export function label(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const t = targets(sim, args, ns);
  if ('exitCode' in t) return t;
  const overwrite = flag(p, '--overwrite') !== undefined;
  if (!t.rest.length) return fail('error: at least one label update is required');
  let stdout = '';
  for (const o of t.objs) {
    const next = clone(o);
    const labels = { ...(next.metadata.labels ?? {}) };
    let removedOnly = true;
    for (const spec of t.rest) {
      if (spec.endsWith('-')) {
        delete labels[spec.slice(0, -1)];
        continue;
      }
      removedOnly = false;
      const eq = spec.indexOf('=');
      if (eq < 0) return fail(`error: at least one label update is required`);
      const k = spec.slice(0, eq), v = spec.slice(eq + 1);
      if (labels[k] !== undefined && labels[k] !== v && !overwrite) return fail(`error: '${k}' already has a value (${labels[k]}), and --overwrite is false`);
      labels[k] = v;
    }
    if (JSON.stringify(labels) === JSON.stringify(o.metadata.labels ?? {})) {
      stdout += `${kindName(o.kind)}/${o.metadata.name} not labeled\n`;
      continue;
    }
    next.metadata.labels = labels;
    sim.api.update(next);
    stdout += `${kindName(o.kind)}/${o.metadata.name} ${removedOnly ? 'unlabeled' : 'labeled'}\n`;
  }
  sim.settle(0);
  return { stdout, stderr: '', exitCode: 0 };
}

/** `kubectl taint nodes NODE key[=value]:Effect ... | key[:Effect]- [--overwrite]` */
export function taint(sim: Simulation, p: Parsed, args: string[]): CommandResult {
  const t = targets(sim, args, 'default');
  if ('exitCode' in t) return t;
  const overwrite = flag(p, '--overwrite') !== undefined;
  if (!t.rest.length) return fail('error: at least one taint update is required');
  let stdout = '';
  for (const o of t.objs) {
    const n = o as Node;
    let taints: Taint[] = [...(n.spec.taints ?? [])];
    let removed = false;
    for (const spec of t.rest) {
      const m = /^([^=:]+)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$/.exec(spec);
      if (!m) return fail(`error: invalid taint spec: ${spec}, unknown taint effect`);
      const [, key, value, effect, minus] = m as unknown as [string, string, string | undefined, Taint['effect'] | undefined, string | undefined];
      if (minus) {
        const before = taints.length;
        taints = taints.filter((x) => !(x.key === key && (!effect || x.effect === effect)));
        if (taints.length === before) return fail(`error: taint "${effect ? `${key}:${effect}` : key}" not found`);
        removed = true;
        continue;
      }
      if (!effect) return fail(`error: invalid taint spec: ${spec}, unknown taint effect`);
      if (taints.some((x) => x.key === key && x.effect === effect) && !overwrite)
        return fail(`error: node ${n.metadata.name} already has ${key} taint(s) with same effect(s) and --overwrite is false`);
      taints = taints.filter((x) => !(x.key === key && x.effect === effect));
      taints.push({ key, ...(value ? { value } : {}), effect, ...(effect === 'NoExecute' ? { timeAdded: sim.clock.iso() } : {}) });
    }
    const next = clone(n);
    if (taints.length) next.spec.taints = taints;
    else delete next.spec.taints;
    sim.api.update(next);
    stdout += `node/${n.metadata.name} ${removed ? 'untainted' : 'tainted'}\n`;
  }
  sim.settle(0);
  return { stdout, stderr: '', exitCode: 0 };
}
