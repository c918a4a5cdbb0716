// `kubectl get` output: tables (default, -o wide, --show-labels, -L, --no-headers, -A),
// -o name / yaml / json / jsonpath / custom-columns, and --sort-by, after upstream
// kubectl/pkg/cmd/get/get.go and cli-runtime's printers.
import type { KObject } from '../api/types.ts';
import { resourceForKind } from '../api/resources.ts';
import { parseCustomColumns, printCustomColumns } from './columns.ts';
import { toGoJSON } from './gojson.ts';
import { toGoYAML } from './goyaml.ts';
import { execute, parseTemplate } from './jsonpath.ts';
import { byteCompare, formatLabels } from './labelFormat.ts';
import { printerFor } from './printers/index.ts';
import { sortObjects } from './sort.ts';
import { renderTable } from './table.ts';

export interface TableOptions {
  /** Current (simulated) time, epoch ms. */
  now: number;
  wide?: boolean;
  allNamespaces?: boolean;
  /** Prefix names with kind/ (kubectl does so when several kinds are printed together). */
  showKind?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  /** -L keys, each a column of its own. */
  labelColumns?: string[];
}

export interface GetOptions extends TableOptions {
  /** The requested kind, for "No resources found" when nothing matched. */
  kind: string;
  /** The raw -o value: '', wide, name, yaml, json, jsonpath=..., custom-columns=... */
  output?: string;
  /** The namespace named in "No resources found in X namespace."; default "default". */
  namespace?: string;
  sortBy?: string;
  /** One object was asked for by name: yaml, json and jsonpath print it bare, not in a List. */
  single?: boolean;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  /** Set when the output could not be produced at all (a bad -o or --sort-by). */
  error?: boolean;
}

/** The API server lists by storage key: namespace, then name, in byte order. */
export function sortLikeAPIServer<T extends KObject>(objects: T[]): T[] {
  return [...objects].sort(
    (a, b) => byteCompare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byteCompare(a.metadata.name, b.metadata.name),
  );
}

/** "pod", "deployment.apps": the lower-cased GroupKind kubectl prints before a name. */
export function kindName(kind: string): string {
  const group = resourceForKind(kind).group;
  return (group ? `${kind}.${group}` : kind).toLowerCase();
}

export interface TableLayout {
  header: string[];
  row(o: KObject): string[];
}

/** One kind's columns after -o wide, -A, -L and --show-labels, in cli-runtime's order. */
export function tableLayout(kind: string, opts: TableOptions): TableLayout {
  const printer = printerFor(kind);
  const visible = printer.columns.flatMap((c, i) => (opts.wide || !c.wide ? [i] : []));
  const withNamespace = (opts.allNamespaces ?? false) && resourceForKind(kind).namespaced;
  const labelKeys = opts.labelColumns ?? [];
  const nameAt = visible.findIndex((i) => printer.columns[i]!.name === 'Name');
  const header = [
    ...(withNamespace ? ['NAMESPACE'] : []),
    ...visible.map((i) => printer.columns[i]!.name.toUpperCase()),
    ...labelKeys.map((k) => k.split('/').pop()!.toUpperCase()),
    ...(opts.showLabels ? ['LABELS'] : []),
  ];
  const row = (o: KObject): string[] => {
    const all = printer.cells(o, { now: opts.now });
    const cells = visible.map((i) => all[i] ?? '');
    if (opts.showKind && nameAt >= 0) cells[nameAt] = `${kindName(kind)}/${cells[nameAt]}`;
    const labels = o.metadata.labels ?? {};
    return [
      ...(withNamespace ? [o.metadata.namespace ?? ''] : []),
      ...cells,
      ...labelKeys.map((k) => labels[k] ?? ''),
      ...(opts.showLabels ? [formatLabels(labels)] : []),
    ];
  };
  return { header, row };
}

/** Runs of consecutive objects of one kind: each prints as a table of its own. */
function runs(objects: KObject[]): KObject[][] {
  const out: KObject[][] = [];
  for (const o of objects) {
    const last = out[out.length - 1];
    if (last && last[0]!.kind === o.kind) last.push(o);
    else out.push([o]);
  }
  return out;
}

/** Objects grouped by kind (in order of first appearance), each group in API-server order. */
function byKind(objects: KObject[]): KObject[] {
  const kinds = [...new Set(objects.map((o) => o.kind))];
  return kinds.flatMap((k) => sortLikeAPIServer(objects.filter((o) => o.kind === k)));
}

function tables(objects: KObject[], opts: GetOptions): CommandOutput {
  if (objects.length === 0) {
    const namespaced = !opts.allNamespaces && resourceForKind(opts.kind).namespaced;
    return { stdout: '', stderr: namespaced ? `No resources found in ${opts.namespace ?? 'default'} namespace.\n` : 'No resources found\n' };
  }
  const groups = runs(objects);
  const showKind = (opts.showKind ?? false) || new Set(objects.map((o) => o.kind)).size > 1;
  const texts = groups.map((g) => {
    const layout = tableLayout(g[0]!.kind, { ...opts, showKind });
    const rows = g.map(layout.row);
    return renderTable(opts.noHeaders ? rows : [layout.header, ...rows]);
  });
  // get.go separates kinds by a blank line only when headers are printed.
  return { stdout: texts.join(opts.noHeaders ? '' : '\n'), stderr: '' };
}

/**
 * What -o yaml/json/jsonpath print: a single named object bare; anything else (a list
 * request, several objects, none) as `kind: List` with an empty resourceVersion.
 */
const document = (objects: KObject[], single: boolean): unknown =>
  single && objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };

/** `-o yaml` / `-o json` of objects already in print order. */
export function printObjects(objects: KObject[], format: 'yaml' | 'json', single = false): string {
  const value = document(objects, single);
  return format === 'json' ? toGoJSON(value) : toGoYAML(value);
}

const FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const failed = (message: string): CommandOutput => ({ stdout: '', stderr: `error: ${message}\n`, error: true });

/** Everything `kubectl get` prints for these objects. */
export function printGet(objects: KObject[], opts: GetOptions): CommandOutput {
  let ordered = byKind(objects);
  if (opts.sortBy) {
    const sorted = sortObjects(ordered, opts.sortBy);
    if (sorted instanceof Error) return failed(sorted.message);
    ordered = sorted;
  }
  const output = opts.output ?? '';
  const eq = output.indexOf('=');
  const [format, arg] = eq < 0 ? [output, ''] : [output.slice(0, eq), output.slice(eq + 1)];
  switch (format) {
    case '':
      return tables(ordered, opts);
    case 'wide':
      return tables(ordered, { ...opts, wide: true });
    case 'name':
      return { stdout: ordered.map((o) => `${kindName(o.kind)}/${o.metadata.name}\n`).join(''), stderr: '' };
    case 'yaml':
    case 'json':
      return { stdout: printObjects(ordered, format, opts.single), stderr: '' };
    case 'jsonpath': {
      if (!arg) return failed('template format specified but no template given');
      try {
        return { stdout: execute(parseTemplate(arg), document(ordered, opts.single ?? false)), stderr: '' };
      } catch (e) {
        return failed(`error parsing jsonpath ${arg}, ${(e as Error).message}`);
      }
    }
    case 'custom-columns': {
      const columns = parseCustomColumns(arg);
      if (columns instanceof Error) return failed(columns.message);
      return { stdout: printCustomColumns(ordered, columns, opts.noHeaders ?? false), stderr: '' };
    }
  }
  return failed(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}`);
}
