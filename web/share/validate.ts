// The one gate for every workspace that comes from outside (share link, embed option, zip, YAML,
// postMessage): clean relative paths, no duplicates, text only, counted and sized. What passes
// is plain data — nothing in it is ever run or rendered as HTML.
import type { WorkspaceFile } from '../../core/protocol.ts';
import { cleanPath } from '../files/tree.ts';
import { refuse, type Refusal } from './refusals.ts';

export const LIMITS = {
  files: 300,
  /** The whole workspace, in UTF-8 bytes (the engine accepts 10 MB; links and embeds need less). */
  bytes: 5 * 1024 * 1024,
  fileBytes: 2 * 1024 * 1024,
} as const;

/** A refusal says why in English (`error`) and, when it is one of ours, by key (`refusal`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string; refusal?: Refusal };

// C0 controls other than tab/newline/CR, and DEL: a sign of a binary file, never of a manifest.
const BINARY = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

export function checkFiles(input: unknown): Checked<WorkspaceFile[]> {
  if (!Array.isArray(input)) return refuse('noFileList');
  if (input.length === 0) return refuse('noFiles');
  if (input.length > LIMITS.files) return refuse('tooManyFiles', { files: input.length, max: LIMITS.files });
  const files: WorkspaceFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const f of input) {
    const raw = f as { path?: unknown; content?: unknown } | null;
    if (typeof raw?.path !== 'string' || typeof raw.content !== 'string') return refuse('notPathText');
    const clean = cleanPath(raw.path);
    // The message names the path as text; the caller renders it as text too.
    if ('error' in clean) return refuse('badName', { name: raw.path.slice(0, 80), why: clean.error });
    const path = clean.path;
    if (seen.has(path)) return refuse('duplicate', { path });
    // UTF-8 never takes fewer bytes than UTF-16 code units: a cheap first check for huge strings.
    if (raw.content.length > LIMITS.fileBytes) return refuse('fileTooLarge', { path, max: kb(LIMITS.fileBytes) });
    if (BINARY.test(raw.content)) return refuse('notText', { path });
    const size = utf8Length(raw.content);
    if (size > LIMITS.fileBytes) return refuse('fileTooLargeSized', { path, size: kb(size), max: kb(LIMITS.fileBytes) });
    total += size;
    if (total > LIMITS.bytes) return refuse('workspaceTooLarge', { max: kb(LIMITS.bytes) });
    seen.add(path);
    files.push({ path, content: raw.content });
  }
  // A path cannot be both a file and a folder (a.yaml and a.yaml/b.yaml).
  const clash = files.find((f) => seen.has(f.path.slice(0, f.path.lastIndexOf('/'))));
  if (clash) return refuse('insideFile', { path: clash.path });
  return { ok: true, value: files };
}

/** Bytes to text, refusing anything that is not UTF-8; `name` is the file's (none: a link). */
export function decodeText(bytes: Uint8Array, name?: string): Checked<string> {
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return name === undefined ? refuse('linkNotUtf8') : refuse('notUtf8', { name });
  }
}

export const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);
