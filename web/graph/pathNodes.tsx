// Data-path node types (module level, memoised): a chain lists its rules, one row each, with a
// handle per row so a jump leaves from the rule that makes it. Clicking a row selects the rule
// (the inspector shows its exact iptables-save line).
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useStore } from '../store/index.ts';
import { inspect } from './live.ts';
import type { ChainFlowNode, EndpointFlowNode, VServerFlowNode } from './datapath.ts';

export const ruleSelection = (node: string, table: string, chain: string, index: number): string => `Rule/${node}/${table}/${chain}/${index}`;

const HOOK_NOTE: Record<string, string> = {
  PREROUTING: 'packets arriving from a pod or the network',
  OUTPUT: 'packets sent by the node itself',
  POSTROUTING: 'every packet leaving',
  INPUT: 'packets for the node itself',
  FORWARD: 'packets routed through the node',
};

const ChainNode = memo(function ChainNode({ data }: NodeProps<ChainFlowNode>) {
  const prefix = `Rule/${data.node}/${data.table}/${data.name}/`;
  // Only the chain holding the selected rule re-renders on a selection change.
  const selected = useStore((s) => (s.selected?.startsWith(prefix) ? Number(s.selected.slice(prefix.length)) : 0));
  const kind = data.builtin ? 'hook' : /^KUBE-(SVC|SVL)-/.test(data.name) ? 'svc' : data.name.startsWith('KUBE-SEP-') ? 'sep' : /^KUBE-(EXT|FW)-/.test(data.name) ? 'ext' : 'other';
  return (
    <div className={`chain chain-${kind}${data.traced ? ' traced' : ''}`}>
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} />
      <div className="chain-head">
        <span className="chain-name mono" title={data.name}>{data.name}</span>
        <span className="chain-table">{data.builtin ? `${data.table} hook` : data.table}</span>
      </div>
      <div className="chain-sub">{data.builtin ? `${HOOK_NOTE[data.name] ?? ''}${data.policy ? ` · policy ${data.policy}` : ''}` : data.service ?? '\u00a0'}</div>
      {data.rows.length === 0 && <div className="chain-empty">no rules: policy {data.policy ?? 'ACCEPT'}</div>}
      {data.rows.map((r) => (
        <div
          key={r.index}
          role="button"
          tabIndex={-1}
          className={`rule-row${r.dim ? ' dim' : ''}${r.hot ? ' hot' : ''}${r.traced ? ' traced' : ''}${r.current ? ' current' : ''}${selected === r.index ? ' selected' : ''}`}
          data-rule={r.index}
          title={r.line}
          onClick={(e) => {
            e.stopPropagation();
            inspect(ruleSelection(data.node, data.table, data.name, r.index));
          }}
        >
          <span className="rule-index">{r.index}</span>
          <span className="rule-match">{r.match}</span>
          <span className="rule-action">{r.action}</span>
          {r.pkts > 0 && <span className="rule-pkts" title="packets matched">{r.pkts}</span>}
          <Handle type="source" id={`r${r.index}`} position={Position.Right} isConnectable={false} />
        </div>
      ))}
    </div>
  );
});

const EndpointNode = memo(function EndpointNode({ data }: NodeProps<EndpointFlowNode>) {
  return (
    <div className={`endpoint${data.traced ? ' traced' : ''}`}>
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} />
      <div className="endpoint-pod">{data.pod ?? 'not a pod'}</div>
      <div className="mono endpoint-addr">
        {data.address}
        {data.podNode && <span className="endpoint-node"> · {data.podNode}</span>}
      </div>
    </div>
  );
});

const VServerNode = memo(function VServerNode({ data }: NodeProps<VServerFlowNode>) {
  return (
    <div className={`vserver${data.traced ? ' traced' : ''}`}>
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} />
      <div className="chain-head">
        <span className="chain-name mono">{data.title}</span>
        <span className="chain-table">IPVS {data.scheduler}</span>
      </div>
      <div className="chain-sub">{data.service ?? 'virtual server'}</div>
      {data.reals.map((r) => (
        <div key={r} className="mono vs-real">-&gt; {r}</div>
      ))}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

export const pathNodeTypes: NodeTypes = { chain: ChainNode, endpoint: EndpointNode, vserver: VServerNode };
