// The engine's view types as the page sees them, derived from the protocol's ViewResult (web/
// may only import core/protocol.ts and core/api/types.ts).
import type { TraceResult, ViewResult } from '../../core/protocol.ts';

type Of<K extends ViewResult['kind']> = Extract<ViewResult, { kind: K }>;

export type NodeView = Of<'node'>['node'];
export type ChainView = NodeView['proxy']['chains'][number];
export type RuleView = ChainView['rules'][number];
export type SandboxView = NodeView['sandboxes'][number];
export type VirtualServerView = NonNullable<NodeView['proxy']['ipvs']>[number];
export type ExplainView = Of<'explain'>['explain'];
export type JourneyView = Of<'journey'>['journey'];
export type Hop = TraceResult['hops'][number];
export type { TraceResult };
