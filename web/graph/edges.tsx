// Custom edge types, declared at module level like the node types: Service → pod (cluster view),
// jumps between chains (data path) and links inside a node (node internals), with labels.
import { BaseEdge, getBezierPath, getSmoothStepPath, type Edge, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import { endpointRoute, roundedPath } from './route.ts';
import type { EndpointEdge } from './selectors.ts';

const EndpointEdgeView = memo(function EndpointEdgeView({ sourceX, sourceY, targetX, targetY, data }: EdgeProps<EndpointEdge>) {
  const points = endpointRoute({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, data?.busY ?? sourceY + 40, data?.gutter ?? 12);
  return <BaseEdge path={roundedPath(points, 10)} />;
});

type Labelled = Edge<{ label?: string }>;
const labelProps = { labelBgPadding: [5, 3] as [number, number], labelBgBorderRadius: 5, labelShowBg: true };

const JumpEdgeView = memo(function JumpEdgeView(p: EdgeProps<Labelled>) {
  const [path, lx, ly] = getBezierPath({ ...p, curvature: 0.3 });
  // The label sits near the target so labels of one chain's many jumps do not pile up at its side.
  const near = 0.7;
  return <BaseEdge path={path} label={p.data?.label} labelX={lx + (p.targetX - lx) * (near - 0.5) * 2} labelY={ly + (p.targetY - ly) * (near - 0.5) * 2} {...labelProps} />;
});

const LinkEdgeView = memo(function LinkEdgeView(p: EdgeProps<Labelled>) {
  const [path, lx, ly] = getSmoothStepPath({ ...p, borderRadius: 10 });
  return <BaseEdge path={path} label={p.data?.label} labelX={lx} labelY={ly} {...labelProps} />;
});

export const edgeTypes: EdgeTypes = { endpoint: EndpointEdgeView, jump: JumpEdgeView, link: LinkEdgeView };
