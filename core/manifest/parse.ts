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
  /** Collections inside collections; deeper ones overflow the parser's stack (near 800 in V8). */
  depth: 256,
};

const TOO_DEEP = `nested more than ${LIMITS.depth} levels deep; the playground reads manifests nested up to ${LIMITS.depth} levels`;

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

/** Rounded up, so a size just over a limit never reads as equal to it ("10.1 MB", not "10.0 MB"). */
export const megabytes = (n: number): string => `${Math.ceil((n / 1048576) * 10) / 10} MB`;

const err = (file: string, p: Position, message: string, severity: 'error' | 'warning' = 'error'): ManifestError => ({
  file, line: p.line, col: p.col, message, severity,
});

/** A document's parse, as found at `line` (0-based) of its file; `docs` counts YAML documents. */
interface Piece {
  line: number;
  docs: number;
  result: ParseResult;
}

/**
 * The documents of each file as last parsed, by their text. Typing changes one document of a
 * file that may hold hundreds: the others are not parsed again (a parse is a pure function of the
 * text, and what it returns is frozen, so handing it out twice is safe). Bounded by the text it
 * stands for: files read least recently go first, and a file bigger than the bound is not kept.
 */
const lastParsed = new Map<string, { pieces: Map<string, Piece>; bytes: number }>();
const CACHE_BYTES = 2 * 1024 * 1024;
let cachedBytes = 0;

function remember(file: string, pieces: Map<string, Piece>, bytes: number): void {
  forget(file);
  if (bytes > CACHE_BYTES) return;
  for (const oldest of lastParsed.keys()) {
    if (cachedBytes + bytes <= CACHE_BYTES) break;
    forget(oldest);
  }
  lastParsed.set(file, { pieces, bytes });
  cachedBytes += bytes;
}

function forget(file: string): void {
  cachedBytes -= lastParsed.get(file)?.bytes ?? 0;
  lastParsed.delete(file);
}

/** Lines that start a document: `---` at the start of a line, then a space, a tab or the line's end. */
const DOC_START = /^---(?=[ \t\r\n]|$)/gm;

export function parseManifestFile(file: string, text: string): ParseResult {
  if (text.length > LIMITS.fileBytes) return parseDocuments(file, text);
  // A directive (%YAML, %TAG) applies to the document after it: such a file is read whole.
  if (/^%/m.test(text)) return parseDocuments(file, text);
  const starts = [0];
  for (const m of text.matchAll(DOC_START)) if (m.index) starts.push(m.index);
  if (starts.length > LIMITS.documentsPerFile) return parseDocuments(file, text);
  const before = lastParsed.get(file)?.pieces;
  const now = new Map<string, Piece>();
  const out: ParseResult = { objects: [], errors: [] };
  let line = 0;
  let docs = 0;
  for (let i = 0; i < starts.length; i++) {
    const piece = text.slice(starts[i], starts[i + 1]);
    let p = now.get(piece) ?? before?.get(piece);
    if (!p) {
      const result = parseDocuments(file, piece);
      p = { line: 0, docs: result.docs, result: deepFreeze({ objects: result.objects, errors: result.errors }) };
    }
    // A document that does not parse alone may belong with its neighbours (a quote or a bracket
    // left open across a `---` line): then the file is parsed whole, and says so where it does.
    if (p.result.errors.some((e) => e.severity === 'error')) return parseDocuments(file, text);
    if (p.line !== line) p = { line, docs: p.docs, result: deepFreeze(shift(p.result, line - p.line)) };
    now.set(piece, p);
    out.objects.push(...p.result.objects);
    out.errors.push(...p.result.errors);
    docs += p.docs;
    line += lineCount(piece);
  }
  if (docs > LIMITS.documentsPerFile) return parseDocuments(file, text);
  remember(file, now, text.length);
  return out;
}

const lineCount = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** The same documents `by` lines further down. */
function shift(r: ParseResult, by: number): ParseResult {
  const move = (p: Position): Position => ({ line: p.line + by, col: p.col });
  return {
    objects: r.objects.map((o) => ({ ...o, start: move(o.start), endLine: o.endLine + by, pos: new Map([...o.pos].map(([k, v]) => [k, move(v)])) })),
    errors: r.errors.map((e) => ({ ...e, line: e.line + by })),
  };
}

function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v) || v instanceof Map) return v;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
  return v;
}

/** Every document of `text` at once (the file whole, or one document of it). */
export function parseDocuments(file: string, text: string): ParseResult & { docs: number } {
  const out: ParseResult & { docs: number } = { objects: [], errors: [], docs: 0 };
  if (text.length > LIMITS.fileBytes) {
    out.errors.push(err(file, { line: 1, col: 1 }, `file is ${megabytes(text.length)}; the playground reads files up to ${megabytes(LIMITS.fileBytes)}`));
    return out;
  }
  // Counted before parsing (a `---` at the start of a line always starts a document), so an
  // oversized file is refused at once rather than after seconds of parsing it.
  const markers = text.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  const documents = markers + (/^(?:\s|#[^\n]*)*$/.test(text.slice(0, text.search(/^---(?=[ \t\r\n]|$)/m) >>> 0)) ? 0 : 1);
  if (documents > LIMITS.documentsPerFile) {
    out.errors.push(err(file, { line: 1, col: 1 }, `${documents} YAML documents in one file; the playground reads up to ${LIMITS.documentsPerFile}`));
    return out;
  }
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const list = Array.isArray(docs) ? docs : [docs];
  out.docs = list.length;
  const at = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, col: p.col };
  };
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
    const bad = refused(doc.contents);
    if (bad) {
      out.errors.push(err(file, at(bad.node.range?.[0] ?? 0), bad.message));
      continue;
    }
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
  // The parser itself recurses per level: past the depth limit it runs out of stack.
  if (/call stack/i.test(m)) return TOO_DEEP;
  // The yaml package appends " at line X, column Y" and a code frame; we report the position separately.
  return m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

const PROTO = 'the key "__proto__" is not supported: in JavaScript it names an object\'s prototype, so the playground cannot keep it as a field';

/**
 * What the playground refuses to read, found without recursion: a collection nested deeper than
 * the limit, or a `__proto__` key (copied as an ordinary key it would change an object's
 * prototype, and fields inherited that way once bound a pod to a node the scheduler never chose).
 */
function refused(root: YNode): { node: YNode; message: string } | undefined {
  const stack: [YNode, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > LIMITS.depth) return { node, message: TOO_DEEP };
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === '__proto__') return { node: item.key, message: PROTO };
    }
    // Pushed last to first, so the first problem in the text is the one reported.
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i];
      const child = (isPair(item) ? item.value : item) as YNode | null;
      if (child) stack.push([child, depth + 1]);
    }
  }
  return undefined;
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
