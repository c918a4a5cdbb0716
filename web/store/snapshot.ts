// Applying the worker's snapshot patches. Objects stay sorted by objectKey (as the engine
// sends them), so a patch merges in one pass; unchanged objects keep their identity, which lets
// memoised selectors skip them.
import { objectKey, type Snapshot, type SnapshotPatch } from '../../core/protocol.ts';

export function applyPatch(prev: Snapshot, patch: SnapshotPatch): Snapshot {
  const { upsert, remove, ...rest } = patch;
  const gone = new Set(remove);
  const adds = [...upsert].sort((a, b) => cmp(objectKey(a), objectKey(b)));
  const objects = [];
  let i = 0;
  for (const o of prev.objects) {
    const key = objectKey(o);
    while (i < adds.length && cmp(objectKey(adds[i]!), key) < 0) objects.push(adds[i++]!);
    if (i < adds.length && objectKey(adds[i]!) === key) objects.push(adds[i++]!);
    else if (!gone.has(key)) objects.push(o);
  }
  while (i < adds.length) objects.push(adds[i++]!);
  return { ...rest, objects };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
