// Rows of Leases, PriorityClasses and ControllerRevisions, after upstream printLease,
// printPriorityClass and printControllerRevision.
import type { KObject } from '../../api/types.ts';
import { since } from '../duration.ts';
import type { Printer, RowContext } from '../table.ts';

type Fields = KObject & Record<string, unknown>;
const age = (o: KObject, ctx: RowContext): string => since(o.metadata.creationTimestamp, ctx.now);

export const leasePrinter: Printer<KObject> = {
  columns: [{ name: 'Name' }, { name: 'Holder' }, { name: 'Age' }],
  cells: (l, ctx) => [l.metadata.name, String((l.spec as { holderIdentity?: string } | undefined)?.holderIdentity ?? ''), age(l, ctx)],
};

export const priorityClassPrinter: Printer<KObject> = {
  // PreemptionPolicy is a priority-0 column filled only in the (always wide) server row.
  columns: [{ name: 'Name' }, { name: 'Value' }, { name: 'Global-Default' }, { name: 'Age' }, { name: 'PreemptionPolicy' }],
  cells(pc, ctx) {
    const f = pc as Fields;
    return [pc.metadata.name, String(f['value'] ?? 0), String(f['globalDefault'] === true), age(pc, ctx), String(f['preemptionPolicy'] ?? 'PreemptLowerPriority')];
  },
};

/** "daemonset.apps/fluentd": the controller's lower-cased GroupKind and name. */
function controllerName(o: KObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '';
  return `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
}

export const controllerRevisionPrinter: Printer<KObject> = {
  columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }],
  cells: (cr, ctx) => [cr.metadata.name, controllerName(cr), String((cr as Fields)['revision'] ?? 0), age(cr, ctx)],
};
