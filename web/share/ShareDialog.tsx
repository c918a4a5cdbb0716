// Share and export: a link that reproduces this moment (files, seed, time, view), the workspace
// as a zip or one YAML file, the graph as PNG or SVG, and opening a zip or YAML workspace.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './share.css';
import { useStore } from '../store/index.ts';
import { fromBundle, toBundle } from './bundle.ts';
import { download, fileName } from './download.ts';
import { graphImage } from './graphImage.ts';
import { reason, type Incoming } from './IncomingDialog.tsx';
import { currentPayload, linkFor, MAX_LINK } from './link.ts';
import { LIMITS, decodeText, kb } from './validate.ts';
import { fromZip, toZip } from './zip.ts';

const seconds = (ms: number) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s` : `${(ms / 1000).toFixed(1)}s`);

export function ShareDialog({ onClose, onImport }: { onClose: () => void; onImport: (incoming: Incoming) => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const files = useStore((s) => s.files);
  // Taken when the dialog opens: the moment the user chose to share.
  const [{ payload, link }] = useState(() => {
    const payload = currentPayload();
    return { payload, link: linkFor(payload) };
  });
  const fits = link.length <= MAX_LINK;

  useEffect(() => dialog.current?.showModal(), []);
  const close = () => {
    dialog.current?.close();
    onClose();
  };
  const embed = `<iframe src="${new URL('embed.html', location.href).href}${link.slice(link.indexOf('#'))}" title="kubeplay" width="100%" height="480" style="border:1px solid #cbd5e1;border-radius:8px"></iframe>`;
  const copy = async (text: string, done: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote(done);
    } catch {
      setNote(t('share.copyFailed'));
    }
  };
  const exportZip = () => download(fileName('zip'), new Blob([toZip(files) as BlobPart], { type: 'application/zip' }));
  const exportYaml = () => {
    const bundle = toBundle(files);
    if (bundle.ok) download(fileName('yaml'), new Blob([bundle.value], { type: 'text/yaml' }));
    else setNote(reason(t, bundle));
  };
  const exportGraph = (kind: 'png' | 'svg') =>
    graphImage(kind).then((blob) => download(fileName(kind), blob), (e: unknown) => setNote(e instanceof Error ? e.message : String(e)));

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > LIMITS.bytes) return setNote(t('share.fileTooLarge', { name: file.name, size: kb(file.size), max: kb(LIMITS.bytes) }));
    const bytes = new Uint8Array(await file.arrayBuffer());
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK"
    const text = isZip ? null : decodeText(bytes, file.name);
    const result = isZip ? fromZip(bytes) : text!.ok ? fromBundle(text!.value, file.name.replace(/[^\w.-]/g, '_')) : text!;
    close();
    onImport({
      file: file.name,
      result: result.ok
        ? { ok: true, value: { files: result.value, apply: () => useStore.getState().replaceWorkspace(result.value, t('share.opened', { name: file.name })) } }
        : result,
    });
  };

  return (
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby="share-title" onCancel={close}>
      <h2 id="share-title">{t('share.title')}</h2>
      <section aria-label={t('share.link')}>
        {fits ? (
          <>
            <p>
              {t(payload.inputs ? 'share.opensReplay' : 'share.opens', { count: files.length, time: seconds(payload.time ?? 0) })}
              {' '}{t('share.private', { length: link.length.toLocaleString('en') })}
            </p>
            <div className="share-link">
              <input className="mono" readOnly value={link} aria-label={t('share.shareLink')} onFocus={(e) => e.target.select()} />
              <button type="button" className="btn-light" onClick={() => void copy(link, t('share.linkCopied'))}>{t('share.copyLink')}</button>
            </div>
            <div className="share-link">
              <input className="mono" readOnly value={embed} aria-label={t('share.embedCode')} onFocus={(e) => e.target.select()} />
              <button type="button" className="btn-light" onClick={() => void copy(embed, t('share.embedCopied'))} title={t('share.embedTitle')}>{t('share.copyEmbed')}</button>
            </div>
          </>
        ) : (
          <p className="share-error">{t('share.tooLarge', { length: link.length.toLocaleString('en'), max: MAX_LINK.toLocaleString('en') })}</p>
        )}
      </section>
      <section aria-label={t('share.export')} className="share-row">
        <span>{t('share.workspace')}</span>
        <button type="button" className="btn-light" onClick={exportZip}>{t('share.downloadZip')}</button>
        <button type="button" className="btn-light" onClick={exportYaml}>{t('share.downloadYaml')}</button>
      </section>
      <section aria-label={t('share.graphImage')} className="share-row">
        <span>{t('share.graph')}</span>
        <button type="button" className="btn-light" onClick={() => void exportGraph('png')}>PNG</button>
        <button type="button" className="btn-light" onClick={() => void exportGraph('svg')}>SVG</button>
      </section>
      <section aria-label={t('share.open')} className="share-row">
        <span>{t('share.open')}</span>
        <button type="button" className="btn-light" onClick={() => picker.current?.click()}>{t('share.openFile')}</button>
        <input ref={picker} type="file" accept=".zip,.yaml,.yml" hidden aria-label={t('share.workspaceFile')} onChange={(e) => void openFile(e.target.files?.[0])} />
      </section>
      <p className="share-note" role="status">{note}</p>
      <div className="dialog-buttons">
        <button type="button" className="btn-light" onClick={close} autoFocus>{t('share.close')}</button>
      </div>
    </dialog>
  );
}
