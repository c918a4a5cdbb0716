// kubectl against the simulated API server: get, describe, apply, delete, scale, logs,
// cordon/uncordon, version — with kubectl's outputs and error messages.

import type { KObject, KEvent, Node, Pod } from '../api/types.ts';
import { lookupResource, resourceForKind, type ResourceInfo } from '../api/resources.ts';
import { clone } from '../api/store.ts';
import { matchesSelector, parseSelector } from '../api/labels.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { printGet, printObjects } from '../kubectl/get.ts';
import { describePod } from '../kubectl/describe/pod.ts';
import { describeNode } from '../kubectl/describe/node.ts';
import { parseManifestFile } from '../manifest/parse.ts';
import type { Simulation } from '../simulation.ts';
import { fail, nl, ok, type CommandResult, type FileSource } from './types.ts';
import { flag, parseArgs, type Parsed } from './args.ts';
import { drain, label, setUnschedulable, taint } from './kubectlNode.ts';
import { rollout } from './kubectlRollout.ts';
import { apiResources, deleteObjects, fieldSelector } from './kubectlApi.ts';
import { exec, logs, top } from './kubectlPod.ts';

const qualified = (r: ResourceInfo) => (r.group ? `${r.plural}.${r.group}` : r.plural);
const notFound = (r: ResourceInfo, name: string) => fail(`Error from server (NotFound): ${qualified(r)} "${name}" not found`);

export function kubectl(sim: Simulation, words: string[], files: FileSource): CommandResult {
  const p = parseArgs(words);
  const [verb, ...rest] = p.positional;
  const ns = String(flag(p, '-n', '--namespace') ?? 'default');
  switch (verb) {
    case 'get':
      return get(sim, p, rest, ns);
    case 'describe':
      return describe(sim, rest, ns);
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

function get(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  let [typeSpec, ...names] = args;
  if (!typeSpec) return fail("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
  if (typeSpec.includes('/')) {
    names = args.map((a) => a.split('/')[1] ?? '');
    typeSpec = typeSpec.split('/')[0]!;
  }
  const types = resolveTypes(typeSpec);
  if (typeof types === 'string') return fail(`error: the server doesn't have a resource type "${types}"`);
  const all = flag(p, '-A', '--all-namespaces') !== undefined;
  const out = String(flag(p, '-o', '--output') ?? '');
  const selRaw = flag(p, '-l', '--selector');
  const sel = typeof selRaw === 'string' ? parseSelector(selRaw) : undefined;
  if (sel instanceof Error) return fail(`error: ${sel.message}`);
  const fsRaw = flag(p, '--field-selector');
  const fs = typeof fsRaw === 'string' ? fieldSelector(fsRaw) : undefined;
  if (fs instanceof Error) return fail(`Error from server (BadRequest): ${fs.message}`);
  const found: KObject[] = [];
  const errors: string[] = [];
  for (const r of types) {
    let objs = r.kind === 'Event' ? sim.store.list('Event') : sim.store.list(r.kind);
    if (r.namespaced && !all) objs = objs.filter((o) => o.metadata.namespace === ns);
    if (sel) objs = objs.filter((o) => matchesSelector(sel, o.metadata.labels));
    if (fs) objs = objs.filter(fs);
    if (names.length) {
      for (const n of names) {
        const o = objs.find((x) => x.metadata.name === n);
        if (o) found.push(o);
        else errors.push(`Error from server (NotFound): ${qualified(r)} "${n}" not found`);
      }
    } else found.push(...objs);
  }
  const stderr = errors.length ? errors.join('\n') + '\n' : '';
  if (out === 'yaml' || out === 'json') {
    if (!found.length && names.length) return { stdout: '', stderr, exitCode: 1 };
    return { stdout: nl(printObjects(found, out, names.length === 1 && types.length === 1)), stderr, exitCode: errors.length ? 1 : 0 };
  }
  if (out === 'name') return { stdout: found.map((o) => `${kindName(o)}/${o.metadata.name}\n`).join(''), stderr, exitCode: errors.length ? 1 : 0 };
  if (out && out !== 'wide') return fail(`error: unable to match a printer suitable for the output format "${out}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
  if (!found.length && names.length) return { stdout: '', stderr, exitCode: 1 };
  const kindForEmpty = types.length === 1 ? types[0]!.kind : 'Pod';
  const r = printGet(found, { kind: kindForEmpty, wide: out === 'wide', allNamespaces: all, namespace: ns, now: now(sim), showKind: types.length > 1 });
  return { stdout: r.stdout, stderr: r.stderr + stderr, exitCode: errors.length ? 1 : 0 };
}

const kindName = (o: KObject) => {
  const r = resourceForKind(o.kind);
  return r.group ? `${o.kind.toLowerCase()}.${r.group}` : o.kind.toLowerCase();
};

function eventsFor(sim: Simulation, o: KObject): KEvent[] {
  return sim.store.list<KEvent>('Event').filter((e) => e.involvedObject.uid === o.metadata.uid || (e.involvedObject.kind === o.kind && e.involvedObject.name === o.metadata.name && !e.involvedObject.uid));
}

function describe(sim: Simulation, args: string[], ns: string): CommandResult {
  let [typeSpec, name] = args;
  if (typeSpec?.includes('/')) [typeSpec, name] = typeSpec.split('/') as [string, string];
  const r = typeSpec ? lookupResource(typeSpec) : undefined;
  if (!typeSpec) return fail('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  if (!r) return fail(`error: the server doesn't have a resource type "${typeSpec}"`);
  const objs = sim.store.list(r.kind, r.namespaced ? ns : undefined).filter((o) => !name || o.metadata.name === name || o.metadata.name.startsWith(name));
  if (!objs.length) return name ? notFound(r, name) : fail(`No resources found in ${ns} namespace.`);
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
    const label = `${kindName(o)}/${o.metadata?.name ?? ''}`;
    if (res.ok) stdout += `${label} ${res.action}\n`;
    else stderr += `Error from server${res.reason ? ` (${res.reason})` : res.fieldErrors.length ? ' (Invalid)' : ''}: error when creating "${f}": ${res.message}\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function scale(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const replicas = flag(p, '--replicas');
  if (typeof replicas !== 'string' || !/^\d+$/.test(replicas)) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
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
  return ok(`${kindName(cur)}/${name} scaled\n`);
}

function cordon(sim: Simulation, args: string[], on: boolean): CommandResult {
  const name = args[0];
  if (!name) return fail(`error: USAGE: ${on ? 'cordon' : 'uncordon'} NODE [flags]`);
  if (!sim.api.get<Node>('Node', undefined, name)) return fail(`Error from server (NotFound): nodes "${name}" not found`);
  const out = setUnschedulable(sim, name, on);
  sim.settle(0);
  return ok(out);
}

