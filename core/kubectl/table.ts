// kubectl's human-readable table: cells joined by tabs and aligned by cli-runtime's
// tabwriter (minwidth 6, tabwidth 4, padding 3, padchar ' ').
import { tabwrite } from './tabwriter.ts';

export interface Column {
  /** As in the upstream column definition, e.g. "Nominated Node"; printed upper-cased. */
  name: string;
  /** Priority-1 columns appear only with -o wide. */
  wide?: boolean;
}

export interface RowContext {
  now: number;
}

/**
 * One kind's `kubectl get` printer: its columns and the cells of one object's row. The
 * API server always generates the wide row (GenerateOptions{Wide: true}); kubectl hides
 * the priority-1 columns unless -o wide, so cells() returns every column.
 */
export interface Printer<T> {
  columns: Column[];
  cells(obj: T, ctx: RowContext): string[];
}

/** The tableprinter cuts a cell at its first newline/CR/FF and appends "...". */
export function cellText(s: string): string {
  const i = s.search(/[\n\r\f]/);
  return i < 0 ? s : s.slice(0, i) + '...';
}

/**
 * Lines of cells through the tabwriter. `remembered` carries column widths from one flush
 * to the next (cli-runtime's RememberWidths), so a watch's later rows line up with its
 * header; it is updated in place.
 */
export function renderTable(lines: string[][], remembered?: number[]): string {
  const text = lines.map((cells) => cells.map(cellText).join('\t') + '\n').join('');
  return tabwrite(text, { minwidth: 6, padding: 3, remembered });
}
