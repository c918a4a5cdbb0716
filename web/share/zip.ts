// The workspace as a zip of its files. Unzipping checks what the archive claims before
// inflating (count, sizes) and inflates into buffers of the claimed size, so a zip bomb stops
// at the limits; then every file goes through the same gate as a share link.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { WorkspaceFile } from '../../core/protocol.ts';
import { LIMITS, checkFiles, decodeText, kb, type Checked } from './validate.ts';
import { refuse } from './refusals.ts';

export function toZip(files: WorkspaceFile[]): Uint8Array {
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [new TextEncoder().encode(f.content), { level: 6 }];
  return zipSync(tree);
}

export function fromZip(bytes: Uint8Array): Checked<WorkspaceFile[]> {
  let total = 0;
  let count = 0;
  let refused: ReturnType<typeof refuse> | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('/')) return false; // folder entries: folders exist through files
        total += f.originalSize;
        count++;
        if (count > LIMITS.files) refused ??= refuse('zipTooMany', { max: LIMITS.files });
        if (f.originalSize > LIMITS.fileBytes || total > LIMITS.bytes) refused ??= refuse('zipTooLarge', { max: kb(LIMITS.bytes) });
        return !refused;
      },
    });
  } catch {
    return refuse('notZip');
  }
  if (refused) return refused;
  const files: WorkspaceFile[] = [];
  for (const [name, data] of Object.entries(entries)) {
    const text = decodeText(data, name);
    if (!text.ok) return text;
    files.push({ path: name, content: text.value });
  }
  return checkFiles(files);
}
