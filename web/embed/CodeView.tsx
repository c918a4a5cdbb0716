// The read-only editor of an embed: the files as plain text with line numbers and tabs. No
// Monaco (megabytes) for text nobody can change; React renders it as text, never as HTML.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/index.ts';

export function CodeView() {
  const { t } = useTranslation();
  const files = useStore((s) => s.files);
  const activePath = useStore((s) => s.activePath);
  const openFile = useStore((s) => s.openFile);
  const errors = useStore((s) => s.errors);
  const file = files.find((f) => f.path === activePath) ?? files[0];
  const lines = (file?.content ?? '').replace(/\n$/, '').split('\n');
  const bad = new Set(errors.filter((e) => e.file === file?.path).map((e) => e.line));

  return (
    <section className="code-view" aria-label={t('embed.files')}>
      {files.length > 1 && (
        <div className="code-tabs" role="tablist" aria-label={t('embed.tabs')}>
          {files.map((f) => (
            <button key={f.path} type="button" role="tab" aria-selected={f === file} className="code-tab" title={f.path} onClick={() => openFile(f.path)}>
              {f.path}
            </button>
          ))}
        </div>
      )}
      <pre className="code-text" tabIndex={0} aria-label={file ? t('embed.fileReadOnly', { path: file.path }) : t('embed.noFile')}>
        {lines.map((l, i) => (
          <div key={i} className={bad.has(i + 1) ? 'code-line bad' : 'code-line'}>
            <span className="code-no" aria-hidden="true">{i + 1}</span>
            {l || ' '}
          </div>
        ))}
      </pre>
    </section>
  );
}
