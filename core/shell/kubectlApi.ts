// `kubectl delete` (with --cascade, --grace-period, --force, -l, --all, and kubectl's wait
// for the objects to be gone) and `kubectl api-resources`.

import type { KObject, LabelSelector } from '../api/types.ts';
import { RESOURCES, lookupResource, type ResourceInfo } from '../api/resources.ts';
import { matchesSelector, parseSelector } from '../api/labels.ts';
import { minorOf } from '../cluster/settings.ts';
import type { Simulation } from '../simulation.ts';
import { kindName } from '../kubectl/get.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { flag, type Parsed } from './args.ts';

/** "deployments.apps": how the API server names a resource in its errors. */
export const qualified = (r: ResourceInfo) => (r.group ? `${r.plural}.${r.group}` : r.plural);
export function deleteObjects(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  let [typeSpec, ...names] = args;
  if (typeSpec?.includes('/')) {
    names = args.map((a) => a.split('/')[1] ?? '');
    typeSpec = typeSpec.split('/')[0];
  }
  if (!typeSpec) return fail('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  const r = lookupResource(typeSpec);
  if (!r) return fail(`error: the server doesn't have a resource type "${typeSpec}"`);
  const cascadeRaw = flag(p, '--cascade');
  const cascade = cascadeRaw === undefined || cascadeRaw === true || cascadeRaw === 'background' || cascadeRaw === 'true' ? 'Background'
    : cascadeRaw === 'foreground' ? 'Foreground' : cascadeRaw === 'orphan' || cascadeRaw === 'false' ? 'Orphan' : undefined;
  if (!cascade) return fail(`error: invalid cascade value (${String(cascadeRaw)}). Must be "background", "foreground", or "orphan"`);
  const graceRaw = flag(p, '--grace-period');
  const force = flag(p, '--force') !== undefined;
  let grace = typeof graceRaw === 'string' && Number(graceRaw) >= 0 ? Number(graceRaw) : undefined;
  if (flag(p, '--now') !== undefined) grace = 1;
  if (force && grace === undefined) grace = 0;
  if (grace === 0 && !force) grace = 1;
  const wait = flag(p, '--wait') !== 'false';
  const scope = r.namespaced ? ns : undefined;
  let targets: (KObject | string)[] = names.map((n) => sim.api.get(r.kind, scope, n) ?? n);
  if (!names.length) {
    if (flag(p, '-l', '--selector') === undefined && flag(p, '--all') === undefined) return fail('error: resource(s) were provided, but no name was specified');
    const parsed = labelSelector(p);
    if ('error' in parsed) return parsed.error;
    const { sel } = parsed;
    targets = sim.store.list(r.kind, scope).filter((o) => !sel || matchesSelector(sel, o.metadata.labels))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    if (!targets.length) return ok(r.namespaced ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
  }
  const withNs = minorOf(sim.settings.kubernetesVersion) >= 34;
  let stdout = '';
  let stderr = force ? 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n' : '';
  const deleted: KObject[] = [];
  for (const t of targets) {
    if (typeof t === 'string') {
      stderr += `Error from server (NotFound): ${qualified(r)} "${t}" not found\n`;
      continue;
    }
    sim.api.delete(r.kind, scope, t.metadata.name, { gracePeriodSeconds: grace, propagationPolicy: cascade });
    stdout += `${kindName(t.kind)} "${t.metadata.name}" deleted${withNs && r.namespaced ? ` from ${ns} namespace` : ''}\n`;
    deleted.push(t);
  }
  sim.settle(0);
  // kubectl waits (--wait=true) until the objects are really gone: graceful termination,
  // finalizers, a namespace being emptied. Simulated time moves meanwhile.
  const gone = () => deleted.every((o) => sim.api.get(o.kind, o.metadata.namespace, o.metadata.name)?.metadata.uid !== o.metadata.uid);
  const limit = sim.clock.now() + 5 * 60_000;
  while (wait && !gone() && sim.clock.now() < limit) sim.advance(1000);
  return { stdout, stderr, exitCode: stderr.includes('NotFound') ? 1 : 0 };
}

const GROUP_ORDER = ['', 'apps', 'batch', 'autoscaling', 'coordination.k8s.io', 'discovery.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io'];
const VERSION: Record<string, string> = { '': 'v1', apps: 'apps/v1', batch: 'batch/v1', autoscaling: 'autoscaling/v2' };

export function apiResources(p: Parsed): CommandResult {
  const nsOnly = flag(p, '--namespaced');
  const rows = [...RESOURCES]
    .filter((r) => nsOnly === undefined || String(r.namespaced) === String(nsOnly === true ? 'true' : nsOnly))
    .sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || (a.plural < b.plural ? -1 : 1))
    .map((r) => [r.plural, r.shortNames.join(','), VERSION[r.group] ?? `${r.group}/v1`, String(r.namespaced), r.kind]);
  if (flag(p, '-o', '--output') === 'name') return ok(rows.map((r) => (r[2]!.includes('/') ? `${r[0]}.${r[2]!.split('/')[0]}` : r[0]) + '\n').join(''));
  const all = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows];
  const w = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)) + 3);
  return ok(all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('')).join('\n') + '\n');
}

/** `-l/--selector` parsed as kubectl parses it, or its error for a bad one. */
export function labelSelector(p: Parsed): { sel: LabelSelector | undefined } | { error: CommandResult } {
  const raw = flag(p, '-l', '--selector');
  const sel = typeof raw === 'string' ? parseSelector(raw) : undefined;
  return sel instanceof Error ? { error: fail(`error: ${sel.message}`) } : { sel };
}

/** `--field-selector a.b=c,d!=e`: the fields the API server supports for lists, on any path. */
export function fieldSelector(raw: string): ((o: KObject) => boolean) | Error {
  const reqs: { path: string[]; value: string; neg: boolean }[] = [];
  for (const part of raw.split(',').filter(Boolean)) {
    const m = /^([\w.]+)\s*(==|!=|=)\s*(.*)$/.exec(part.trim());
    if (!m) return new Error(`invalid selector: '${raw}'; can't understand '${part}'`);
    reqs.push({ path: m[1]!.split('.'), value: m[3]!, neg: m[2] === '!=' });
  }
  return (o) => reqs.every((r) => {
    let v: unknown = o;
    for (const k of r.path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    const s = v === undefined || v === null ? '' : String(v);
    return r.neg ? s !== r.value : s === r.value;
  });
}
