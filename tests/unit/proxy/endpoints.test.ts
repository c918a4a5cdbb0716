// EndpointSlices -> endpoints per service port (endpoints.ts buildEndpointsMap): one entry
// per IP:port, sorted; an address in two slices keeps the live copy over a terminating one,
// as upstream's endpointSliceCache does for a reused pod IP.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../../core/api/types.ts';
import { buildEndpointsMap } from '../../../core/proxy/endpoints.ts';

type Ep = [ip: string, terminating?: boolean, node?: string];
const slice = (name: string, eps: Ep[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { namespace: 'ns', name, labels: { 'kubernetes.io/service-name': 'web' } },
  endpoints: eps.map(([ip, terminating, node]) => ({ addresses: [ip], nodeName: node, conditions: { ready: !terminating, serving: true, terminating } })),
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
});
/** What is kept: `IP:port`, T when terminating, @node. */
const summary = (slices: EndpointSlice[]) =>
  (buildEndpointsMap(slices, 'IPv4', 'node-a').get('ns/web:http/TCP') ?? []).map((e) => `${e.str}${e.terminating ? ' T' : ''}${e.local ? ' @node-a' : ''}`);

describe('buildEndpointsMap', () => {
  const table = [
    { name: 'one slice: sorted by IP:port (as strings)', given: [slice('web-a', [['10.0.0.9'], ['10.0.0.10'], ['10.0.0.1']])], want: ['10.0.0.10:8080', '10.0.0.1:8080', '10.0.0.9:8080'] },
    { name: 'the same IP twice in one slice: one entry', given: [slice('web-a', [['10.0.0.1'], ['10.0.0.1', false, 'node-a']])], want: ['10.0.0.1:8080 @node-a'] },
    { name: 'terminating in the first slice, live in the second: the live copy', given: [slice('web-a', [['10.0.0.1', true]]), slice('web-b', [['10.0.0.1', false, 'node-a']])], want: ['10.0.0.1:8080 @node-a'] },
    { name: 'live in the first slice, terminating in the second: still the live copy', given: [slice('web-b', [['10.0.0.1', true]]), slice('web-a', [['10.0.0.1', false, 'node-a']])], want: ['10.0.0.1:8080 @node-a'] },
    { name: 'terminating in both: the first read (slices by name)', given: [slice('web-b', [['10.0.0.1', true]]), slice('web-a', [['10.0.0.1', true, 'node-a']])], want: ['10.0.0.1:8080 T @node-a'] },
    { name: 'no endpoints: no entry', given: [slice('web-a', [])], want: [] },
  ];
  it.each(table)('$name', ({ given, want }) => expect(summary(given)).toEqual(want));
});
