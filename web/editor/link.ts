// Editor → graph: which object does a line of a manifest belong to? The innermost source range
// (snapshot.sources) that holds the line, so a cursor anywhere in a document selects it.
import { objectKey, type Snapshot, type SourceRef } from '../../core/protocol.ts';

export function objectAt(sources: Record<string, SourceRef> | undefined, file: string, line: number): string | undefined {
  let best: string | undefined;
  let span = Infinity;
  for (const [key, s] of Object.entries(sources ?? {})) {
    if (s.file !== file || line < s.line || line > s.endLine) continue;
    if (s.endLine - s.line < span) {
      span = s.endLine - s.line;
      best = key;
    }
  }
  return best;
}

/**
 * The object a source key names. A manifest without `namespace:` is keyed as written
 * (`Pod//db`); the object itself lives in `default` (or is cluster-scoped).
 */
export function resolveKey(snapshot: Pick<Snapshot, 'objects'>, key: string | undefined): string | undefined {
  const m = key && /^([^/]+)\/\/(.+)$/.exec(key);
  if (!m) return key;
  const [, kind, name] = m;
  const found = snapshot.objects.filter((o) => o.kind === kind && o.metadata.name === name);
  const obj = found.find((o) => (o.metadata.namespace ?? '') === 'default') ?? found.find((o) => !o.metadata.namespace);
  return obj ? objectKey(obj) : key;
}
