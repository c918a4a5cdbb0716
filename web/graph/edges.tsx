// Custom edge type, declared at module level like the node types.
import { BaseEdge, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import { endpointRoute, roundedPath } from './route.ts';
import type { EndpointEdge } from './selectors.ts';

const EndpointEdgeView = memo(function EndpointEdgeView({ sourceX, sourceY, targetX, targetY, data }: EdgeProps<EndpointEdge>) {
  const points = endpointRoute({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, data?.busY ?? sourceY + 40, data?.gutter ?? 12);
  return <BaseEdge path={roundedPath(points, 10)} />;
});

export const edgeTypes: EdgeTypes = { endpoint: EndpointEdgeView };
