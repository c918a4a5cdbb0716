// Rows of the small core/v1 kinds, after upstream printNamespace, printConfigMap,
// printSecret and printServiceAccount.
import type { KObject } from '../../api/types.ts';
import { since } from '../duration.ts';
import type { Printer, RowContext } from '../table.ts';

type Fields = KObject & Record<string, unknown>;
const size = (v: unknown): number => (v && typeof v === 'object' ? Object.keys(v).length : 0);
const age = (o: KObject, ctx: RowContext): string => since(o.metadata.creationTimestamp, ctx.now);

export const namespacePrinter: Printer<KObject> = {
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
  cells: (ns, ctx) => [ns.metadata.name, String((ns.status as { phase?: string } | undefined)?.phase ?? ''), age(ns, ctx)],
};

export const configMapPrinter: Printer<KObject> = {
  columns: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
  cells: (cm, ctx) => [cm.metadata.name, String(size((cm as Fields)['data']) + size((cm as Fields)['binaryData'])), age(cm, ctx)],
};

export const secretPrinter: Printer<KObject> = {
  columns: [{ name: 'Name' }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }],
  cells(s, ctx) {
    const f = s as Fields;
    // The API server defaults type to Opaque and merges stringData into data.
    const keys = new Set([...Object.keys((f['data'] as object | undefined) ?? {}), ...Object.keys((f['stringData'] as object | undefined) ?? {})]);
    return [s.metadata.name, String(f['type'] || 'Opaque'), String(keys.size), age(s, ctx)];
  },
};

export const serviceAccountPrinter: Printer<KObject> = {
  columns: [{ name: 'Name' }, { name: 'Secrets' }, { name: 'Age' }],
  cells: (sa, ctx) => [sa.metadata.name, String(((sa as Fields)['secrets'] as unknown[] | undefined)?.length ?? 0), age(sa, ctx)],
};
