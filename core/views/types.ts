// Read-only views of the simulation that the page asks the worker for (node internals,
// the data path, "why", packet traces). Plain serialisable data only.

import type { KEvent, KObject } from '../api/types.ts';
import type { TraceResult } from '../proxy/trace/types.ts';
import type { Backend, PodRoute } from '../cni/flannel.ts';
import type { Message, Said } from './message.ts';
import type { WHY } from './whyMessages.ts';
import type { JOURNEY } from '../journey/messages.ts';
import type { TRACE } from '../proxy/trace/messages.ts';

export type { Message, Param, Said } from './message.ts';
/** Every message id core can emit; the page's translations are checked against it. */
export type MessageId = keyof typeof WHY | keyof typeof JOURNEY | keyof typeof TRACE;

export type ViewRequest =
  | { kind: 'node'; name: string }
  | { kind: 'explain'; objectKind: string; namespace?: string; name: string }
  | { kind: 'trace'; from: string; to: string; proto?: 'tcp' | 'udp' | 'icmp'; pick?: number }
  | { kind: 'journey'; namespace: string; name: string };

export interface ContainerView {
  id: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'exited';
  attempt: number;
  exitCode?: number;
  reason?: string;
}

export interface VolumeView {
  name: string;
  /** The kubelet's volume plugin: empty-dir, host-path, configmap, secret, projected, ... */
  plugin: string;
  /** Where the kubelet set it up on the node. */
  hostPath: string;
}

export interface SandboxView {
  id: string;
  pod: string;
  namespace: string;
  ip?: string;
  /** hostNetwork pods share the node's network namespace: no veth, the node's IP. */
  hostNetwork: boolean;
  volumes: VolumeView[];
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

export interface RealServerView {
  ip: string;
  port: number;
  weight: number;
  activeConns: number;
  inactConns: number;
}

/** An IPVS virtual server as `ipvsadm -Ln` lists it, with the Service port it stands for. */
export interface VirtualServerView {
  proto: string;
  ip: string;
  port: number;
  scheduler: string;
  /** "namespace/name:port" of the Service port, when one matches. */
  service?: string;
  reals: RealServerView[];
}

export interface NodeView {
  name: string;
  internalIP: string;
  podCIDR?: string;
  kubelet: { running: boolean; version: string };
  runtime: { name: string; version: string; images: { ref: string; size: number }[] };
  cni: { bridge: string; gateway?: string };
  sandboxes: SandboxView[];
  /** flanneld on the node: its backend (once it ran), flannel.1 if it exists, its routes to other nodes' pods. */
  flannel: { backend?: Backend; vtep?: string; routes: PodRoute[] };
  proxy: { mode: string; chains: ChainView[]; restore: string; ipvs?: VirtualServerView[] };
}

export interface ExplainView {
  object: KObject;
  describe: string;
  events: KEvent[];
  /** The object as `kubectl get -o yaml` prints it. */
  yaml: string;
  /** Plain-language reasons (English text and message id): why Pending, why not in a Service's endpoints, ... */
  why: Said[];
}

export interface JourneyStepView {
  step: number;
  /** "kubectl", "kube-apiserver", "etcd", "default-scheduler", "kubelet@worker-1", ... */
  component: string;
  object: string;
  action: string;
  /** `action` as a message, for the page to translate. */
  msg: Message;
  /** Simulated milliseconds since t=0. */
  time: number;
}

/** The pod's 8 steps; `names[step]` is the short label of each step. */
export interface JourneyView {
  pod: string;
  steps: JourneyStepView[];
  names: string[];
}

export type ViewResult =
  | { kind: 'node'; node: NodeView }
  | { kind: 'explain'; explain: ExplainView }
  | { kind: 'trace'; trace: TraceResult }
  | { kind: 'journey'; journey: JourneyView }
  | { kind: 'error'; message: string };
