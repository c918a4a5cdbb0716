// A re-implementation of Go's text/tabwriter column algorithm (the one kubectl's tables and
// `kubectl describe` run their text through). Cells are tab-terminated; the text after a
// line's last tab is not aligned. Adjacent lines that share a column form a "column block"
// whose width is the widest cell in it plus padding (at least minwidth), so a line with
// fewer cells ends the blocks to its right — this is why describe output aligns per section.

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
  /** Widths kept across calls by column index; a column never gets narrower (liggitt/tabwriter's RememberWidths). */
  remembered?: number[];
}

interface Cell {
  text: string;
  width: number;
}

/** Go counts runes, not UTF-16 code units. */
const runeWidth = (s: string): number => [...s].length;

export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines: Cell[][] = text.split('\n').map((line) => line.split('\t').map((t) => ({ text: t, width: runeWidth(t) })));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        const w = widths[j];
        if (j < line.length - 1 && w !== undefined) s += ' '.repeat(w - c.width);
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      // A cell exists in this column: print the lines above, then size the block.
      writeLines(line0, t);
      line0 = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const line = lines[t]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + opts.padding);
      }
      const kept = opts.remembered;
      if (kept) kept[column] = width = Math.max(width, kept[column] ?? 0);
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
