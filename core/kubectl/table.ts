// kubectl's human-readable table: upper-cased headers, cells joined by tabs and aligned by
// cli-runtime's tabwriter (minwidth 6, tabwidth 4, padding 3, padchar ' ').
import { tabwrite } from './tabwriter.ts';

export interface Column {
  /** As in the upstream column definition, e.g. "Nominated Node"; printed upper-cased. */
  name: string;
  /** Priority-1 columns appear only with -o wide. */
  wide?: boolean;
}

export interface RowContext {
  wide: boolean;
  now: number;
}

/** One kind's `kubectl get` printer: its columns and the cells of one object's row. */
export interface Printer<T> {
  columns: Column[];
  cells(obj: T, ctx: RowContext): string[];
}

/** The tableprinter cuts a cell at its first newline/CR/FF and appends "...". */
export function cellText(s: string): string {
  const i = s.search(/[\n\r\f]/);
  return i < 0 ? s : s.slice(0, i) + '...';
}

export function renderTable(header: string[], rows: string[][]): string {
  const lines = [header.map((h) => h.toUpperCase()), ...rows.map((r) => r.map(cellText))];
  return tabwrite(lines.map((cells) => cells.join('\t') + '\n').join(''), { minwidth: 6, padding: 3 });
}
