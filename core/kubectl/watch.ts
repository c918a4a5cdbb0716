// `kubectl get -w`: the current objects, then one more print for every change the watch
// delivers (ADDED, MODIFIED and DELETED alike, even when no cell changed). After get.go
// watch(): the initial list and each event are flushed through one tabwriter that remembers
// column widths, so the header prints once and later rows stay aligned under it.
import type { KObject } from '../api/types.ts';
import { customColumnRow, parseCustomColumns } from './columns.ts';
import { kindName, tableLayout, type TableOptions } from './get.ts';
import { toGoJSON } from './gojson.ts';
import { toGoYAML } from './goyaml.ts';
import { execute, parseTemplate } from './jsonpath.ts';
import { renderTable } from './table.ts';

export interface WatchOptions extends TableOptions {
  kind: string;
  output?: string;
}

type Render = (objects: KObject[], now: number) => string;

/** How one flush of objects prints, or the parse error of -o. */
function renderer(opts: WatchOptions): Render | Error {
  const remembered: number[] = [];
  let printed = 0;
  // Headers print with the first row, whenever that comes.
  const withHeader = (header: string[], rows: string[][]): string[][] => (opts.noHeaders || printed++ > 0 ? rows : [header, ...rows]);
  const output = opts.output ?? '';
  const eq = output.indexOf('=');
  const [format, arg] = eq < 0 ? [output, ''] : [output.slice(0, eq), output.slice(eq + 1)];
  switch (format) {
    case '':
    case 'wide':
      return (objects, now) => {
        const layout = tableLayout(opts.kind, { ...opts, now, wide: format === 'wide' });
        return renderTable(withHeader(layout.header, objects.map(layout.row)), remembered);
      };
    case 'name':
      return (objects) => objects.map((o) => `${kindName(o.kind)}/${o.metadata.name}\n`).join('');
    case 'json':
      return (objects) => objects.map(toGoJSON).join('');
    case 'yaml':
      // The YAML printer separates documents after the first with ---.
      return (objects) => objects.map((o) => (printed++ > 0 ? '---\n' : '') + toGoYAML(o)).join('');
    case 'jsonpath': {
      try {
        const template = parseTemplate(arg);
        return (objects) => objects.map((o) => execute(template, o)).join('');
      } catch (e) {
        return new Error(`error parsing jsonpath ${arg}, ${(e as Error).message}`);
      }
    }
    case 'custom-columns': {
      const columns = parseCustomColumns(arg);
      if (columns instanceof Error) return columns;
      return (objects) => renderTable(withHeader(columns.map((c) => c.header), objects.map((o) => customColumnRow(o, columns))), remembered);
    }
  }
  return new Error(`unable to match a printer suitable for the output format "${output}"`);
}

/** Where a watch's events come from: the API server's watch, and the clock at each event. */
export interface WatchSource {
  subscribe(fn: (o: KObject) => void): () => void;
  now(): number;
}

export class GetWatch {
  private pending = '';
  private constructor(private readonly stopWatch: () => void) {}

  /** Starts watching; returns the watch and what it prints at once, or the -o error. */
  static start(opts: WatchOptions, initial: KObject[], source: WatchSource, accept: (o: KObject) => boolean): { watch: GetWatch; stdout: string } | Error {
    const render = renderer(opts);
    if (render instanceof Error) return render;
    const stdout = initial.length ? render(initial, source.now()) : '';
    let watch: GetWatch | undefined = undefined;
    const stop = source.subscribe((o) => {
      if (watch && accept(o)) watch.pending += render([o], source.now());
    });
    watch = new GetWatch(stop);
    return { watch, stdout };
  }

  /** What the watch printed since the last call. */
  take(): string {
    const out = this.pending;
    this.pending = '';
    return out;
  }

  stop(): void {
    this.stopWatch();
  }
}
