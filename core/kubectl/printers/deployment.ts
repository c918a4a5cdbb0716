// `kubectl get deployments` row, after upstream printDeployment.
import type { Deployment } from '../../api/types.ts';
import { since } from '../duration.ts';
import { selectorString } from '../labelFormat.ts';
import type { Printer, RowContext } from '../table.ts';
import { WIDE_TEMPLATE_COLUMNS, containerCells } from './template.ts';

export const deploymentPrinter: Printer<Deployment> = {
  columns: [{ name: 'Name' }, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, { name: 'Age' }, ...WIDE_TEMPLATE_COLUMNS],
  cells(d: Deployment, ctx: RowContext): string[] {
    const st = d.status ?? {};
    // printDeployment uses selector.String(), which is '' (not <none>) when empty.
    return [
      d.metadata.name, `${st.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0), since(d.metadata.creationTimestamp, ctx.now),
      ...containerCells(d.spec.template.spec.containers), selectorString(d.spec.selector),
    ];
  },
};
