// Reads a workspace file into Kubernetes objects, remembering where each object and
// each field came from (file, line, column) so every error can point at the text.

import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, type Node as YNode } from 'yaml';
import type { KObject } from '../api/types.ts';
import type { ManifestError } from '../protocol.ts';

/** Limits that protect the page; each is explained to the user when hit. */
export const LIMITS = {
  fileBytes: 5 * 1024 * 1024,
  documentsPerFile: 5000,
  aliasCount: 100,
};

export interface Position { line: number; col: number }

export interface ParsedObject {
  object: KObject;
  file: string;
  /** Position of the document start and of each field, keyed by path like `spec.containers[0].image`. */
  pos: Map<string, Position>;
  start: Position;
  endLine: number;
}

export interface ParseResult {
  objects: ParsedObject[];
  errors: ManifestError[];
}

const err = (file: string, p: Position, message: string, severity: 'error' | 'warning' = 'error'): ManifestError => ({
  file, line: p.line, col: p.col, message, severity,
});

export function parseManifestFile(file: string, text: string): ParseResult {
  const out: ParseResult = { objects: [], errors: [] };
  if (text.length > LIMITS.fileBytes) {
    out.errors.push(err(file, { line: 1, col: 1 }, `file is ${(text.length / 1048576).toFixed(1)} MB; the playground reads files up to ${LIMITS.fileBytes / 1048576} MB`));
    return out;
  }
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const at = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, col: p.col };
  };
  if (list.length > LIMITS.documentsPerFile) {
    out.errors.push(err(file, { line: 1, col: 1 }, `${list.length} YAML documents in one file; the playground reads up to ${LIMITS.documentsPerFile}`));
    return out;
  }
  for (const doc of list) {
    if (doc.errors.length) {
      // A key spilling onto the next line is reported where it spills (the line the user
      // broke), and then the companion "block as implicit key" error adds nothing.
      const multiline = doc.errors.some((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
      for (const e of doc.errors) {
        if (multiline && e.code === 'BLOCK_AS_IMPLICIT_KEY') continue;
        out.errors.push(err(file, at(e.code === 'MULTILINE_IMPLICIT_KEY' ? e.pos[1] : e.pos[0]), yamlMessage(e.message)));
      }
      continue;
    }
    for (const w of doc.warnings) out.errors.push(err(file, at(w.pos[0]), yamlMessage(w.message), 'warning'));
    if (doc.contents === null) continue; // an empty document between `---` lines
    const start = at(doc.contents.range?.[0] ?? 0);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: LIMITS.aliasCount });
    } catch (e) {
      out.errors.push(err(file, start, e instanceof Error ? yamlMessage(e.message) : 'cannot read this document'));
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.errors.push(err(file, start, 'expected a Kubernetes object (a mapping with apiVersion, kind and metadata)'));
      continue;
    }
    const pos = new Map<string, Position>();
    collectPositions(doc.contents, '', pos, at);
    const endLine = at(Math.max(0, (doc.contents.range?.[1] ?? 1) - 1)).line;
    const obj = value as Record<string, unknown>;
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => {
        const p = sub(pos, `items[${i}]`);
        out.objects.push({ object: item as KObject, file, pos: p, start: p.get('') ?? start, endLine });
      });
      continue;
    }
    out.objects.push({ object: obj as KObject, file, pos, start, endLine });
  }
  return out;
}

function yamlMessage(m: string): string {
  // The yaml package appends " at line X, column Y" and a code frame; we report the position separately.
  return m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function collectPositions(node: YNode | null | undefined, path: string, pos: Map<string, Position>, at: (o: number) => Position, depth = 0): void {
  if (!node || depth > 64) return;
  // A key's position wins over its value's: errors point at the field name.
  if (node.range && !pos.has(path)) pos.set(path, at(node.range[0]));
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : '';
      const p = path ? `${path}.${key}` : key;
      const keyNode = item.key as YNode | null;
      if (keyNode?.range) pos.set(p, at(keyNode.range[0]));
      if (item.value && (isMap(item.value) || isSeq(item.value))) collectPositions(item.value as YNode, p, pos, at, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const p = `${path}[${i}]`;
      collectPositions(item as YNode, p, pos, at, depth + 1);
    });
  }
}

function sub(pos: Map<string, Position>, prefix: string): Map<string, Position> {
  const out = new Map<string, Position>();
  for (const [k, v] of pos) {
    if (k === prefix) out.set('', v);
    else if (k.startsWith(prefix + '.')) out.set(k.slice(prefix.length + 1), v);
  }
  return out;
}

/** The closest known position for a field path: falls back to parents, then the document. */
export function positionOf(p: ParsedObject, path: string): Position {
  let q = path;
  for (;;) {
    const hit = p.pos.get(q);
    if (hit) return hit;
    if (!q) return p.start;
    const cut = Math.max(q.lastIndexOf('.'), q.lastIndexOf('['));
    q = cut > 0 ? q.slice(0, cut) : '';
  }
}
