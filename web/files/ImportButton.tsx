// Import manifests from disk. Files whose name is already taken by different text are never
// overwritten silently: the user chooses to replace them, keep both, or cancel.
import { useTranslation } from 'react-i18next';
import { useRef, useState } from 'react';
import type { WorkspaceFile } from '../../core/protocol.ts';
import { Icon } from '../icons.tsx';
import { useStore } from '../store/index.ts';
import { conflicts } from './tree.ts';

/** Largest file accepted: the engine's workspace limit is 10 MB in all. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function ImportButton() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [asking, setAsking] = useState<{ files: WorkspaceFile[]; clashes: string[]; skipped: string[] } | null>(null);
  const importFiles = useStore((s) => s.importFiles);

  const onFiles = async (list: FileList | null) => {
    const picked = [...(list ?? [])];
    const ok = picked.filter((f) => f.size <= MAX_FILE_BYTES);
    const files = await Promise.all(ok.map(async (f) => ({ path: f.webkitRelativePath || f.name, content: await f.text() })));
    const skipped = picked.filter((f) => f.size > MAX_FILE_BYTES).map((f) => f.name);
    const { files: current, folders } = useStore.getState();
    const clashes = conflicts({ files: current, folders }, files);
    if (!clashes.length && !skipped.length) importFiles(files, 'replace');
    else {
      setAsking({ files, clashes, skipped });
      dialog.current?.showModal();
    }
    if (input.current) input.current.value = '';
  };
  const finish = (mode: 'replace' | 'keep-both' | null) => {
    if (mode && asking) importFiles(asking.files, mode);
    dialog.current?.close();
    setAsking(null);
  };

  return (
    <>
      <button type="button" className="icon-btn" aria-label={t('import.button')} title={t('import.title')} onClick={() => input.current?.click()}><Icon name="import" size={18} /></button>
      <input ref={input} type="file" multiple accept=".yaml,.yml,.json" hidden onChange={(e) => void onFiles(e.target.files)} />
      <dialog ref={dialog} className="dialog" aria-labelledby="import-title" onCancel={() => finish(null)}>
        <h2 id="import-title">{t('import.heading')}</h2>
        {asking?.skipped.length ? <p>{t('import.tooLarge', { names: asking.skipped.join(', ') })}</p> : null}
        {asking?.clashes.length ? (
          <>
            <p>{t('import.clashes')}</p>
            <ul className="mono">{asking.clashes.map((c) => <li key={c}>{c}</li>)}</ul>
          </>
        ) : null}
        <div className="dialog-buttons">
          {asking?.clashes.length ? <button type="button" className="btn-light" onClick={() => finish('keep-both')}>{t('import.keepBoth')}</button> : null}
          <button type="button" className="btn-light danger" onClick={() => finish('replace')}>
            {asking?.clashes.length ? t('import.replace') : t('import.rest')}
          </button>
          <button type="button" className="btn-light" onClick={() => finish(null)} autoFocus>{t('import.cancel')}</button>
        </div>
      </dialog>
    </>
  );
}
