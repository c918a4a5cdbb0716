// The lesson picker: the built-in lessons, and any Lesson file in the workspace (written here
// or arrived in a share link). A built-in lesson can be copied into the workspace to adapt it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../i18n/index.ts';
import { useStore } from '../store/index.ts';
import { Dialog } from './Dialog.tsx';
import { pick } from './format.ts';
import { builtinIndex, builtinText, workspaceLessons, type LessonEntry } from './source.ts';

export function LessonPicker() {
  const { t } = useTranslation();
  const lang = currentLang();
  const files = useStore((s) => s.files);
  const { setDialog, openLesson, createFile, openFile } = useStore.getState();
  const [builtin, setBuiltin] = useState<LessonEntry[] | string | null>(null);
  useEffect(() => {
    builtinIndex().then(setBuiltin, (e: unknown) => setBuiltin(String(e)));
  }, []);
  const own = workspaceLessons(files);
  const copy = async (id: string) => {
    const path = `lessons/${id}.yaml`;
    if (createFile(path, await builtinText(id))) openFile(path); // already there: show it
    setDialog(null);
  };

  return (
    <Dialog label={t('picker.title')} onClose={() => setDialog(null)} className="picker">
      <h2>{t('picker.title')}</h2>
      {own.length > 0 && (
        <section aria-labelledby="picker-own">
          <h3 id="picker-own">{t('picker.workspace')}</h3>
          <ul className="picker-list">
            {own.map((f) => (
              <li key={f.path}>
                <button type="button" className="picker-item" onClick={() => openLesson(`file:${f.path}`)}>
                  <span className="picker-name mono">{f.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="picker-builtin">
        <h3 id="picker-builtin">{t('picker.builtin')}</h3>
        {builtin === null && <p aria-busy="true">{t('classroom.loading')}</p>}
        {typeof builtin === 'string' && <p role="alert">{builtin}</p>}
        {Array.isArray(builtin) && (
          <ol className="picker-list">
            {builtin.map((l) => (
              <li key={l.id} className="picker-row">
                <button type="button" className="picker-item" onClick={() => openLesson(`builtin:${l.id}`)}>
                  <span className="picker-name">{pick(l.title, lang)}</span>
                  <span className="picker-summary">{pick(l.summary, lang)}</span>
                  <span className="picker-steps">{t('picker.steps', { count: l.steps })}</span>
                </button>
                <button type="button" className="btn-light small" onClick={() => void copy(l.id)} aria-label={t('picker.copyLabel', { title: pick(l.title, lang) })} title={t('picker.copyTitle')}>
                  {t('picker.copy')}
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      <div className="dialog-buttons">
        <button type="button" className="btn-light" onClick={() => setDialog(null)}>{t('help.close')}</button>
      </div>
    </Dialog>
  );
}
