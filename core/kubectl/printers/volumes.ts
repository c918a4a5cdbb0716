// `kubectl get pv` and `pvc` rows, after upstream printPersistentVolume and
// printPersistentVolumeClaim (helper.GetAccessModesAsString, GetPersistentVolume(Claim)Class).
import type { KObject } from '../../api/types.ts';
import { since } from '../duration.ts';
import { formatQuantity, parseQuantity } from '../quantityFormat.ts';
import type { Printer, RowContext } from '../table.ts';

interface VolumeSpec {
  capacity?: Record<string, string>;
  accessModes?: string[];
  persistentVolumeReclaimPolicy?: string;
  claimRef?: { namespace?: string; name?: string };
  storageClassName?: string;
  volumeAttributesClassName?: string;
  volumeMode?: string;
  volumeName?: string;
  resources?: { requests?: Record<string, string> };
}
interface VolumeStatus { phase?: string; reason?: string; accessModes?: string[]; capacity?: Record<string, string> }
type Volume = KObject & { spec?: VolumeSpec; status?: VolumeStatus };

const MODES: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];

/** Fixed order, whatever order the object lists them in. */
const accessModes = (modes: string[] | undefined): string =>
  MODES.filter(([m]) => modes?.includes(m)).map(([, short]) => short).join(',');

/** The beta annotation still wins over spec.storageClassName. */
const storageClass = (v: Volume): string =>
  v.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? v.spec?.storageClassName ?? '';

const phase = (v: Volume): string => (v.metadata.deletionTimestamp ? 'Terminating' : v.status?.phase ?? '');
const storage = (list: Record<string, string> | undefined): string => formatQuantity(parseQuantity(list?.['storage']));

export const persistentVolumePrinter: Printer<Volume> = {
  columns: [
    { name: 'Name' }, { name: 'Capacity' }, { name: 'Access Modes' }, { name: 'Reclaim Policy' }, { name: 'Status' },
    { name: 'Claim' }, { name: 'StorageClass' }, { name: 'VolumeAttributesClass' }, { name: 'Reason' }, { name: 'Age' },
    { name: 'VolumeMode', wide: true },
  ],
  cells(pv: Volume, ctx: RowContext): string[] {
    const s = pv.spec ?? {};
    const claim = s.claimRef ? `${s.claimRef.namespace ?? ''}/${s.claimRef.name ?? ''}` : '';
    return [
      pv.metadata.name, storage(s.capacity), accessModes(s.accessModes), s.persistentVolumeReclaimPolicy ?? '', phase(pv), claim,
      storageClass(pv), s.volumeAttributesClassName ?? '<unset>', pv.status?.reason ?? '', since(pv.metadata.creationTimestamp, ctx.now),
      s.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: Printer<Volume> = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Volume' }, { name: 'Capacity' }, { name: 'Access Modes' },
    { name: 'StorageClass' }, { name: 'VolumeAttributesClass' }, { name: 'Age' }, { name: 'VolumeMode', wide: true },
  ],
  cells(pvc: Volume, ctx: RowContext): string[] {
    const s = pvc.spec ?? {};
    // Capacity and access modes are shown only once the claim is bound to a volume.
    const bound = Boolean(s.volumeName);
    return [
      pvc.metadata.name, phase(pvc), s.volumeName ?? '', bound ? storage(pvc.status?.capacity) : '',
      bound ? accessModes(pvc.status?.accessModes) : '', storageClass(pvc), s.volumeAttributesClassName ?? '<unset>',
      since(pvc.metadata.creationTimestamp, ctx.now), s.volumeMode ?? '<unset>',
    ];
  },
};
