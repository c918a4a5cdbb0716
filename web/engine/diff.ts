// Snapshots as differences: within one Simulation a resourceVersion changes whenever its object
// does, so only objects with a new resourceVersion cross the worker boundary. After a rebuild
// (rewind, restore) versions repeat with different content, so the worker sends a whole snapshot.
import { objectKey, type Snapshot, type SnapshotPatch } from '../../core/protocol.ts';

export class SnapshotDiffer {
  private versions = new Map<string, string>();
  private last: { time: number; revision: number; errors: unknown } | null = null;

  reset(s: Snapshot): void {
    this.versions = new Map(s.objects.map((o) => [objectKey(o), o.metadata.resourceVersion ?? '']));
    this.last = { time: s.time, revision: s.revision, errors: s.errors };
  }

  /** The patch from the previous snapshot to `s`, or null when nothing at all changed. */
  diff(s: Snapshot): SnapshotPatch | null {
    if (this.last && this.last.time === s.time && this.last.revision === s.revision && this.last.errors === s.errors) return null;
    const { objects, ...rest } = s;
    const next = new Map<string, string>();
    const upsert = [];
    for (const o of objects) {
      const key = objectKey(o);
      const rv = o.metadata.resourceVersion ?? '';
      next.set(key, rv);
      if (!rv || this.versions.get(key) !== rv) upsert.push(o);
    }
    const remove = [...this.versions.keys()].filter((k) => !next.has(k));
    this.versions = next;
    this.last = { time: s.time, revision: s.revision, errors: s.errors };
    return { ...rest, upsert, remove };
  }
}
