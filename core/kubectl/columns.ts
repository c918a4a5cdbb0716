// `-o custom-columns=HEADER:.path,...`, after cli-runtime's CustomColumnsPrinter: headers as
// written, each cell every match of its JSONPath joined by "," (Go's %v), `<none>` for none.
import type { KObject } from '../api/types.ts';
import { evalPath, parseTemplate, relaxedPath, type TemplateNode } from './jsonpath.ts';
import { renderTable } from './table.ts';

export interface CustomColumn {
  header: string;
  path: TemplateNode[];
}

export function parseCustomColumns(spec: string): CustomColumn[] | Error {
  if (!spec) return new Error('custom-columns format specified but no custom columns given');
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const path = relaxedPath(part.slice(colon + 1));
    if (path instanceof Error) return path;
    try {
      columns.push({ header: part.slice(0, colon), path: parseTemplate(path) });
    } catch (e) {
      return e as Error;
    }
  }
  return columns;
}

/** Go's fmt %v of an unstructured value: map[k:v], [a b], <nil>. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

function cell(o: KObject, col: CustomColumn): string {
  const node = col.path[0];
  const values = node?.t === 'path' ? evalPath([o], node.segs) : [];
  return values.length ? values.map(goValue).join(',') : '<none>';
}

export const customColumnRow = (o: KObject, columns: CustomColumn[]): string[] => columns.map((c) => cell(o, c));

export function printCustomColumns(objects: KObject[], columns: CustomColumn[], noHeaders: boolean): string {
  const lines = objects.map((o) => customColumnRow(o, columns));
  return renderTable(noHeaders ? lines : [columns.map((c) => c.header), ...lines]);
}
