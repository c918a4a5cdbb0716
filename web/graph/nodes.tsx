// Custom React Flow node types, declared once at module level (a new object per render would
// remount every node). Type names are the lower-case kind, so the DOM says
// `react-flow__node-pod`, `react-flow__node-node`, `react-flow__node-service`.
import { useTranslation } from 'react-i18next';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useStore } from '../store/index.ts';
import { ageAt } from '../time/format.ts';
import { inspect } from './live.ts';
import { useJourneyStep } from './journey.ts';
import type { LastExit } from './status.ts';
import { slotTop, type ControlPlaneFlowNode, type NodeGroupFlowNode, type PodCell, type PodFlowNode, type ServiceFlowNode, type ServicesFlowNode, type UnscheduledFlowNode } from './selectors.ts';

const QOS: Record<string, string> = { Guaranteed: 'G', Burstable: 'Bu', BestEffort: 'BE' };

const PodNode = memo(function PodNode({ id, data }: NodeProps<PodFlowNode>) {
  const { t } = useTranslation();
  const journey = useJourneyStep();
  const here = journey?.pod === id && journey.target === 'pod';
  return (
    <div className={`pod tone-${data.tone}${here ? ' journey-here' : ''}`} data-status={data.status} title={`${data.namespace}/${data.name} · ${t('nodes.qos', { qos: data.qos || '?' })}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="pod-name">{data.name}</div>
      <div className="pod-row">
        <span className="pod-status">{data.status}</span>
        <span className="pod-ready" title={t('nodes.readyContainers')}>
          {data.ready}
        </span>
        {data.qos && (
          <span className="pod-qos" title={t('nodes.qos', { qos: data.qos })} aria-label={t('nodes.qos', { qos: data.qos })}>
            {QOS[data.qos] ?? data.qos}
          </span>
        )}
        <span className={data.restarts ? 'pod-restarts hot' : 'pod-restarts'} title={t('nodes.restarts', { n: data.restarts })} aria-label={t('nodes.restarts', { n: data.restarts })}>
          ↻ {data.restarts}
        </span>
      </div>
      {data.last ? <LastExitLine last={data.last} ip={data.ip} /> : (
        <div className="pod-row mono">
          <span>{data.ip || t('nodes.noIP')}</span>
          <span className="pod-node">{data.nodeName || t('nodes.unscheduled')}</span>
        </div>
      )}
    </div>
  );
});

/**
 * A restarted pod's last exit, in place of its IP and node (too narrow for both; the IP is in the
 * tooltip and the inspector): only these cards follow the clock, for the age.
 */
function LastExitLine({ last, ip }: { last: LastExit; ip: string }) {
  const { t } = useTranslation();
  const now = useStore((s) => s.snapshot?.timeIso ?? '');
  return (
    <div className="pod-row mono pod-last" title={`${ip} · ${t('nodes.lastExitTitle')}`}>
      {t('nodes.lastExitCard', { reason: last.reason, code: last.code, ago: ageAt(now, last.at) })}
    </div>
  );
}

/**
 * Zoomed out on a big cluster: the node's pods as plain coloured cells at their slots (no text,
 * no React Flow node each). A click on a cell picks its pod.
 */
function PodCells({ cells }: { cells: PodCell[] }) {
  return (
    <div
      className="pod-cells"
      onClick={(e) => {
        const id = (e.target as HTMLElement).dataset.pod;
        if (!id) return;
        e.stopPropagation();
        inspect(id);
      }}
    >
      {cells.map((c) => (
        <div key={c.id} className={`pod-cell tone-${c.tone}${c.hot ? ` chg-${c.hot}` : ''}`} data-pod={c.id} title={c.name} style={{ top: slotTop(c.slot) }} />
      ))}
    </div>
  );
}

const NodeGroup = memo(function NodeGroup({ data }: NodeProps<NodeGroupFlowNode>) {
  const { t } = useTranslation();
  const role = data.controlPlane ? 'control-plane' : 'worker';
  const journey = useJourneyStep();
  const at = journey?.node === data.name ? journey.target : undefined;
  const b = data.badges;
  if (data.cells) {
    // Zoomed out on a big cluster: the name, big enough to read from afar, and the pods as cells.
    return (
      <div className={`knode knode-summary ${role}${data.ready ? '' : ' notready'}`} data-role={role}>
        <div className="knode-far-name">{data.name}</div>
        <div className="knode-far-count">{data.pods}</div>
        <PodCells cells={data.cells} />
      </div>
    );
  }
  return (
    <div className={`knode ${role}${data.ready ? '' : ' notready'}`} data-role={role}>
      <div className="knode-head">
        <span className="knode-name">{data.name}</span>
        {data.unschedulable && <span className="pill warn">SchedulingDisabled</span>}
        <span className={data.ready ? 'pill ok' : 'pill bad'}>{data.ready ? 'Ready' : 'NotReady'}</span>
      </div>
      <div className="knode-meta">
        <span className={`pill role-${role}`}>{data.roles}</span>
        <span className="mono" title="InternalIP">{data.internalIP || '—'}</span>
      </div>
      <div className="knode-meta">
        <span className="mono" title="podCIDR">
          {t('nodes.pods', { cidr: data.podCIDR || '—' })}
        </span>
        {data.hiddenSystemPods > 0 && (
          <span className="pill system" title={t('nodes.systemHidden')}>
            {t('nodes.system', { count: data.hiddenSystemPods })}
          </span>
        )}
      </div>
      <div className="knode-badges">
        <span className={`badge ${b.kubelet.ok ? 'ok' : 'bad'}${at === 'kubelet' ? ' journey-here' : ''}`} title={t('nodes.kubelet')}>
          {b.kubelet.ok ? b.kubelet.text : t(b.kubelet.text.endsWith('heartbeat') ? 'nodes.kubeletNoHeartbeat' : 'nodes.kubeletNotReady')}
        </span>
        <span className={`badge tone-${b.proxy.tone}`} title={t('nodes.proxy')}>
          {b.proxy.text}
        </span>
        <span className={`badge runtime${at === 'runtime' ? ' journey-here' : ''}`} title={t('nodes.runtime')}>
          {b.runtime}
        </span>
      </div>
      {data.pods === 0 && <div className="knode-empty">{t('nodes.noPods')}</div>}
    </div>
  );
});

const UnscheduledGroup = memo(function UnscheduledGroup({ data }: NodeProps<UnscheduledFlowNode>) {
  const { t } = useTranslation();
  return (
    <div className="unscheduled">
      <div className="knode-head">
        <span className="knode-name">{t('nodes.unscheduledGroup')}</span>
        <span className="pill warn">{data.pods}</span>
      </div>
      <div className="knode-meta">{t('nodes.waiting')}</div>
      {data.cells && <PodCells cells={data.cells} />}
    </div>
  );
});

const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const { t } = useTranslation();
  const healthy = data.endpoints > 0 && data.readyEndpoints === data.endpoints;
  return (
    <div className={`svc${healthy ? '' : ' svc-degraded'}`}>
      <div className="svc-head">
        <span className="svc-kind">Service</span>
        <span className="pill">{data.type}</span>
      </div>
      <div className="svc-name">{data.name}</div>
      <div className="mono svc-ip">
        {data.clusterIP || t('nodes.pendingIP')} {data.ports && <span className="svc-ports">{data.ports}</span>}
      </div>
      <div className="svc-eps" title={data.slices.length ? `EndpointSlice ${data.slices.join(', ')}` : t('nodes.noSlice')}>
        {t('nodes.endpointsReady', { ready: data.readyEndpoints, total: data.endpoints })}
        {data.slices.length > 0 && <span className="svc-slices"> · {data.slices.length === 1 ? data.slices[0] : t('nodes.slices', { count: data.slices.length })}</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

/** Summary mode: every Service as a plain box (its name readable from afar); a click picks it. */
const ServicesBand = memo(function ServicesBand({ data }: NodeProps<ServicesFlowNode>) {
  return (
    <div
      className="svc-band"
      onClick={(e) => {
        const id = (e.target as HTMLElement).closest<HTMLElement>('[data-svc]')?.dataset.svc;
        if (!id) return;
        e.stopPropagation();
        inspect(id);
      }}
    >
      {data.boxes.map((b) => (
        <div key={b.id} data-svc={b.id} className={`svc-box${b.healthy ? '' : ' svc-degraded'}${b.hot ? ` chg-${b.hot}` : ''}`} style={{ left: b.x, top: b.y }} title={b.name}>
          {b.name}
        </div>
      ))}
    </div>
  );
});

const ControlPlaneNode = memo(function ControlPlaneNode({ data }: NodeProps<ControlPlaneFlowNode>) {
  const { t } = useTranslation();
  const journey = useJourneyStep();
  return (
    <div className="cplane">
      <div className="knode-head">
        <span className="knode-name">{t('nodes.controlPlane')}</span>
      </div>
      {data.chips.map((c) => (
        <button
          key={c.role}
          type="button"
          className={`cp-chip tone-${c.tone}${journey?.target === c.role ? ' journey-here' : ''}`}
          data-role={c.role}
          title={t(`nodes.componentWhat.${c.role}`)}
          onClick={(e) => {
            e.stopPropagation();
            if (c.pod) inspect(c.pod);
          }}
        >
          <span className="cp-label">{t(`nodes.component.${c.role}`)}</span>
          <span className="cp-status">{c.pod ? c.status : t('nodes.simulated')}</span>
        </button>
      ))}
    </div>
  );
});

export const nodeTypes: NodeTypes = {
  pod: PodNode,
  node: NodeGroup,
  service: ServiceNode,
  unscheduled: UnscheduledGroup,
  controlplane: ControlPlaneNode,
  services: ServicesBand,
};
