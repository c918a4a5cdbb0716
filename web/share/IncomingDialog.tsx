// A workspace arriving from a link or a file. Refused ones say why; accepted ones replace the
// workspace at once when nothing of the user's own would go, and otherwise ask first — with a
// way to download their files before — so opening a link never loses text.
import { useEffect, useRef, useState } from 'react';
import type { WorkspaceFile } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';
import { download, fileName } from './download.ts';
import { wouldLoseWork } from './link.ts';
import type { Checked } from './validate.ts';
import { toZip } from './zip.ts';

export interface Incoming {
  /** Where it comes from, for the title: "the link", "web.zip". */
  source: string;
  result: Checked<{ files: WorkspaceFile[]; apply: () => void }>;
}

export function IncomingDialog({ incoming, onDone }: { incoming: Incoming; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { result, source } = incoming;
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
          <h2 id="incoming-title">Open the scenario from {source}?</h2>
          <p>
            It has {result.value.files.length} file{result.value.files.length === 1 ? '' : 's'}
            {' '}({result.value.files.map((f) => f.path).slice(0, 4).join(', ')}{result.value.files.length > 4 ? ', …' : ''}).
            Opening it replaces the files you are working on; Undo (in the editor) brings them back.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="btn-light" onClick={saveMine}>Download my files (.zip)</button>
            <button type="button" className="btn-light" onClick={() => finish(false)}>Keep my files</button>
            <button type="button" className="btn-light danger" onClick={() => finish(true)} autoFocus>Open it</button>
          </div>
        </>
      ) : (
        <>
          <h2 id="incoming-title">Could not open {source}</h2>
          <p className="share-error">{result.error}</p>
          <p>Your files are unchanged.</p>
          <div className="dialog-buttons">
            <button type="button" className="btn-light" onClick={() => finish(false)} autoFocus>OK</button>
          </div>
        </>
      )}
    </dialog>
  );
}
