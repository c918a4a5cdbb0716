// A workspace arriving from a link or a file. Refused ones say why; accepted ones replace the
// workspace at once when nothing of the user's own would go, and otherwise ask first — with a
// way to download their files before — so opening a link never loses text.
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { WorkspaceFile } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';
import { download, fileName } from './download.ts';
import { wouldLoseWork } from './link.ts';
import type { Checked } from './validate.ts';
import type { Refusal } from './refusals.ts';
import { toZip } from './zip.ts';

export interface Incoming {
  /** The file it comes from, for the title ("web.zip"); none for a link. */
  file?: string;
  result: Checked<{ files: WorkspaceFile[]; apply: () => void }>;
}

/** Why something was refused, in the page's language (our own reasons by key, others as they came). */
export function reason(t: TFunction, refused: { error: string; refusal?: Refusal }): string {
  // The key is data (one of REFUSED's): an untyped lookup.
  const lookup = t as unknown as (key: string, options: { replace: Record<string, string | number> }) => string;
  return refused.refusal ? lookup(`refused.${refused.refusal.key}`, { replace: refused.refusal.params ?? {} }) : refused.error;
}

export function IncomingDialog({ incoming, onDone }: { incoming: Incoming; onDone: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const { result, file } = incoming;
  // Decided once, on arrival: after "Open it" the files are the incoming ones.
  const [ask] = useState(() => !result.ok || wouldLoseWork(result.value.files));

  const applied = useRef(false);
  useEffect(() => {
    if (ask) dialog.current?.showModal();
    else if (result.ok && !applied.current) {
      applied.current = true; // effects run twice in StrictMode: load once
      result.value.apply();
      onDone();
    }
  }, [ask, result, onDone]);

  const finish = (accept: boolean) => {
    if (accept && result.ok) result.value.apply();
    dialog.current?.close();
    onDone();
  };
  const saveMine = () => download(fileName('zip'), new Blob([toZip(useStore.getState().files) as BlobPart], { type: 'application/zip' }));
  if (!ask) return null;

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="incoming-title" onCancel={() => finish(false)}>
      {result.ok ? (
        <>
          <h2 id="incoming-title">{file ? t('incoming.titleFile', { file }) : t('incoming.titleLink')}</h2>
          <p>
            {t('incoming.files', { count: result.value.files.length, paths: `${result.value.files.map((f) => f.path).slice(0, 4).join(', ')}${result.value.files.length > 4 ? ', …' : ''}` })}
            {' '}{t('incoming.replaces')}
          </p>
          <div className="dialog-buttons">
            <button type="button" className="btn-light" onClick={saveMine}>{t('incoming.saveMine')}</button>
            <button type="button" className="btn-light" onClick={() => finish(false)}>{t('incoming.keepMine')}</button>
            <button type="button" className="btn-light danger" onClick={() => finish(true)} autoFocus>{t('incoming.openIt')}</button>
          </div>
        </>
      ) : (
        <>
          <h2 id="incoming-title">{file ? t('incoming.failedFile', { file }) : t('incoming.failedLink')}</h2>
          <p className="share-error">{reason(t, result)}</p>
          <p>{t('incoming.unchanged')}</p>
          <div className="dialog-buttons">
            <button type="button" className="btn-light" onClick={() => finish(false)} autoFocus>{t('incoming.ok')}</button>
          </div>
        </>
      )}
    </dialog>
  );
}
