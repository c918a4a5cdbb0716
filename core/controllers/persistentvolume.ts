// PersistentVolume controller (pkg/controller/volume/persistentvolume, pv_controller.go): binds
// each unbound claim to the smallest Available PV that satisfies it (class, access modes,
// capacity, volume mode, selector); a claim of a WaitForFirstConsumer class waits until a
// scheduled pod uses it and then takes a PV whose node affinity admits that node (upstream the
// scheduler binds those at PreBind). Nothing provisions volumes here. PVs go Available → Bound →
// Released when their claim is deleted (reclaim policy Retain).
import type { KObject, Pod } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { clone } from '../api/store.ts';
import { bytes } from '../api/quantity.ts';
import { matchesSelector } from '../api/labels.ts';
import type { LabelSelector, Node } from '../api/types.ts';
import { matchTerm, type NodeSelectorTerm } from '../scheduler/plugins/nodeAffinity.ts';

const COMPONENT = 'persistentvolume-controller';
const SOURCE = { component: COMPONENT };
/** pvClaimBinderSyncPeriod: every claim and volume is synced again this often. */
const RESYNC_MS = 15_000;

export interface Claim extends KObject {
  spec: { storageClassName?: string; volumeName?: string; accessModes?: string[]; volumeMode?: string; selector?: LabelSelector; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string> };
}
export interface Volume extends KObject {
  spec: {
    storageClassName?: string; accessModes?: string[]; volumeMode?: string; capacity?: { storage?: string };
    claimRef?: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
  };
  status?: { phase?: string };
}

/** Whether `pv` can serve `claim` (findMatchingVolume's checks, node affinity aside). */
export function volumeFits(pv: Volume, claim: Claim): boolean {
  const ref = pv.spec.claimRef;
  // Pre-bound to another claim, or Released by an earlier claim of the same name (its uid differs).
  if (ref && (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || (ref.uid && ref.uid !== claim.metadata.uid))) return false;
  if (pv.metadata.deletionTimestamp || (!ref && pv.status?.phase !== 'Available' && pv.status?.phase !== undefined)) return false;
  if ((pv.spec.storageClassName ?? '') !== (claim.spec.storageClassName ?? '')) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) return false;
  if (!(claim.spec.accessModes ?? []).every((m) => pv.spec.accessModes?.includes(m))) return false;
  if (bytes(pv.spec.capacity?.storage) < bytes(claim.spec.resources?.requests?.storage)) return false;
  return !claim.spec.selector || matchesSelector(claim.spec.selector, pv.metadata.labels ?? {});
}

/** CheckNodeAffinity: a PV without node affinity is reachable from every node. */
export function volumeReachable(pv: Volume, node: Node): boolean {
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms?.length || terms.some((t) => matchTerm(t, node.metadata.labels ?? {}, node.metadata.name));
}

export class PersistentVolumeController implements Component {
  readonly name = COMPONENT;
  private queue = new WorkQueue<string>();
  private resyncing = false;

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    for (const kind of ['PersistentVolume', 'PersistentVolumeClaim', 'Pod'] as const)
      store.watch([kind], (e) => {
        // A pod matters only as the first consumer of a claim: not at every status update of every pod.
        if (kind === 'Pod' && !((e.object as Pod).spec.nodeName && usesAnyClaim(e.object as Pod))) return;
        this.queue.add('all');
      });
    this.queue.add('all');
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    this.queue.drain();
    const store = this.ctx.api.store;
    const claims = store.list<Claim>('PersistentVolumeClaim');
    let waiting = false;
    for (const pv of store.list<Volume>('PersistentVolume')) this.syncVolume(pv);
    for (const claim of claims) if (!claim.spec.volumeName && !claim.metadata.deletionTimestamp) waiting = this.syncUnbound(claim) || waiting;
    if (waiting && !this.resyncing) {
      this.resyncing = true;
      this.ctx.clock.after(RESYNC_MS, () => {
        this.resyncing = false;
        this.queue.add('all');
      }, true);
    }
    return true;
  }

  /** Available with no claim; Released when its claim is gone. */
  private syncVolume(pv: Volume): void {
    const ref = pv.spec.claimRef;
    const claim = ref?.name ? this.ctx.api.get<Claim>('PersistentVolumeClaim', ref.namespace, ref.name) : undefined;
    const own = claim && (!ref?.uid || claim.metadata.uid === ref.uid);
    const phase = !ref ? 'Available' : own ? (claim.spec.volumeName === pv.metadata.name ? 'Bound' : 'Available') : ref.uid ? 'Released' : 'Available';
    if (pv.status?.phase !== phase) this.put(pv, (v) => (v.status = { ...v.status, phase }));
  }

  /** Binds the claim if it can; true while it still waits (to be synced again). */
  private syncUnbound(claim: Claim): boolean {
    const store = this.ctx.api.store;
    const cls = claim.spec.storageClassName;
    const sc = cls ? store.get<KObject & { volumeBindingMode?: string }>('StorageClass', undefined, cls) : undefined;
    let node: Node | undefined;
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer') {
      const user = store.list<Pod>('Pod', claim.metadata.namespace).find((p) => p.spec.nodeName && usesClaim(p, claim.metadata.name));
      node = user ? store.get<Node>('Node', undefined, user.spec.nodeName!) : undefined;
      if (!node) {
        this.ctx.events.record(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', SOURCE);
        return true;
      }
    }
    const pv = store.list<Volume>('PersistentVolume')
      .filter((v) => volumeFits(v, claim) && (!node || volumeReachable(v, node)))
      .sort((a, b) => bytes(a.spec.capacity?.storage) - bytes(b.spec.capacity?.storage))[0];
    if (!pv) {
      // With no class there is nothing to provision from; a class's provisioner is not simulated.
      if (!cls) this.ctx.events.record(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', SOURCE);
      return true;
    }
    this.bind(pv, claim);
    return false;
  }

  private bind(pv: Volume, claim: Claim): void {
    const ref = { kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion };
    const byController = !pv.spec.claimRef;
    this.put(pv, (v) => {
      v.spec.claimRef = ref;
      if (byController) v.metadata.annotations = { ...v.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' };
      v.status = { ...v.status, phase: 'Bound' };
    });
    this.put(claim, (c) => {
      c.spec.volumeName = pv.metadata.name;
      c.metadata.annotations = { ...c.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
      c.status = { phase: 'Bound', accessModes: pv.spec.accessModes ?? [], capacity: { storage: pv.spec.capacity?.storage ?? '0' } };
    });
  }

  private put<T extends KObject>(o: T, change: (copy: T) => void): void {
    const copy = clone(o);
    change(copy);
    this.ctx.api.store.put(copy);
  }
}

const claimOf = (v: unknown): string | undefined => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName;
const usesClaim = (p: Pod, name: string): boolean => (p.spec.volumes ?? []).some((v) => claimOf(v) === name);
const usesAnyClaim = (p: Pod): boolean => (p.spec.volumes ?? []).some((v) => claimOf(v) !== undefined);
