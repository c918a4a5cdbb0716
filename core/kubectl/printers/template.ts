// Pieces shared by the printers of kinds that carry a pod template.
import type { Column } from '../table.ts';
import type { Container } from '../../api/types.ts';

/** upstream layoutContainerCells: comma-joined container names and images. */
export function containerCells(containers: Container[]): [string, string] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

export const WIDE_TEMPLATE_COLUMNS: Column[] = [
  { name: 'Containers', wide: true }, { name: 'Images', wide: true }, { name: 'Selector', wide: true },
];
