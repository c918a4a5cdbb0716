// Node-internals node types (module level, memoised): components (kubelet, containerd,
// kube-proxy, eth0, flannel.1, other nodes), pod sandboxes holding their containers and volumes,
// and the cni0 bridge.
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { InternalsNode } from './internals.ts';

type P<T extends InternalsNode['type']> = NodeProps<Extract<InternalsNode, { type: T }>>;

/** Handles on all four sides, named by side, for the few fixed links of this view. */
function Sides() {
  return (
    <>
      <Handle type="target" id="top" position={Position.Top} isConnectable={false} />
      <Handle type="target" id="left" position={Position.Left} isConnectable={false} />
      <Handle type="source" id="bottom" position={Position.Bottom} isConnectable={false} />
      <Handle type="source" id="right" position={Position.Right} isConnectable={false} />
    </>
  );
}

const ComponentNode = memo(function ComponentNode({ data }: P<'component'>) {
  return (
    <div className={`comp comp-${data.role}${data.ok ? '' : ' down'}`}>
      <Sides />
      <div className="comp-title">{data.title}</div>
      {data.lines.map((l) => (
        <div key={l} className="comp-line">{l}</div>
      ))}
    </div>
  );
});

const SandboxNode = memo(function SandboxNode({ data }: P<'sandbox'>) {
  return (
    <div className={`sandbox${data.ready ? '' : ' notready'}${data.hostNetwork ? ' hostnet' : ''}`}>
      <Sides />
      <div className="sandbox-head">
        <span className="sandbox-name" title={`${data.namespace}/${data.pod}`}>{data.pod}</span>
        <span className={data.ready ? 'pill ok' : 'pill bad'}>{data.ready ? 'sandbox ready' : 'sandbox stopped'}</span>
      </div>
      <div className="sandbox-net mono">
        {data.hostNetwork ? `host network · ${data.ip}` : `eth0 ${data.ip || 'no IP'} ↔ ${data.veth}`}
      </div>
    </div>
  );
});

const ContainerNode = memo(function ContainerNode({ data }: P<'container'>) {
  return (
    <div className={`ctr state-${data.state}${data.pause ? ' pause' : ''}`} title={data.image}>
      <div className="ctr-row">
        <span className="ctr-name">{data.name}</span>
        <span className="ctr-state">{data.state}{data.attempt ? ` · attempt ${data.attempt}` : ''}</span>
      </div>
      <div className="ctr-image mono">{data.detail ? `${data.detail} · ` : ''}{data.image}</div>
    </div>
  );
});

const VolumeNode = memo(function VolumeNode({ data }: P<'volume'>) {
  return (
    <div className="vol" title={data.hostPath}>
      <span className="vol-name">⛁ {data.name}</span>
      <span className="vol-plugin mono">{data.plugin}</span>
    </div>
  );
});

const BridgeNode = memo(function BridgeNode({ data }: P<'bridge'>) {
  return (
    <div className="bridge">
      <Sides />
      <span className="bridge-name mono">{data.name}</span>
      <span>Linux bridge · gateway {data.gateway || '—'} · pod CIDR {data.podCIDR || '—'}</span>
    </div>
  );
});

export const internalsNodeTypes: NodeTypes = {
  component: ComponentNode,
  sandbox: SandboxNode,
  container: ContainerNode,
  volume: VolumeNode,
  bridge: BridgeNode,
};
