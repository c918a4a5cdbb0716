// Helpers shared by the workload controllers: ownership and pod readiness.

import type { KObject, OwnerReference, Pod } from '../api/types.ts';

export const controllerRef = (o: KObject): OwnerReference | undefined => o.metadata.ownerReferences?.find((r) => r.controller);

export const ownedBy = (o: KObject, owner: KObject): boolean => controllerRef(o)?.uid === owner.metadata.uid;

export function ownerRefTo(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export const isPodReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** A pod that still counts toward a ReplicaSet: not being deleted and not finished. */
export const isPodActive = (p: Pod): boolean =>
  !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
