// "What my edit did": the last edit's changes (objects and, on the open node, chains), grouped
// added / changed / removed. Clicking one selects it.
import { useTranslation } from 'react-i18next';
import { sortChanges, type Change } from '../graph/changes.ts';
import { splitRule } from './ruleText.ts';
import { useLive } from '../graph/live.ts';
import { ruleSelection } from '../graph/pathNodes.tsx';
import { useStore } from '../store/index.ts';

const SIGN: Record<Change['kind'], string> = { added: '+', changed: '~', removed: '−' };

export function ChangesPanel() {
  const { t } = useTranslation();
  const changes = useLive((s) => s.changes);
  const editAt = useLive((s) => s.editAt);
  const viewNode = useStore((s) => s.viewNode);
  const select = useStore((s) => s.select);
  const setGraphView = useStore((s) => s.setGraphView);
  if (!changes.length) {
    return <div className="insp-hint">{t('changes.empty', { node: viewNode })}</div>;
  }
  const open = (c: Change) => {
    if (c.what === 'Chain') {
      const [, node, table, name] = c.key.split('/');
      setGraphView('datapath', node);
      select(`Chain/${node}/${table}/${name}`);
    } else if (c.kind !== 'removed') select(c.key);
  };
  // A rule still there opens at its row on the data path; a removed one at its chain.
  const openRule = (c: Change, index?: number) => {
    const [, node, table, name] = c.key.split('/');
    setGraphView('datapath', node);
    select(index ? ruleSelection(node!, table!, name!, index) : c.key);
  };
  return (
    <div className="changes">
      <div className="insp-sub">
        {editAt !== null ? t('changes.summaryAt', { time: (editAt / 1000).toFixed(1), count: changes.length, node: viewNode }) : t('changes.summary', { count: changes.length, node: viewNode })}
      </div>
      <ul className="change-list">
        {sortChanges(changes).map((c) => (
          <li key={c.key} className={`change change-${c.kind}`}>
            <button type="button" className="change-btn" onClick={() => open(c)} disabled={c.kind === 'removed' && c.what !== 'Chain'}>
              <span className="change-sign" aria-label={t(`changes.${c.kind}`)}>{SIGN[c.kind]}</span>
              <span className="change-label mono">{c.label}</span>
              {c.detail && <span className="change-detail">{c.detail}</span>}
            </button>
            {c.rules && c.rules.length > 0 && (
              <ul className="change-rules">
                {c.rules.map((r) => (
                  <li key={`${r.kind}${r.line}`} className={`change-rule change-${r.kind}`}>
                    <button type="button" className="change-btn" title={t('changes.showRule')} onClick={() => openRule(c, r.index)}>
                      <span className="change-sign" aria-label={t(`changes.${r.kind}`)}>{SIGN[r.kind]}</span>
                      <RuleLine line={r.line} chain={c.key.split('/')[3] ?? ''} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A rule line for the narrow panel: without `-A CHAIN` (the heading above says it), the matches
 * on one line cut with an ellipsis, the target in full below; the whole line on hover.
 */
function RuleLine({ line, chain }: { line: string; chain: string }) {
  const [body, jump] = splitRule(line, chain);
  return (
    <code className="change-line" title={line}>
      <span className="rule-body">{body}</span>
      {jump && <span className="rule-jump">{jump}</span>}
    </code>
  );
}
