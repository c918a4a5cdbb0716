// `kubectl get daemonsets` and `statefulsets` rows, after upstream printDaemonSet and
// printStatefulSet.
import type { DaemonSet } from '../../controllers/daemonset.ts';
import type { StatefulSet } from '../../controllers/statefulset.ts';
import { since } from '../duration.ts';
import { formatLabelSelector, formatLabels } from '../labelFormat.ts';
import type { Printer, RowContext } from '../table.ts';
import { WIDE_TEMPLATE_COLUMNS, containerCells } from './template.ts';

/** An int32 status field; Go prints the zero value for one that is unset. */
const count = (status: Record<string, unknown> | undefined, field: string): string => String(Number(status?.[field] ?? 0));

export const daemonSetPrinter: Printer<DaemonSet> = {
  columns: [
    { name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Up-to-date' },
    { name: 'Available' }, { name: 'Node Selector' }, { name: 'Age' }, ...WIDE_TEMPLATE_COLUMNS,
  ],
  cells(ds: DaemonSet, ctx: RowContext): string[] {
    const st = ds.status;
    return [
      ds.metadata.name, count(st, 'desiredNumberScheduled'), count(st, 'currentNumberScheduled'), count(st, 'numberReady'),
      count(st, 'updatedNumberScheduled'), count(st, 'numberAvailable'), formatLabels(ds.spec.template.spec.nodeSelector),
      since(ds.metadata.creationTimestamp, ctx.now),
      ...containerCells(ds.spec.template.spec.containers), formatLabelSelector(ds.spec.selector),
    ];
  },
};

export const statefulSetPrinter: Printer<StatefulSet> = {
  // No wide SELECTOR column for StatefulSets upstream.
  columns: [{ name: 'Name' }, { name: 'Ready' }, { name: 'Age' }, ...WIDE_TEMPLATE_COLUMNS.slice(0, 2)],
  cells(sts: StatefulSet, ctx: RowContext): string[] {
    return [
      sts.metadata.name, `${count(sts.status, 'readyReplicas')}/${sts.spec.replicas ?? 1}`, since(sts.metadata.creationTimestamp, ctx.now),
      ...containerCells(sts.spec.template.spec.containers),
    ];
  },
};
