// The inspector beside the graph: whatever is selected (an object's why, describe, events and
// YAML; an iptables rule's exact line), the packet tracer, and what the last edit changed.
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    <aside className="inspector" aria-label={t('inspector.label')}>
      <div className="insp-tabs">
        <div className="insp-tablist" role="tablist" aria-label={t('inspector.label')}>
        {(['inspect', 'trace', 'changes'] as Tab[]).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className="insp-tab" onClick={() => setTab(id)}>
            {t(`inspector.${id}`)}
          </button>
        ))}
        </div>
        <button type="button" className="insp-close" onClick={onClose} aria-label={t('inspector.hide')} title={t('inspector.hide')}>
          ›
        </button>
      </div>
      <div className="insp-body" tabIndex={0} aria-label={t(`inspector.${tab}`)}>
        {tab === 'inspect' && (!selected ? <Hint /> : /^(Rule|Chain)\//.test(selected) ? <RuleInspector selection={selected} table={table} /> : <ObjectInspector objectKey={selected} onTrace={traceFrom} />)}
        {tab === 'trace' && <TracePanel draft={draft} setDraft={setDraft} />}
        {tab === 'changes' && <ChangesPanel />}
      </div>
    </aside>
  );
}

function Hint() {
  const bold = { b: <b /> };
  return (
    <div className="insp-hint">
      {(['hint1', 'hint2', 'hint3', 'hint4'] as const).map((k) => (
        <p key={k}><Trans i18nKey={`inspector.${k}`} components={bold} /></p>
      ))}
    </div>
  );
}
