// After a file operation (delete, rename, import, reset) a bar says what happened and offers
// Undo, so no click in the tree can lose text. It hides after a while or on the next edit.
import { useTranslation } from 'react-i18next';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useStore } from '../store/index.ts';
import { otherTabNotice } from './tabSync.ts';

const SHOW_MS = 12_000;

export function UndoBar() {
  const { t } = useTranslation();
  const ops = useStore((s) => s.fileOps);
  const undo = useStore((s) => s.undoFileOp);
  const last = ops.at(-1);
  const [hidden, setHidden] = useState<unknown>(null);
  useEffect(() => {
    if (!last) return;
    const t = setTimeout(() => setHidden(last), SHOW_MS);
    return () => clearTimeout(t);
  }, [last]);
  const fromTab = useSyncExternalStore(otherTabNotice.subscribe, otherTabNotice.get);
  useEffect(() => {
    if (!fromTab) return;
    const t = setTimeout(otherTabNotice.dismiss, SHOW_MS);
    return () => clearTimeout(t);
  }, [fromTab]);
  // Another tab on this workspace saved a change, and this tab now shows it: said, never silent.
  if (fromTab) {
    return (
      <div className="undo-bar" role="status">
        <span title={fromTab.paths.join('\n')}>{t('undo.otherTab', { count: fromTab.paths.length, path: fromTab.paths[0] ?? '', more: fromTab.paths.length - 1 })}</span>
        <button type="button" className="icon-btn" aria-label={t('undo.dismiss')} onClick={otherTabNotice.dismiss}>×</button>
      </div>
    );
  }
  if (!last || hidden === last) return null;
  return (
    <div className="undo-bar" role="status">
      <span>{last.label}.</span>
      <button type="button" className="btn-light small" onClick={undo}>{t('undo.undo')}</button>
      <button type="button" className="icon-btn" aria-label={t('undo.dismiss')} onClick={() => setHidden(last)}>×</button>
    </div>
  );
}
