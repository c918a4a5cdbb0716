// VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): a pod whose claims are missing,
// being deleted, lost or not yet bound waits in the scheduler, not on a node. Claims are bound by
// the PV controller (core/controllers/persistentvolume.ts); nothing provisions volumes here.
import type { KObject, Pod } from '../../api/types.ts';
import type { CycleState, FilterPlugin } from '../types.ts';
import { skip, success, unresolvable } from '../types.ts';
import { volumeFits, volumeReachable, type Claim, type Volume } from '../../controllers/persistentvolume.ts';

const claimNames = (pod: Pod): string[] =>
  (pod.spec.volumes ?? []).flatMap((v) => {
    const claim = (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName;
    return claim ? [claim] : [];
  });

/** IsDelayBindingMode: the claim's StorageClass binds at the first consumer (no class, or an unknown one: immediate). */
function delayed(state: CycleState, claim: Claim): boolean {
  const cls = claim.spec?.storageClassName;
  const sc = cls ? state.store.get<KObject & { volumeBindingMode?: string }>('StorageClass', undefined, cls) : undefined;
  return sc?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** ErrReasonBindConflict: no PV this node reaches, and nothing to provision one (no provisioner runs here). */
const NO_VOLUMES = unresolvable("node(s) didn't find available persistent volumes to bind");
const WAITING = 'VolumeBinding.waitForFirstConsumer';

export const volumeBinding: FilterPlugin = {
  name: 'VolumeBinding',
  // podHasPVCs, then GetPodVolumeClaims: the lister's error texts, and unbound immediate claims.
  preFilter(pod, state) {
    const names = claimNames(pod);
    if (!names.length) return skip;
    let immediate = false;
    const wait: Claim[] = [];
    for (const name of names) {
      const claim = state.store.get<Claim>('PersistentVolumeClaim', pod.metadata.namespace, name);
      if (!claim) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      if (claim.status?.phase === 'Lost') return unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`);
      if (claim.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
      if (claim.status?.phase === 'Bound') continue;
      if (delayed(state, claim)) wait.push(claim);
      else immediate = true;
    }
    if (immediate) return unresolvable('pod has unbound immediate PersistentVolumeClaims');
    state.data.set(WAITING, wait);
    return undefined;
  },
  // FindPodVolumes: each claim waiting for its first consumer needs a PV this node can reach.
  filter(_pod, ni, state) {
    const wait = (state.data.get(WAITING) ?? []) as Claim[];
    if (!wait.length) return success;
    const pvs = state.store.list<Volume>('PersistentVolume');
    const ok = wait.every((c) => pvs.some((pv) => volumeFits(pv, c) && volumeReachable(pv, ni.node)));
    return ok ? success : NO_VOLUMES;
  },
};
