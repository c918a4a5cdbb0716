// Proxy-side views of the API objects.
import type { EndpointSlice, Service } from '../api/types.ts';

export type { EndpointSlice, Service };
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type IPFamily = 'IPv4' | 'IPv6';

/** Endpoint fields kube-proxy reads that core/api/types.ts does not type (topology hints). */
export interface EndpointHints {
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
}

export type Table = 'filter' | 'nat' | 'mangle';
