// "What my edit did": the difference between two snapshots (pods, Services, endpoints, workloads)
// and between two views of a node's kube-proxy rules (chains, rules). Pure, so unit-tested.
import { objectKey, type Snapshot } from '../../core/protocol.ts';
import type { EndpointSlice, KObject, Node, Pod, Service } from '../../core/api/types.ts';
import { patchOf, type AppliedPatch } from '../store/snapshot.ts';
import { podStatus } from './status.ts';
import type { ChainView, NodeView } from './viewTypes.ts';

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface Change {
  kind: ChangeKind;
  /** Pod, Service, EndpointSlice, Deployment, ..., Chain */
  what: string;
  /** objectKey() for objects; `Chain/<node>/<table>/<name>` for chains. */
  key: string;
  label: string;
  detail?: string;
  /** For a chain: the rule lines it gained or lost, each as iptables-save prints it. */
  rules?: RuleChange[];
}

/** A rule line a chain gained (with its index in the chain now) or lost. */
export interface RuleChange {
  kind: 'added' | 'removed';
  line: string;
  index?: number;
}

/** A set of changes, and the rule lines that appeared (keyed `ruleKey`), for highlighting. */
export interface ChangeSet {
  changes: Change[];
  rules: Set<string>;
}

export const emptyChangeSet = (): ChangeSet => ({ changes: [], rules: new Set() });
export const chainKey = (node: string, table: string, name: string): string => `Chain/${node}/${table}/${name}`;
export const ruleKey = (node: string, table: string, chain: string, line: string): string => `Rule/${node}/${table}/${chain}/${line}`;

// Leases, Events and the like change all the time and mean nothing to a learner here.
const WATCHED = new Set(['Pod', 'Service', 'EndpointSlice', 'Node', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ConfigMap', 'Secret', 'Namespace', 'PersistentVolumeClaim']);

/** What a learner would call "the same" object: the fields whose change is worth pointing at. */
function summary(o: KObject): string {
  switch (o.kind) {
    case 'Pod': {
      const p = o as Pod;
      const ready = (p.status?.containerStatuses ?? []).filter((c) => c.ready).length;
      const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
      return `${podStatus(p).status} ${ready}/${p.spec.containers.length} ready${restarts ? `, ${restarts} restarts` : ''}${p.spec.nodeName ? ` on ${p.spec.nodeName}` : ''}`;
    }
    case 'EndpointSlice': {
      const eps = (o as EndpointSlice).endpoints ?? [];
      return eps.map((e) => `${e.addresses.join(',')}${e.conditions?.ready === false ? ' (not ready)' : ''}`).sort().join(' ') || 'no endpoints';
    }
    case 'Service': {
      const s = (o as Service).spec;
      return `${s.type ?? 'ClusterIP'} ${s.clusterIP ?? ''} ${(s.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',')} ${JSON.stringify(s.selector ?? {})}`;
    }
    case 'Node': {
      const n = o as Node;
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      return `${ready ? 'Ready' : 'NotReady'}${n.spec.unschedulable ? ', SchedulingDisabled' : ''}${(n.spec.taints ?? []).map((t) => ` ${t.key}:${t.effect}`).join('')}`;
    }
    default: {
      const st = (o as { status?: { readyReplicas?: number; replicas?: number } }).status;
      const replicas = (o as { spec?: { replicas?: number } }).spec?.replicas;
      return `gen ${o.metadata.generation ?? o.metadata.resourceVersion ?? ''}${replicas !== undefined ? ` ${st?.readyReplicas ?? 0}/${replicas} ready` : ''}`;
    }
  }
}

const label = (o: KObject) => `${o.kind.toLowerCase()}/${o.metadata.name}`;

/**
 * Objects added, changed (in what a learner sees) or removed between two snapshots. When `next`
 * was patched from `prev`, the patch says what changed; otherwise objects that did not change are
 * the same object in both (the store patches only what changed), so those are passed over by
 * identity, and only the rest are keyed and compared.
 */
export function diffSnapshots(prev: Snapshot, next: Snapshot): Change[] {
  if (prev.objects === next.objects) return [];
  const patch = patchOf(next);
  const { fresh, gone } = patch?.base === prev ? { fresh: patch.upserted, gone: patch.removed } : byIdentity(prev, next);
  const out: Change[] = [];
  for (const { object: o, old } of fresh) {
    if (!WATCHED.has(o.kind)) continue;
    const key = objectKey(o);
    if (!old) out.push({ kind: 'added', what: o.kind, key, label: label(o), detail: summary(o) });
    else {
      const [a, b] = [summary(old), summary(o)];
      if (a !== b) out.push({ kind: 'changed', what: o.kind, key, label: label(o), detail: `${a} → ${b}` });
    }
  }
  for (const o of gone) if (WATCHED.has(o.kind)) out.push({ kind: 'removed', what: o.kind, key: objectKey(o), label: label(o) });
  return out;
}

/** New and changed objects (with the version before) and the gone ones, found by identity. */
function byIdentity(prev: Snapshot, next: Snapshot): { fresh: AppliedPatch['upserted']; gone: KObject[] } {
  const left = new Set(prev.objects);
  const added: KObject[] = [];
  for (const o of next.objects) if (!left.delete(o)) added.push(o);
  const before = new Map<string, KObject>();
  for (const o of left) before.set(objectKey(o), o);
  const fresh = added.map((object) => {
    const key = objectKey(object);
    const old = before.get(key);
    before.delete(key);
    return { object, old };
  });
  return { fresh, gone: [...before.values()] };
}

/** Chains that appeared, vanished or whose rules changed on one node, and the new rule lines. */
export function diffChains(prev: NodeView, next: NodeView): ChangeSet {
  const node = next.name;
  const key = (c: ChainView) => `${c.table}/${c.name}`;
  const before = new Map(prev.proxy.chains.map((c) => [key(c), c]));
  const changes: Change[] = [];
  const rules = new Set<string>();
  for (const c of next.proxy.chains) {
    const old = before.get(key(c));
    before.delete(key(c));
    const oldLines = new Set(old?.rules.map((r) => r.line) ?? []);
    const added = c.rules.filter((r) => !oldLines.has(r.line));
    for (const r of added) rules.add(ruleKey(node, c.table, c.name, r.line));
    const ck = chainKey(node, c.table, c.name);
    const what = `chain ${c.table}/${c.name}`;
    const gained = added.map((r): RuleChange => ({ kind: 'added', line: r.line, index: r.index }));
    if (!old) {
      if (c.rules.length || !c.builtin) changes.push({ kind: 'added', what: 'Chain', key: ck, label: what, detail: `${rules_(c.rules.length)} on ${node}`, rules: gained });
      continue;
    }
    const newLines = new Set(c.rules.map((r) => r.line));
    const lost = old.rules.filter((r) => !newLines.has(r.line)).map((r): RuleChange => ({ kind: 'removed', line: r.line }));
    if (added.length || lost.length) {
      const parts = [added.length && `+${rules_(added.length)}`, lost.length && `−${rules_(lost.length)}`].filter(Boolean);
      changes.push({ kind: 'changed', what: 'Chain', key: ck, label: what, detail: `${parts.join(', ')} on ${node}`, rules: [...gained, ...lost] });
    }
  }
  for (const c of before.values()) {
    const lost = c.rules.map((r): RuleChange => ({ kind: 'removed', line: r.line }));
    changes.push({ kind: 'removed', what: 'Chain', key: chainKey(node, c.table, c.name), label: `chain ${c.table}/${c.name}`, detail: `on ${node}`, rules: lost });
  }
  return { changes, rules };
}

const rules_ = (n: number) => `${n} rule${n === 1 ? '' : 's'}`;

/** A chain's rule changes after two edits: a line added then removed (or the reverse) cancels out. */
function mergeRules(a: RuleChange[] = [], b: RuleChange[] = []): RuleChange[] {
  const byLine = new Map(a.map((r) => [r.line, r]));
  for (const r of b) {
    const old = byLine.get(r.line);
    if (old && old.kind !== r.kind) byLine.delete(r.line);
    else byLine.set(r.line, r);
  }
  return [...byLine.values()];
}

/** Folds later changes into earlier ones: added+changed = added, added+removed = nothing, removed+added = changed. */
export function mergeChanges(a: Change[], b: Change[]): Change[] {
  const byKey = new Map(a.map((c) => [c.key, c]));
  for (const c of b) {
    const old = byKey.get(c.key);
    const put = (v: Change) => byKey.set(c.key, old && (old.rules || c.rules) ? { ...v, rules: mergeRules(old.rules, c.rules) } : v);
    if (!old) byKey.set(c.key, c);
    else if (old.kind === 'added' && c.kind === 'removed') byKey.delete(c.key);
    else if (old.kind === 'added') put({ ...c, kind: 'added', detail: c.kind === 'changed' ? c.detail?.split(' → ').pop() : old.detail });
    else if (old.kind === 'removed' && c.kind === 'added') put({ ...c, kind: 'changed' });
    else if (old.kind === 'changed' && c.kind === 'changed') {
      const from = old.detail?.split(' → ')[0];
      const to = c.detail?.split(' → ').pop();
      put({ ...c, detail: from && to && c.what !== 'Chain' ? `${from} → ${to}` : c.detail });
    } else put(c);
  }
  return [...byKey.values()];
}

/** Order for the list: kind of object as a learner meets them, then added, changed, removed. */
const ORDER = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Pod', 'Service', 'EndpointSlice', 'Chain'];
const KIND_ORDER: Record<ChangeKind, number> = { added: 0, changed: 1, removed: 2 };
export function sortChanges(changes: Change[]): Change[] {
  const rank = (w: string) => (ORDER.includes(w) ? ORDER.indexOf(w) : ORDER.length);
  return [...changes].sort((x, y) => rank(x.what) - rank(y.what) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || x.label.localeCompare(y.label));
}
