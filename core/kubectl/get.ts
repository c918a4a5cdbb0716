// `kubectl get`: tables (default and -o wide) and -o yaml / -o json, after upstream
// kubectl/pkg/cmd/get/get.go and cli-runtime's table printer.
import type { Deployment, EndpointSlice, KEvent, KObject, Node, Pod, ReplicaSet, Service } from '../api/types.ts';
import { resourceForKind } from '../api/resources.ts';
import { toGoJSON } from './gojson.ts';
import { toGoYAML } from './goyaml.ts';
import { byteCompare } from './labels.ts';
import { deploymentPrinter } from './printers/deployment.ts';
import { endpointSlicePrinter } from './printers/endpointslice.ts';
import { eventPrinter } from './printers/event.ts';
import { genericPrinter } from './printers/generic.ts';
import { nodePrinter } from './printers/node.ts';
import { podPrinter } from './printers/pod.ts';
import { replicaSetPrinter } from './printers/replicaset.ts';
import { servicePrinter } from './printers/service.ts';
import { renderTable, type Printer } from './table.ts';

export interface GetOptions {
  kind: string;
  wide?: boolean;
  allNamespaces?: boolean;
  /** The namespace named in "No resources found in X namespace."; default "default". */
  namespace?: string;
  /** Current (simulated) time, epoch ms. */
  now: number;
  /** Prefix names with kind/ (kubectl does so when several kinds are printed together). */
  showKind?: boolean;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

const PRINTERS: Record<string, Printer<never>> = {
  Pod: podPrinter satisfies Printer<Pod>,
  Node: nodePrinter satisfies Printer<Node>,
  Service: servicePrinter satisfies Printer<Service>,
  Deployment: deploymentPrinter satisfies Printer<Deployment>,
  ReplicaSet: replicaSetPrinter satisfies Printer<ReplicaSet>,
  EndpointSlice: endpointSlicePrinter satisfies Printer<EndpointSlice>,
  Event: eventPrinter satisfies Printer<KEvent>,
};

export function printerFor(kind: string): Printer<KObject> {
  return (PRINTERS[kind] ?? genericPrinter) as Printer<KObject>;
}

/** The API server lists by storage key: namespace, then name, in byte order. */
export function sortLikeAPIServer<T extends KObject>(objects: T[]): T[] {
  return [...objects].sort(
    (a, b) => byteCompare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byteCompare(a.metadata.name, b.metadata.name),
  );
}

/** "pod/web", "deployment.apps/web": lower-cased GroupKind, as --show-kind prints it. */
function kindPrefix(kind: string): string {
  const group = resourceForKind(kind).group;
  return (group ? `${kind}.${group}` : kind).toLowerCase() + '/';
}

function table(kind: string, objects: KObject[], opts: GetOptions, showKind: boolean): string {
  const printer = printerFor(kind);
  const wide = opts.wide ?? false;
  const withNamespace = (opts.allNamespaces ?? false) && resourceForKind(kind).namespaced;
  const columns = printer.columns.filter((c) => wide || !c.wide);
  const header = [...(withNamespace ? ['NAMESPACE'] : []), ...columns.map((c) => c.name)];
  const nameIndex = columns.findIndex((c) => c.name === 'Name');
  const rows = objects.map((o) => {
    const cells = printer.cells(o, { wide, now: opts.now });
    if (showKind && nameIndex >= 0) cells[nameIndex] = kindPrefix(kind) + cells[nameIndex];
    return withNamespace ? [o.metadata.namespace ?? '', ...cells] : cells;
  });
  return renderTable(header, rows);
}

/** A `kubectl get` table; several kinds print as several tables separated by a blank line. */
export function printGet(objects: KObject[], opts: GetOptions): CommandOutput {
  if (objects.length === 0) {
    const namespaced = !opts.allNamespaces && resourceForKind(opts.kind).namespaced;
    return {
      stdout: '',
      stderr: namespaced ? `No resources found in ${opts.namespace ?? 'default'} namespace.\n` : 'No resources found\n',
    };
  }
  const groups = byKind(objects);
  const showKind = (opts.showKind ?? false) || groups.length > 1;
  const tables = groups.map((g) => table(g[0]!.kind, g, opts, showKind));
  return { stdout: tables.join('\n'), stderr: '' };
}

/** Objects grouped by kind (in order of first appearance), each group in API-server order. */
function byKind(objects: KObject[]): KObject[][] {
  const kinds = [...new Set(objects.map((o) => o.kind))];
  return kinds.map((k) => sortLikeAPIServer(objects.filter((o) => o.kind === k)));
}

/**
 * `-o yaml` / `-o json`. A single named object prints bare; anything else (a list request,
 * several objects, none) prints as `kind: List` with an empty resourceVersion.
 */
export function printObjects(objects: KObject[], format: 'yaml' | 'json', single = false): string {
  const value =
    single && objects.length === 1
      ? objects[0]
      : { apiVersion: 'v1', items: byKind(objects).flat(), kind: 'List', metadata: { resourceVersion: '' } };
  return format === 'json' ? toGoJSON(value) : toGoYAML(value);
}
