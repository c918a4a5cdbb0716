// Proxy-side views of the API objects, plus the structured rule model the graph draws.
import type { EndpointSlice, Service } from '../api/types.ts';

export type { EndpointSlice, Service };
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type IPFamily = 'IPv4' | 'IPv6';

/** Endpoint fields kube-proxy reads that core/api/types.ts does not type (topology hints). */
export interface EndpointHints {
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
}

/** One rule of a chain as kube-proxy wrote it; `args` is the text after `-A CHAIN `. */
export interface Rule {
  chain: string;
  args: string;
  /** Jump target (`-j X`), if any. */
  target?: string;
  /** The `--comment` value, unquoted. */
  comment?: string;
}

export interface Chain {
  name: string;
  rules: Rule[];
}

export type Table = 'filter' | 'nat' | 'mangle';
