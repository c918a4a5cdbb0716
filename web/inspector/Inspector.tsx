// The inspector beside the graph: whatever is selected (an object's why, describe, events and
// YAML; an iptables rule's exact line), the packet tracer, and what the last edit changed.
import { useEffect, useState } from 'react';
import { useLive } from '../graph/live.ts';
import { useStore } from '../store/index.ts';
import { ChangesPanel } from './ChangesPanel.tsx';
import { ObjectInspector } from './ObjectInspector.tsx';
import { RuleInspector } from './RuleInspector.tsx';
import { TracePanel, type TraceDraft } from './TracePanel.tsx';
import './inspector.css';

type Tab = 'inspect' | 'trace' | 'changes';

export function Inspector({ table, onClose }: { table: string; onClose: () => void }) {
  const selected = useStore((s) => s.selected);
  const picked = useLive((s) => s.inspectSeq);
  const lastTrace = useStore((s) => s.lastTrace?.seq);
  const [tab, setTab] = useState<Tab>('inspect');
  const [draft, setDraft] = useState<TraceDraft>({ from: '', to: '' });
  // A new selection is something to inspect; a trace (also from the terminal) is to follow.
  useEffect(() => {
    if (selected) setTab('inspect');
  }, [selected, picked]);
  useEffect(() => {
    if (lastTrace) setTab('trace');
  }, [lastTrace]);
  const traceFrom = (d: Partial<TraceDraft>) => {
    setDraft((old) => ({ ...old, ...d }));
    setTab('trace');
  };

  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="insp-tabs" role="tablist" aria-label="Inspector">
        {(['inspect', 'trace', 'changes'] as Tab[]).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className="insp-tab" onClick={() => setTab(t)}>
            {t === 'inspect' ? 'Inspect' : t === 'trace' ? 'Trace a packet' : 'What changed'}
          </button>
        ))}
        <button type="button" className="insp-close" onClick={onClose} aria-label="Hide the inspector" title="Hide the inspector">
          ›
        </button>
      </div>
      <div className="insp-body">
        {tab === 'inspect' && (!selected ? <Hint /> : /^(Rule|Chain)\//.test(selected) ? <RuleInspector selection={selected} table={table} /> : <ObjectInspector objectKey={selected} onTrace={traceFrom} />)}
        {tab === 'trace' && <TracePanel draft={draft} setDraft={setDraft} />}
        {tab === 'changes' && <ChangesPanel />}
      </div>
    </aside>
  );
}

function Hint() {
  return (
    <div className="insp-hint">
      <p><b>Click anything</b> in the graph to see what it is and <b>why</b> it is in that state: a pod, a node, a Service, an iptables rule.</p>
      <p>A <b>Pending</b> pod tells you which node rejected it and why.</p>
      <p><b>Trace a packet</b> follows one connection through the rules kube-proxy wrote.</p>
      <p><b>What changed</b> lists what your last edit added, changed or removed — pods, endpoints, chains, rules.</p>
    </div>
  );
}
