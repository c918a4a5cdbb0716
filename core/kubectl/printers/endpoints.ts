// `kubectl get endpoints` row, after upstream printEndpoints / formatEndpoints: the first
// three ip:port pairs (every port of a subset times its ready addresses), then `+ N more...`.
import type { Endpoints } from '../../controllers/endpoints.ts';
import { since } from '../duration.ts';
import type { Printer, RowContext } from '../table.ts';

const MAX = 3;

/** net.JoinHostPort: IPv6 addresses in brackets. */
const hostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    // A headless Service without ports lists bare IPs.
    const ports = ss.ports?.length ? ss.ports.map((p) => p.port) : [undefined];
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX) break;
        list.push(port === undefined ? a.ip : hostPort(a.ip, port));
      }
    }
  }
  const shown = list.join(',');
  return count > MAX ? `${shown} + ${count - MAX} more...` : shown;
}

export const endpointsPrinter: Printer<Endpoints> = {
  columns: [{ name: 'Name' }, { name: 'Endpoints' }, { name: 'Age' }],
  cells: (ep: Endpoints, ctx: RowContext): string[] => [ep.metadata.name, formatEndpoints(ep), since(ep.metadata.creationTimestamp, ctx.now)],
};
