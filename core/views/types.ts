// Read-only views of the simulation that the page asks the worker for (node internals,
// the data path, "why", packet traces). Plain serialisable data only.

import type { KEvent, KObject } from '../api/types.ts';
import type { TraceResult } from '../proxy/trace/types.ts';

export type ViewRequest =
  | { kind: 'node'; name: string }
  | { kind: 'explain'; objectKind: string; namespace?: string; name: string }
  | { kind: 'trace'; from: string; to: string; proto?: 'tcp' | 'udp' | 'icmp'; pick?: number };

export interface ContainerView {
  id: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'exited';
  attempt: number;
  exitCode?: number;
  reason?: string;
}

export interface SandboxView {
  id: string;
  pod: string;
  namespace: string;
  ip?: string;
  /** The host side of the pod's veth pair on cni0. */
  veth: string;
  state: 'ready' | 'notready';
  containers: ContainerView[];
}

export interface RuleView {
  /** 1-based position in the chain. */
  index: number;
  /** The rule exactly as `iptables-save` prints it. */
  line: string;
  target?: string;
  comment?: string;
  probability?: number;
  pkts: number;
}

export interface ChainView {
  table: 'filter' | 'nat' | 'mangle';
  name: string;
  builtin: boolean;
  policy?: string;
  rules: RuleView[];
}

export interface NodeView {
  name: string;
  internalIP: string;
  podCIDR?: string;
  kubelet: { running: boolean; version: string };
  runtime: { name: string; version: string; images: { ref: string; size: number }[] };
  cni: { bridge: string; gateway?: string };
  sandboxes: SandboxView[];
  routes: string[];
  proxy: { mode: string; chains: ChainView[]; restore: string };
}

export interface ExplainView {
  object: KObject;
  describe: string;
  events: KEvent[];
  /** Plain-language reasons: why Pending, why not in a Service's endpoints, ... */
  why: string[];
}

export type ViewResult =
  | { kind: 'node'; node: NodeView }
  | { kind: 'explain'; explain: ExplainView }
  | { kind: 'trace'; trace: TraceResult }
  | { kind: 'error'; message: string };
