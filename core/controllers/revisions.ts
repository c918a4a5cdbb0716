// ControllerRevisions (apps/v1): how DaemonSets and StatefulSets remember their pod
// templates. Named <owner>-<hash>; the hash is what pods carry as controller-revision-hash.

import type { KObject, PodTemplateSpec } from '../api/types.ts';
import type { Context } from '../api/context.ts';
import { ownerRefTo } from './owners.ts';
import { canonicalJSON, fnv32a, safeEncode } from './hash.ts';

export interface Revision {
  name: string;
  hash: string;
  revision: number;
}

// Per stored (frozen) template: a DaemonSet asks on every reconcile, one per daemon pod change.
const hashes = new WeakMap<PodTemplateSpec, string>();

export function templateHash(t: PodTemplateSpec): string {
  let h = hashes.get(t);
  if (h === undefined) {
    h = safeEncode(String(fnv32a(canonicalJSON(t)))).slice(0, 10);
    if (Object.isFrozen(t)) hashes.set(t, h);
  }
  return h;
}

export interface ControllerRevision extends KObject {
  data: { spec: { template: PodTemplateSpec } };
  revision: number;
}

/** Revisions owned by `owner`, oldest first. */
export function revisionsOf(ctx: Context, owner: KObject): ControllerRevision[] {
  return ctx.api.store.dependents<ControllerRevision>(owner.metadata.uid, 'ControllerRevision').sort((a, b) => a.revision - b.revision);
}

/**
 * The revision for the owner's current template: the existing one with the same hash (bumped
 * to the newest number when an old template comes back), or a new one.
 */
export function ensureRevision(ctx: Context, owner: KObject, template: PodTemplateSpec, selectorLabels: Record<string, string>): Revision {
  const hash = templateHash(template);
  const name = `${owner.metadata.name}-${hash}`;
  const all = revisionsOf(ctx, owner);
  const max = Math.max(0, ...all.map((r) => r.revision));
  const cur = all.find((r) => r.metadata.name === name);
  if (cur) {
    if (cur.revision < max) ctx.api.update({ ...JSON.parse(JSON.stringify(cur)), revision: max + 1 });
    return { name, hash, revision: cur.revision < max ? max + 1 : cur.revision };
  }
  ctx.api.create({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: owner.metadata.namespace, labels: { ...selectorLabels, 'controller-revision-hash': hash }, ownerReferences: [ownerRefTo(owner)] },
    data: { spec: { template: { ...template, $patch: 'replace' } } },
    revision: max + 1,
  } as KObject);
  return { name, hash, revision: max + 1 };
}
