// `kubectl get endpointslices` row, after upstream printEndpointSlice
// (formatDiscoveryPorts / formatDiscoveryEndpoints / listWithMoreString).
import type { EndpointSlice } from '../../api/types.ts';
import { since } from '../duration.ts';
import type { Printer, RowContext } from '../table.ts';

const MAX = 3;

/** First three items, then ` + N more...`; `<unset>` for none. */
function listWithMore(items: string[]): string {
  const shown = items.slice(0, MAX).join(',');
  if (items.length > MAX) return `${shown} + ${items.length - MAX} more...`;
  return shown || '<unset>';
}

export const endpointSlicePrinter: Printer<EndpointSlice> = {
  columns: [{ name: 'Name' }, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
  cells(eps: EndpointSlice, ctx: RowContext): string[] {
    // A port without a number shows its name, and one with neither shows "*".
    const ports = (eps.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*'));
    const addresses = (eps.endpoints ?? []).flatMap((e) => e.addresses);
    return [eps.metadata.name, eps.addressType, listWithMore(ports), listWithMore(addresses), since(eps.metadata.creationTimestamp, ctx.now)];
  },
};
