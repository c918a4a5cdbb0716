// kubectl against the simulated API server: get, describe, apply, delete, scale, logs,
// cordon/uncordon, version — with kubectl's outputs and error messages.

import type { KObject, KEvent, Node, Pod } from '../api/types.ts';
import { lookupResource, resourceForKind, type ResourceInfo } from '../api/resources.ts';
import { clone } from '../api/store.ts';
import { matchesSelector } from '../api/labels.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { minorOf } from '../cluster/settings.ts';
import { kindName, printGet, sortLikeAPIServer } from '../kubectl/get.ts';
import { GetWatch } from '../kubectl/watch.ts';
import { describePod } from '../kubectl/describe/pod.ts';
import { describeNode } from '../kubectl/describe/node.ts';
import { parseManifestFile } from '../manifest/parse.ts';
import { MAX_PODS } from '../manifest/workspace.ts';
import type { Simulation } from '../simulation.ts';
import { fail, nl, ok, type CommandResult, type FileSource } from './types.ts';
import { flag, parseArgs, type Parsed } from './args.ts';
import { drain, label, setUnschedulable, taint } from './kubectlNode.ts';
import { rollout } from './kubectlRollout.ts';
import { apiResources, deleteObjects, fieldSelector, labelSelector, qualified } from './kubectlApi.ts';
import { exec, logs, top } from './kubectlPod.ts';

const notFound = (r: ResourceInfo, name: string) => fail(`Error from server (NotFound): ${qualified(r)} "${name}" not found`);

export function kubectl(sim: Simulation, words: string[], files: FileSource, session: KubectlSession = {}): CommandResult {
  const p = parseArgs(words);
  const [verb, ...rest] = p.positional;
  const ns = String(flag(p, '-n', '--namespace') ?? 'default');
  switch (verb) {
    case 'get':
      return get(sim, p, rest, ns, session);
    case 'describe':
      return describe(sim, p, rest, ns);
    case 'apply':
    case 'create':
      return apply(sim, p, files, verb);
    case 'delete':
      return deleteObjects(sim, p, rest, ns);
    case 'rollout':
      return rollout(sim, p, rest, ns);
    case 'drain':
      return drain(sim, p, rest);
    case 'label':
      return label(sim, p, rest, ns);
    case 'taint':
      return taint(sim, p, rest);
    case 'api-resources':
      return apiResources(p);
    case 'scale':
      return scale(sim, p, rest, ns);
    case 'logs':
      return logs(sim, p, rest, ns);
    case 'exec':
      return exec(sim, p, rest, ns);
    case 'top':
      return top(sim, p, rest, ns);
    case 'cordon':
    case 'uncordon':
      return cordon(sim, rest, verb === 'cordon');
    case 'version':
      return ok(`Client Version: ${sim.settings.kubernetesVersion}\nKustomize Version: v5.7.1\nServer Version: ${sim.settings.kubernetesVersion}\n`);
    case undefined:
      return fail('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nUsage:\n  kubectl [flags] [options]');
    default:
      return fail(`error: unknown command "${verb}" for "kubectl"\n\nDid you mean this?\n\tget\n\tdescribe\n\tapply\n\nRun 'kubectl --help' for usage.`);
  }
}

const now = (sim: Simulation) => EPOCH_MS + sim.clock.now();

function resolveTypes(spec: string): ResourceInfo[] | string {
  const out: ResourceInfo[] = [];
  for (const t of spec.split(',')) {
    if (t === 'all') {
      out.push(...['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob'].map(resourceForKind));
      continue;
    }
    const r = lookupResource(t);
    if (!r) return t;
    out.push(r);
  }
  return out;
}

function get(sim: Simulation, p: Parsed, args: string[], ns: string, session: KubectlSession): CommandResult {
  let [typeSpec, ...names] = args;
  if (!typeSpec) return fail("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
  if (typeSpec.includes('/')) {
    names = args.map((a) => a.split('/')[1] ?? '');
    typeSpec = typeSpec.split('/')[0]!;
  }
  const types = resolveTypes(typeSpec);
  if (typeof types === 'string') return fail(`error: the server doesn't have a resource type "${types}"`);
  const all = flag(p, '-A', '--all-namespaces') !== undefined;
  const parsed = labelSelector(p);
  if ('error' in parsed) return parsed.error;
  const { sel } = parsed;
  const fsRaw = flag(p, '--field-selector');
  const fs = typeof fsRaw === 'string' ? fieldSelector(fsRaw) : undefined;
  if (fs instanceof Error) return fail(`Error from server (BadRequest): ${fs.message}`);
  const matches = (r: ResourceInfo, o: KObject): boolean =>
    o.kind === r.kind && (!r.namespaced || all || o.metadata.namespace === ns) && (!sel || matchesSelector(sel, o.metadata.labels))
    && (!fs || fs(o)) && (!names.length || names.includes(o.metadata.name));
  const found: KObject[] = [];
  const errors: string[] = [];
  for (const r of types) {
    const objs = sim.store.list(r.kind).filter((o) => matches(r, o));
    found.push(...objs);
    for (const n of names) if (!objs.some((o) => o.metadata.name === n)) errors.push(`Error from server (NotFound): ${qualified(r)} "${n}" not found`);
  }
  const stderr = warnings(sim, types) + (errors.length ? errors.join('\n') + '\n' : '');
  const exitCode = errors.length ? 1 : 0;
  const labelColumns = flag(p, '-L', '--label-columns');
  const opts = {
    kind: types.length === 1 ? types[0]!.kind : 'Pod', output: String(flag(p, '-o', '--output') ?? ''), namespace: ns,
    allNamespaces: all, now: now(sim), showKind: types.length > 1 || flag(p, '--show-kind') !== undefined,
    noHeaders: flag(p, '--no-headers') !== undefined, showLabels: flag(p, '--show-labels') !== undefined,
    labelColumns: typeof labelColumns === 'string' ? labelColumns.split(',').filter(Boolean) : undefined,
    sortBy: stringFlag(p, '--sort-by'), single: names.length === 1 && types.length === 1,
  };
  if (flag(p, '-w', '--watch') !== undefined) {
    if (errors.length) return { stdout: '', stderr, exitCode };
    if (types.length > 1) return fail('error: watch is only supported on individual resources and resource collections - more than 1 resource was found');
    const r = types[0]!;
    const started = GetWatch.start(opts, sortLikeAPIServer(found), { subscribe: (fn) => sim.store.watch([r.kind], (e) => fn(e.object)), now: () => now(sim) }, (o) => matches(r, o));
    if (started instanceof Error) return fail(`error: ${started.message}`);
    session.watch = started.watch;
    return { stdout: started.stdout, stderr, exitCode };
  }
  if (!found.length && names.length) return { stdout: '', stderr, exitCode: 1 };
  const r = printGet(found, opts);
  if (r.error) return { stdout: '', stderr: r.stderr, exitCode: 1 };
  return { stdout: r.stdout, stderr: r.stderr + stderr, exitCode };
}

const stringFlag = (p: Parsed, name: string): string | undefined => {
  const v = flag(p, name);
  return typeof v === 'string' ? v : undefined;
};

/** The API server's deprecation warning for core/v1 Endpoints (since v1.33), which kubectl prints first. */
function warnings(sim: Simulation, types: ResourceInfo[]): string {
  return minorOf(sim.settings.kubernetesVersion) >= 33 && types.some((r) => r.kind === 'Endpoints') ? 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n' : '';
}

/** kubectl's state between shell commands: a `get -w` still running. */
export interface KubectlSession {
  watch?: GetWatch;
}

/** Time has passed in the session: what a running watch printed meanwhile. */
export const watchOutput = (session: KubectlSession): string => session.watch?.take() ?? '';

/** The next command interrupts a running watch, as Ctrl-C would before typing it. */
export function endWatch(session: KubectlSession): void {
  session.watch?.stop();
  session.watch = undefined;
}

function eventsFor(sim: Simulation, o: KObject): KEvent[] {
  return sim.store.list<KEvent>('Event').filter((e) => e.involvedObject.uid === o.metadata.uid || (e.involvedObject.kind === o.kind && e.involvedObject.name === o.metadata.name && !e.involvedObject.uid));
}

function describe(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const all = flag(p, '-A', '--all-namespaces') !== undefined;
  const parsed = labelSelector(p);
  if ('error' in parsed) return parsed.error;
  const { sel } = parsed;
  let [typeSpec, name] = args;
  if (typeSpec?.includes('/')) [typeSpec, name] = typeSpec.split('/') as [string, string];
  const r = typeSpec ? lookupResource(typeSpec) : undefined;
  if (!typeSpec) return fail('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  if (!r) return fail(`error: the server doesn't have a resource type "${typeSpec}"`);
  const objs = sim.store.list(r.kind, r.namespaced && !all ? ns : undefined)
    .filter((o) => (!name || o.metadata.name === name || o.metadata.name.startsWith(name)) && (!sel || matchesSelector(sel, o.metadata.labels)));
  if (!objs.length) return name ? notFound(r, name) : fail(all || !r.namespaced ? 'No resources found' : `No resources found in ${ns} namespace.`);
  const texts = objs.map((o) => {
    if (o.kind === 'Pod') return describePod(o as Pod, { events: eventsFor(sim, o), now: now(sim) });
    if (o.kind === 'Node')
      return describeNode(o as Node, { pods: sim.store.list<Pod>('Pod'), events: eventsFor(sim, o), lease: sim.store.get('Lease', 'kube-node-lease', o.metadata.name), now: now(sim) });
    return `Name:         ${o.metadata.name}\n${r.namespaced ? `Namespace:    ${o.metadata.namespace}\n` : ''}(describe for ${r.kind} is not simulated yet; use -o yaml)\n`;
  });
  return ok(texts.map(nl).join('\n\n'));
}

function apply(sim: Simulation, p: Parsed, files: FileSource, verb: string): CommandResult {
  const f = flag(p, '-f', '--filename');
  if (typeof f !== 'string') return fail(`error: must specify one of -f and -k\n`);
  const text = files.read(f);
  if (text === undefined) return fail(`error: the path "${f}" does not exist`);
  const parsed = parseManifestFile(f, text);
  const firstErr = parsed.errors.find((e) => e.severity === 'error');
  if (firstErr) return fail(`error: error parsing ${f}: error converting YAML to JSON: yaml: line ${firstErr.line}: ${firstErr.message}`);
  let stdout = '';
  let stderr = '';
  for (const po of parsed.objects) {
    const o = po.object;
    const res = verb === 'create' ? sim.api.create(o) : sim.applyObject(o);
    if (verb === 'create') sim.settle(0);
    const label = `${kindName(o.kind)}/${o.metadata?.name ?? ''}`;
    if (res.ok) stdout += `${label} ${res.action}\n`;
    else stderr += `Error from server${res.reason ? ` (${res.reason})` : res.fieldErrors.length ? ' (Invalid)' : ''}: error when creating "${f}": ${res.message}\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function scale(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const replicas = flag(p, '--replicas');
  if (typeof replicas !== 'string' || !/^\d+$/.test(replicas)) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  // The playground's own limit (the workspace has the same): past it the engine would not stop.
  if (Number(replicas) > MAX_PODS) return fail(`error: --replicas=${replicas}: the playground simulates up to ${MAX_PODS} pods`);
  let [typeSpec, name] = args;
  if (typeSpec?.includes('/')) [typeSpec, name] = typeSpec.split('/') as [string, string];
  const r = typeSpec ? lookupResource(typeSpec) : undefined;
  if (!r || !name) return fail('error: resource(s) were provided, but no name was specified');
  const cur = sim.api.get(r.kind, ns, name);
  if (!cur) return notFound(r, name);
  const next = clone(cur);
  (next.spec as { replicas?: number }).replicas = Number(replicas);
  next.metadata.generation = (next.metadata.generation ?? 1) + 1;
  sim.api.update(next);
  sim.settle(0);
  return ok(`${kindName(cur.kind)}/${name} scaled\n`);
}

function cordon(sim: Simulation, args: string[], on: boolean): CommandResult {
  const name = args[0];
  if (!name) return fail(`error: USAGE: ${on ? 'cordon' : 'uncordon'} NODE [flags]`);
  if (!sim.api.get<Node>('Node', undefined, name)) return fail(`Error from server (NotFound): nodes "${name}" not found`);
  const out = setUnschedulable(sim, name, on);
  sim.settle(0);
  return ok(out);
}

