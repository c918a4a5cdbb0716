// A lesson task's checks, read off the snapshot the page already has (no engine round trip).
// Each check names pods as `name` or `namespace/name`; a name also matches the pods made from it
// (`web` matches `web-7c9f…-x2x4q` of a Deployment and `web-worker-1`, a static pod's mirror).
import type { EndpointSlice, KObject, Node, Pod } from '../../core/api/types.ts';
import { podStatus } from '../graph/status.ts';

export interface Check {
  podReady?: string;
  podPhase?: { name: string; phase: string };
  podStatus?: { name: string; status: string };
  podRestarts?: { name: string; atLeast: number };
  podOnNode?: { name: string; node: string };
  podCount?: { name: string; count: number; status?: string };
  serviceEndpoints?: { name: string; count: number };
  nodeCondition?: { node: string; type: string; status: string };
}

/** What the check saw when it did not pass, in kubectl's words (shown as-is in every language). */
export type Outcome = { pass: true } | { pass: false; seen: string };

type Arg<K extends keyof Check> = NonNullable<Check[K]>;
interface Def<K extends keyof Check> {
  valid: (v: unknown) => boolean;
  usage: string;
  run: (arg: Arg<K>, objects: KObject[]) => Outcome;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const has = (v: unknown, keys: Record<string, 'string' | 'number'>): boolean =>
  typeof v === 'object' && v !== null && Object.entries(keys).every(([k, t]) => (t === 'string' ? str((v as Record<string, unknown>)[k]) : Number.isInteger((v as Record<string, unknown>)[k])));

const split = (ref: string): [string, string] => {
  const i = ref.indexOf('/');
  return i < 0 ? ['default', ref] : [ref.slice(0, i), ref.slice(i + 1)];
};

export function podsNamed(objects: KObject[], ref: string): Pod[] {
  const [ns, name] = split(ref);
  return objects.filter((o): o is Pod =>
    o.kind === 'Pod' && (o.metadata.namespace ?? 'default') === ns && (o.metadata.name === name || o.metadata.name.startsWith(`${name}-`)));
}

const live = (pods: Pod[]) => pods.filter((p) => !p.metadata.deletionTimestamp);
const ready = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const none = (ref: string): Outcome => ({ pass: false, seen: `no pod ${ref}` });
const verdict = (pass: boolean, seen: string): Outcome => (pass ? { pass: true } : { pass: false, seen });
const statuses = (pods: Pod[]) => pods.map((p) => `${p.metadata.name} ${podStatus(p).status}`).join(', ');

export const CHECKS: { [K in keyof Check]-?: Def<K> } = {
  podReady: {
    valid: str,
    usage: 'podReady: NAME (every pod of that name Ready, at least one)',
    run: (ref, objects) => {
      const pods = live(podsNamed(objects, ref));
      return pods.length ? verdict(pods.every(ready), statuses(pods)) : none(ref);
    },
  },
  podPhase: {
    valid: (v) => has(v, { name: 'string', phase: 'string' }),
    usage: 'podPhase: { name, phase: Pending|Running|Succeeded|Failed }',
    run: ({ name, phase }, objects) => {
      const pods = live(podsNamed(objects, name));
      return pods.length ? verdict(pods.every((p) => p.status?.phase === phase), pods.map((p) => `${p.metadata.name} ${p.status?.phase ?? 'Pending'}`).join(', ')) : none(name);
    },
  },
  podStatus: {
    valid: (v) => has(v, { name: 'string', status: 'string' }),
    usage: 'podStatus: { name, status } (the STATUS column: Running, CrashLoopBackOff, …)',
    run: ({ name, status }, objects) => {
      const pods = live(podsNamed(objects, name));
      return pods.length ? verdict(pods.some((p) => podStatus(p).status === status), statuses(pods)) : none(name);
    },
  },
  podRestarts: {
    valid: (v) => has(v, { name: 'string', atLeast: 'number' }),
    usage: 'podRestarts: { name, atLeast }',
    run: ({ name, atLeast }, objects) => {
      const pods = live(podsNamed(objects, name));
      const n = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((s, c) => s + c.restartCount, 0);
      return pods.length ? verdict(pods.some((p) => n(p) >= atLeast), pods.map((p) => `${p.metadata.name} RESTARTS ${n(p)}`).join(', ')) : none(name);
    },
  },
  podOnNode: {
    valid: (v) => has(v, { name: 'string', node: 'string' }),
    usage: 'podOnNode: { name, node }',
    run: ({ name, node }, objects) => {
      const pods = live(podsNamed(objects, name));
      return pods.length ? verdict(pods.every((p) => p.spec.nodeName === node), pods.map((p) => `${p.metadata.name} NODE ${p.spec.nodeName || '<none>'}`).join(', ')) : none(name);
    },
  },
  podCount: {
    valid: (v) => has(v, { name: 'string', count: 'number' }),
    usage: 'podCount: { name, count, status? }',
    run: ({ name, count, status }, objects) => {
      const pods = live(podsNamed(objects, name)).filter((p) => !status || podStatus(p).status === status);
      return verdict(pods.length === count, `${pods.length} pod${pods.length === 1 ? '' : 's'} ${name}${status ? ` ${status}` : ''}`);
    },
  },
  serviceEndpoints: {
    valid: (v) => has(v, { name: 'string', count: 'number' }),
    usage: 'serviceEndpoints: { name, count } (ready endpoints in its EndpointSlices)',
    run: ({ name, count }, objects) => {
      const [ns, svc] = split(name);
      const slices = objects.filter((o): o is EndpointSlice =>
        o.kind === 'EndpointSlice' && (o.metadata.namespace ?? 'default') === ns && o.metadata.labels?.['kubernetes.io/service-name'] === svc);
      const n = slices.reduce((sum, s) => sum + (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length, 0);
      return verdict(n === count, `service/${svc}: ${n} ready endpoint${n === 1 ? '' : 's'}`);
    },
  },
  nodeCondition: {
    valid: (v) => has(v, { node: 'string', type: 'string', status: 'string' }),
    usage: 'nodeCondition: { node, type: Ready|MemoryPressure|…, status: True|False|Unknown }',
    run: ({ node, type, status }, objects) => {
      const n = objects.find((o): o is Node => o.kind === 'Node' && o.metadata.name === node);
      const c = n?.status?.conditions?.find((x) => x.type === type);
      return n ? verdict(c?.status === status, `node/${node} ${type}=${c?.status ?? 'unset'}`) : { pass: false, seen: `no node ${node}` };
    },
  },
};

/** Every part of a check must hold; the first that does not says what it saw. */
export function evaluate(check: Check, objects: KObject[]): Outcome {
  for (const key of Object.keys(check) as (keyof Check)[]) {
    const def = CHECKS[key] as Def<typeof key> | undefined;
    const arg = check[key];
    if (!def || arg === undefined) return { pass: false, seen: `unknown check ${key}` };
    const r = def.run(arg as never, objects);
    if (!r.pass) return r;
  }
  return { pass: true };
}
