// Fallback for kinds without a dedicated printer: the server's default table (NAME, AGE).
import type { KObject } from '../../api/types.ts';
import { since } from '../duration.ts';
import type { Printer, RowContext } from '../table.ts';

export const genericPrinter: Printer<KObject> = {
  columns: [{ name: 'Name' }, { name: 'Age' }],
  cells: (o: KObject, ctx: RowContext): string[] => [o.metadata.name, since(o.metadata.creationTimestamp, ctx.now)],
};
