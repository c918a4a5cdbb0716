// `kubectl get replicasets` row, after upstream printReplicaSet.
import type { ReplicaSet } from '../../api/types.ts';
import { since } from '../duration.ts';
import { formatLabelSelector } from '../labelFormat.ts';
import type { Printer, RowContext } from '../table.ts';
import { WIDE_TEMPLATE_COLUMNS, containerCells } from './template.ts';

export const replicaSetPrinter: Printer<ReplicaSet> = {
  columns: [{ name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Age' }, ...WIDE_TEMPLATE_COLUMNS],
  cells(rs: ReplicaSet, ctx: RowContext): string[] {
    return [
      rs.metadata.name, String(rs.spec.replicas ?? 1), String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0), since(rs.metadata.creationTimestamp, ctx.now),
      ...containerCells(rs.spec.template.spec.containers), formatLabelSelector(rs.spec.selector),
    ];
  },
};
